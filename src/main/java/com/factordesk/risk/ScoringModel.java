package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import com.factordesk.debtor.BureauProvider;

/**
 * One version of the scoring rules: the component weights, the curves and the limits the
 * desk scores its debtors with. A score records the version it used so that a decision
 * can be explained later.
 *
 * @param version the version number, recorded with every score
 * @param weights how much each component counts in the score
 * @param paymentBlend how the payment behaviour sub-score is made of days beyond terms,
 * the share paid late and the open items
 * @param adbtCurve days beyond terms to sub-score, also used for the days past due of the
 * most overdue open item
 * @param disputeRateCurve dispute rate (a fraction: 0.05 is 5 %) to sub-score
 * @param credibilityK the k in the credibility n / (n + k) with which a thin file's
 * payment history is shrunk toward the portfolio's mean payment history, n being the paid
 * invoices
 * @param disputeCredibilityK the k in the credibility n / (n + k) with which a debtor's
 * dispute rates are shrunk toward the portfolio's, n being the invoices issued in the
 * trailing 365 days
 * @param trend how a recent change in days beyond terms adjusts payment behaviour
 * @param bureauDecay how an old bureau score fades to neutral
 * @param pastDueCap the most a debtor with long past-due open items may score
 * @param bureauScales per provider, the curve from its raw score to 0-100 higher is safer
 */
public record ScoringModel(int version, Weights weights, PaymentBlend paymentBlend, PiecewiseLinearCurve adbtCurve,
		PiecewiseLinearCurve disputeRateCurve, int credibilityK, int disputeCredibilityK, TrendRule trend,
		BureauDecay bureauDecay, PastDueCap pastDueCap, Map<BureauProvider, PiecewiseLinearCurve> bureauScales) {

	/**
	 * The k of dispute-rate credibility of DESIGN.md section 2, and of every version
	 * stored before it was configurable.
	 */
	public static final int DEFAULT_DISPUTE_CREDIBILITY_K = 10;

	public ScoringModel {
		Objects.requireNonNull(weights, "weights");
		Objects.requireNonNull(paymentBlend, "paymentBlend");
		Objects.requireNonNull(adbtCurve, "adbtCurve");
		Objects.requireNonNull(disputeRateCurve, "disputeRateCurve");
		Objects.requireNonNull(trend, "trend");
		Objects.requireNonNull(bureauDecay, "bureauDecay");
		Objects.requireNonNull(pastDueCap, "pastDueCap");
		if (credibilityK < 0) {
			throw new IllegalArgumentException("The credibility k cannot be negative, got " + credibilityK);
		}
		if (disputeCredibilityK < 0) {
			throw new IllegalArgumentException(
					"The dispute credibility k cannot be negative, got " + disputeCredibilityK);
		}
		bureauScales = Map.copyOf(bureauScales);
		for (BureauProvider provider : BureauProvider.values()) {
			if (!bureauScales.containsKey(provider)) {
				throw new IllegalArgumentException("No scale configured for bureau " + provider);
			}
		}
	}

	/**
	 * A model with the default dispute credibility k
	 * ({@value #DEFAULT_DISPUTE_CREDIBILITY_K}), as models were written before it was
	 * configurable.
	 */
	public ScoringModel(int version, Weights weights, PaymentBlend paymentBlend, PiecewiseLinearCurve adbtCurve,
			PiecewiseLinearCurve disputeRateCurve, int credibilityK, TrendRule trend, BureauDecay bureauDecay,
			PastDueCap pastDueCap, Map<BureauProvider, PiecewiseLinearCurve> bureauScales) {
		this(version, weights, paymentBlend, adbtCurve, disputeRateCurve, credibilityK, DEFAULT_DISPUTE_CREDIBILITY_K,
				trend, bureauDecay, pastDueCap, bureauScales);
	}

	/**
	 * Version 1, the defaults of DESIGN.md section 2.
	 * <p>
	 * The provider scales: PAYDEX reads as days beyond terms (80 = within terms, 70 = 15
	 * days beyond, 50 = 30 days, 40 = 60 days, 30 = 90 days or worse) and goes through
	 * the same days-beyond-terms curve as our own payment data, so 80 and above is 100,
	 * 70 is 75, 50 is 50, 40 is 20 and 30 or below is 0. Intelliscore (1-100) and Graydon
	 * (1-100) are stretched linearly so that 1 is 0 and 100 is 100. Creditsafe (0-100) is
	 * already 0-100, higher is safer, and is taken as it is.
	 */
	public static ScoringModel defaults() {
		Map<BureauProvider, PiecewiseLinearCurve> scales = new EnumMap<>(BureauProvider.class);
		scales.put(BureauProvider.PAYDEX,
				PiecewiseLinearCurve.of("30", "0", "40", "20", "50", "50", "70", "75", "80", "100"));
		scales.put(BureauProvider.INTELLISCORE, PiecewiseLinearCurve.of("1", "0", "100", "100"));
		scales.put(BureauProvider.CREDITSAFE, PiecewiseLinearCurve.of("0", "0", "100", "100"));
		scales.put(BureauProvider.GRAYDON, PiecewiseLinearCurve.of("1", "0", "100", "100"));
		return new ScoringModel(1, new Weights(new BigDecimal("0.45"), new BigDecimal("0.35"), new BigDecimal("0.20")),
				new PaymentBlend(new BigDecimal("0.60"), new BigDecimal("0.25"), new BigDecimal("0.15")),
				PiecewiseLinearCurve.of("0", "100", "15", "75", "30", "50", "60", "20", "90", "0"),
				PiecewiseLinearCurve.of("0", "100", "0.05", "70", "0.15", "30", "0.25", "0"), 10,
				DEFAULT_DISPUTE_CREDIBILITY_K, new TrendRule(3, new BigDecimal("0.5"), new BigDecimal("10")),
				new BureauDecay(180, 365, new BigDecimal("50")), new PastDueCap(60, new BigDecimal("40")), scales);
	}

	/**
	 * How much each component counts: each 0-1, together exactly 1.
	 *
	 * @param paymentBehaviour the weight of payment behaviour
	 * @param bureau the weight of the bureau scores
	 * @param disputes the weight of disputes
	 */
	public record Weights(BigDecimal paymentBehaviour, BigDecimal bureau, BigDecimal disputes) {

		public Weights {
			requireShare("payment behaviour weight", paymentBehaviour);
			requireShare("bureau weight", bureau);
			requireShare("disputes weight", disputes);
			BigDecimal sum = paymentBehaviour.add(bureau).add(disputes);
			if (sum.compareTo(BigDecimal.ONE) != 0) {
				throw new IllegalArgumentException(
						"The weights must add up to 1, they add up to " + sum.toPlainString());
			}
		}

		/**
		 * The weight of one component.
		 */
		public BigDecimal of(Component component) {
			return switch (component) {
				case PAYMENT_BEHAVIOUR -> this.paymentBehaviour;
				case BUREAU -> this.bureau;
				case DISPUTES -> this.disputes;
			};
		}

	}

	/**
	 * How payment behaviour is blended from three parts, each 0-100: the
	 * days-beyond-terms curve at the debtor's average days beyond terms, the share paid
	 * on time (100 x (1 - share paid late)), and the days-beyond-terms curve at the days
	 * past due of its most overdue open item. The weights are each 0-1 and add up to
	 * exactly 1. The first two are the debtor's history, which the trend adjusts and
	 * credibility shrinks toward the portfolio mean; the open items are facts of today
	 * and are not shrunk.
	 *
	 * @param adbt the weight of average days beyond terms
	 * @param onTime the weight of the share paid on time
	 * @param openItems the weight of the open items' days past due
	 */
	public record PaymentBlend(BigDecimal adbt, BigDecimal onTime, BigDecimal openItems) {

		public PaymentBlend {
			requireShare("days beyond terms weight", adbt);
			requireShare("paid on time weight", onTime);
			requireShare("open items weight", openItems);
			BigDecimal sum = adbt.add(onTime).add(openItems);
			if (sum.compareTo(BigDecimal.ONE) != 0) {
				throw new IllegalArgumentException(
						"The payment blend must add up to 1, it adds up to " + sum.toPlainString());
			}
			if (adbt.add(onTime).signum() == 0) {
				throw new IllegalArgumentException("The payment blend needs weight on the payment history");
			}
		}

		/**
		 * The weight of the history part: days beyond terms and share on time together.
		 */
		public BigDecimal history() {
			return this.adbt.add(this.onTime);
		}

	}

	/**
	 * The trend adjustment: when the debtor paid at least {@code minRecentInvoices}
	 * invoices in the last 90 days, every day its recent days beyond terms differ from
	 * the year's moves its history by {@code pointsPerDay} (later is lower), at most
	 * {@code maxPoints} either way.
	 *
	 * @param minRecentInvoices the fewest recent paid invoices for a trend to count
	 * @param pointsPerDay points per day of difference
	 * @param maxPoints the largest adjustment either way
	 */
	public record TrendRule(int minRecentInvoices, BigDecimal pointsPerDay, BigDecimal maxPoints) {

		public TrendRule {
			if (minRecentInvoices < 1) {
				throw new IllegalArgumentException("A trend needs at least one recent invoice");
			}
			if (pointsPerDay.signum() < 0 || maxPoints.signum() < 0) {
				throw new IllegalArgumentException("Trend points cannot be negative");
			}
		}

	}

	/**
	 * A bureau score counts in full up to {@code freshDays} old, then fades linearly to
	 * the {@code neutralScore} at {@code neutralDays} old and stays there.
	 *
	 * @param freshDays the age up to which a score counts in full
	 * @param neutralDays the age at which a score has become neutral
	 * @param neutralScore the neutral sub-score
	 */
	public record BureauDecay(int freshDays, int neutralDays, BigDecimal neutralScore) {

		public BureauDecay {
			if (freshDays < 0 || neutralDays <= freshDays) {
				throw new IllegalArgumentException(
						"A bureau score must be fresh for a while and then turn neutral later, got " + freshDays
								+ " and " + neutralDays + " days");
			}
			if (neutralScore.signum() < 0 || neutralScore.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new IllegalArgumentException("The neutral score is 0-100");
			}
		}

	}

	/**
	 * A debtor with open items {@code daysPastDue} or more days past due cannot score
	 * above {@code maxScore}.
	 *
	 * @param daysPastDue the days past due from which the cap applies
	 * @param maxScore the highest score such a debtor may have
	 */
	public record PastDueCap(int daysPastDue, BigDecimal maxScore) {

		public PastDueCap {
			if (daysPastDue < 1) {
				throw new IllegalArgumentException("The past-due cap starts at 1 day or more");
			}
			if (maxScore.signum() < 0 || maxScore.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new IllegalArgumentException("The past-due cap is a score 0-100");
			}
		}

	}

	private static void requireShare(String name, BigDecimal value) {
		Objects.requireNonNull(value, name);
		if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("The " + name + " must be 0-1, got " + value.toPlainString());
		}
	}

}
