package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.DebtorRiskInputs.Disputes;
import com.factordesk.risk.DebtorRiskInputs.OpenItems;
import com.factordesk.risk.DebtorRiskInputs.Payments;
import com.factordesk.risk.ScoringModel.BureauDecay;
import com.factordesk.risk.ScoringModel.PaymentBlend;

/**
 * Scores a debtor: a pure function from its inputs and a scoring model to a score 0-100
 * (higher is safer), a grade, the components and the reasons. No database, no clock: the
 * same inputs and model always give the same assessment.
 * <p>
 * <b>Payment behaviour</b> (weights from {@link PaymentBlend}, by default 0.60 / 0.25 /
 * 0.15): <pre>
 * A       = ADBT curve at the average days beyond terms of the invoices paid in 365 days
 * L       = 100 x (1 - share paid late)
 * base    = (0.60 A + 0.25 L) / 0.85
 * history = base + trend, kept within 0-100
 * z       = n / (n + k), n = paid invoices, k = 10
 * H       = z x history + (1 - z) x portfolio's mean history   (credibility shrinkage)
 * O       = ADBT curve at the days past due of the most overdue open invoice
 * payment = 0.85 H + 0.15 O
 * </pre> The trend compares the last 90 days with the year: when at least 3 invoices were
 * paid in the last 90 days, each day their ADBT is above the year's costs 0.5 points (and
 * each day below earns 0.5), at most 10 either way. The portfolio's mean history is the
 * mean of the same history part over the debtors with paid invoices
 * ({@link PortfolioMeans}), so that a thin file is shrunk toward what its own part would
 * be on average, not toward whole payment behaviour. With no invoices paid the history is
 * the portfolio's mean; with no invoices paid and none open, payment behaviour is
 * missing.
 * <p>
 * <b>Bureau</b>: the newest reading per provider dated on or before the as-of date,
 * normalised by the provider's scale, fading to neutral 50 between 180 and 365 days old,
 * averaged over providers. No reading: the neutral 50, flagged "no bureau score" (no file
 * is no better than a stale one, so it cannot raise a debtor above one).
 * <p>
 * <b>Disputes</b>: over the invoices issued in 365 days, the dispute rate by count and by
 * amount, open disputes counted twice in both, each shrunk toward the portfolio's rate of
 * the same kind with credibility z = n / (n + k), n = invoices issued, k = 10 (one
 * dispute on two invoices is not a 50 % rate): rate = z x own rate + (1 - z) x
 * portfolio's rate. The higher of the two goes through the dispute rate curve. No
 * invoices issued: missing.
 * <p>
 * <b>Score</b>: the weighted average of the components present (a missing component's
 * weight is shared among the others in proportion to their weights, and a reason says it
 * is missing), capped at 40 when an open item is 60 or more days past due. Everything is
 * computed from the unrounded inputs and carried unrounded (34 significant digits) to the
 * end, then rounded once, half even, to one decimal; the grade is read from the rounded
 * score (79.95 is 80.0 and A, 79.94 is 79.9 and B). Before that rounding the total is
 * settled at 20 decimals, which drops the noise a division leaves in the last of the 34
 * digits (so that a total that is exactly 79.95 is not carried as 79.9499...9). When
 * every component is missing the score is the neutral 50. Sub-scores and points lost are
 * rounded only as they are shown.
 * <p>
 * <b>Reasons</b>: every loss is measured in score points against the maximum of 100 (a
 * component's loss is its effective weight x (100 - sub-score), split over what caused
 * it; the cap loses the points above 40). The five largest losses are kept, largest
 * first; a missing input, or one scored at a neutral value in its place, is always
 * listed, after the losses, in place of the smallest.
 */
public final class RiskScorer {

	static final int MAX_REASONS = 5;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/**
	 * The precision a score is carried at until its one rounding.
	 */
	static final MathContext MC = MathContext.DECIMAL128;

	/**
	 * The decimals at which the carried total is settled before it is rounded.
	 */
	private static final int SETTLED_DECIMALS = 20;

	/**
	 * Scores one debtor with one model.
	 */
	public RiskAssessment score(DebtorRiskInputs inputs, ScoringModel model) {
		List<Part> parts = List.of(payment(inputs, model), bureau(inputs, model), disputes(inputs, model));
		BigDecimal weightPresent = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		for (Part part : parts) {
			if (!part.missing()) {
				BigDecimal weight = model.weights().of(part.component());
				weightPresent = weightPresent.add(weight);
				weighted = weighted.add(weight.multiply(part.subScore()));
			}
		}
		boolean scored = weightPresent.signum() > 0;
		BigDecimal total = scored ? weighted.divide(weightPresent, MC) : model.bureauDecay().neutralScore();

		List<ComponentScore> components = new ArrayList<>();
		List<Reason> losses = new ArrayList<>();
		List<Reason> missing = new ArrayList<>();
		for (Part part : parts) {
			BigDecimal weight = model.weights().of(part.component());
			if (part.missing() || !scored) {
				components.add(new ComponentScore(part.component(), shown(part.subScore()), weight,
						BigDecimal.ZERO.setScale(6), part.missing(), points(BigDecimal.ZERO)));
				if (part.missing()) {
					missing.add(part.missingReason());
				}
				continue;
			}
			BigDecimal effectiveWeight = weight.divide(weightPresent, MC);
			components.add(new ComponentScore(part.component(), shown(part.subScore()), weight,
					effectiveWeight.setScale(6, RoundingMode.HALF_EVEN), false,
					points(effectiveWeight.multiply(HUNDRED.subtract(part.subScore())))));
			for (Loss loss : part.losses()) {
				losses.add(new Reason(loss.code(), points(effectiveWeight.multiply(loss.subScorePoints())), loss.text(),
						loss.args()));
			}
			if (part.missingReason() != null) {
				// scored at a neutral value in its place: flagged, with the points that
				// costs
				Reason flagged = part.missingReason();
				missing
					.add(new Reason(flagged.code(), points(effectiveWeight.multiply(HUNDRED.subtract(part.subScore()))),
							flagged.text(), flagged.args()));
			}
		}

		ScoringModel.PastDueCap cap = model.pastDueCap();
		OpenItems open = inputs.openItems();
		boolean longPastDue = open.maxDaysPastDue() >= cap.daysPastDue() || open.amount60PlusPastDue().isPositive();
		if (longPastDue && total.compareTo(cap.maxScore()) > 0) {
			losses.add(new Reason(Reason.PAST_DUE_CAP, points(total.subtract(cap.maxScore())),
					"items " + cap.daysPastDue() + "+ days past due: score capped at " + plain(cap.maxScore()),
					List.of(cap.daysPastDue(), cap.maxScore(), open.amount60PlusPastDue())));
			total = cap.maxScore();
		}

		// the one rounding, after settling the last digits' noise
		BigDecimal score = total.setScale(SETTLED_DECIMALS, RoundingMode.HALF_EVEN).setScale(1, RoundingMode.HALF_EVEN);
		List<Reason> reasons = new ArrayList<>(losses.stream()
			.filter((reason) -> reason.pointsLost().signum() > 0)
			.sorted(Comparator.comparing(Reason::pointsLost).reversed())
			.limit(Math.max(0, MAX_REASONS - missing.size()))
			.toList());
		reasons.addAll(missing);
		return new RiskAssessment(score, Grade.of(score), components, reasons, model.version());
	}

	private Part payment(DebtorRiskInputs inputs, ScoringModel model) {
		Payments paid = inputs.payments();
		OpenItems open = inputs.openItems();
		if (paid.paidCount() == 0 && open.count() == 0) {
			return Part.missing(Component.PAYMENT_BEHAVIOUR, new Reason(Reason.NO_PAYMENT_HISTORY,
					points(BigDecimal.ZERO), "no paid or open invoices in the last 365 days", List.of()));
		}
		PaymentBlend blend = model.paymentBlend();
		BigDecimal mean = inputs.portfolioMeans().paymentHistory();
		int n = paid.paidCount();
		BigDecimal z = credibility(n, model.credibilityK());
		List<Loss> losses = new ArrayList<>();

		BigDecimal credibleHistory = mean;
		if (n > 0) {
			History own = history(paid, model);
			credibleHistory = z.multiply(own.history()).add(BigDecimal.ONE.subtract(z).multiply(mean));

			losses.add(new Loss(Reason.PAYS_LATE, blend.adbt().multiply(z).multiply(HUNDRED.subtract(own.adbtScore())),
					"pays " + count(wholeDays(paid.adbtDays()), "day") + " beyond terms on average ("
							+ count(n, "invoice") + ", " + count(paid.clientCount(), "client") + ")",
					List.of(wholeDays(paid.adbtDays()), n, paid.clientCount())));
			int latePercent = wholePercent(paid.lateShare());
			losses.add(new Loss(Reason.LATE_SHARE,
					blend.onTime().multiply(z).multiply(HUNDRED.subtract(own.onTimeScore())),
					latePercent + " % of " + count(n, "invoice") + " paid late", List.of(latePercent, n)));
			losses.add(new Loss(Reason.TREND_WORSENING,
					blend.history().multiply(z).multiply(own.base().subtract(own.history())),
					"paying later lately: " + count(wholeDays(paid.recentAdbtDays()), "day")
							+ " beyond terms in the last 90 days, " + wholeDays(paid.adbtDays()) + " over the year",
					List.of(wholeDays(paid.recentAdbtDays()), wholeDays(paid.adbtDays()))));
		}
		if (n < model.credibilityK()) {
			BigDecimal meanShare = BigDecimal.ONE.subtract(z);
			losses.add(new Loss(Reason.THIN_FILE, blend.history().multiply(meanShare).multiply(HUNDRED.subtract(mean)),
					"thin file: " + ((n == 0) ? "no paid invoices" : count(n, "paid invoice")) + ", "
							+ wholePercent(meanShare) + " % of payment behaviour is the portfolio average",
					List.of(n, wholePercent(meanShare))));
		}

		BigDecimal openScore = model.adbtCurve().exactAt(BigDecimal.valueOf(open.maxDaysPastDue()));
		if (open.maxDaysPastDue() > 0) {
			losses.add(new Loss(Reason.OPEN_PAST_DUE, blend.openItems().multiply(HUNDRED.subtract(openScore)),
					"an open invoice is " + count(open.maxDaysPastDue(), "day") + " past due ("
							+ count(open.count(), "open invoice") + ", " + open.amount() + ")",
					List.of(open.maxDaysPastDue(), open.count(), open.amount())));
		}
		BigDecimal subScore = blend.history().multiply(credibleHistory).add(blend.openItems().multiply(openScore));
		return new Part(Component.PAYMENT_BEHAVIOUR, within0To100(subScore), losses, null);
	}

	/**
	 * A debtor's payment history on its own record, before credibility shrinkage: the
	 * days-beyond-terms and share-on-time parts blended ({@code base}), adjusted by the
	 * trend and kept within 0-100 ({@code history}). Only for a debtor with paid
	 * invoices.
	 */
	static History history(Payments paid, ScoringModel model) {
		PaymentBlend blend = model.paymentBlend();
		BigDecimal adbtScore = model.adbtCurve().exactAt(paid.adbtDays());
		BigDecimal onTimeScore = HUNDRED.multiply(BigDecimal.ONE.subtract(paid.lateShare()));
		BigDecimal base = blend.adbt()
			.multiply(adbtScore)
			.add(blend.onTime().multiply(onTimeScore))
			.divide(blend.history(), MC);
		return new History(adbtScore, onTimeScore, base, within0To100(base.add(trend(paid, model))));
	}

	/**
	 * The credibility n / (n + k) of a record of n: 0 for none, 1 when k is 0.
	 */
	private static BigDecimal credibility(int n, int k) {
		return (n == 0) ? BigDecimal.ZERO : BigDecimal.valueOf(n).divide(BigDecimal.valueOf((long) n + k), MC);
	}

	private static BigDecimal trend(Payments paid, ScoringModel model) {
		ScoringModel.TrendRule rule = model.trend();
		if (paid.recentPaidCount() < rule.minRecentInvoices()) {
			return BigDecimal.ZERO;
		}
		BigDecimal adjustment = paid.adbtDays().subtract(paid.recentAdbtDays()).multiply(rule.pointsPerDay());
		return adjustment.max(rule.maxPoints().negate()).min(rule.maxPoints());
	}

	private Part bureau(DebtorRiskInputs inputs, ScoringModel model) {
		Map<BureauProvider, BureauReading> newest = new EnumMap<>(BureauProvider.class);
		for (BureauReading reading : inputs.bureauReadings()) {
			if (!reading.asOf().isAfter(inputs.asOf())) {
				newest.merge(reading.provider(), reading,
						(kept, candidate) -> candidate.asOf().isAfter(kept.asOf()) ? candidate : kept);
			}
		}
		if (newest.isEmpty()) {
			// no bureau file is no better than a stale one: the neutral score, flagged
			return new Part(Component.BUREAU, model.bureauDecay().neutralScore(), List.of(),
					new Reason(Reason.NO_BUREAU, points(BigDecimal.ZERO), "no bureau score", List.of()));
		}
		BigDecimal providers = BigDecimal.valueOf(newest.size());
		BigDecimal sum = BigDecimal.ZERO;
		List<Loss> losses = new ArrayList<>();
		for (BureauReading reading : newest.values()) {
			long ageDays = ChronoUnit.DAYS.between(reading.asOf(), inputs.asOf());
			BigDecimal normalised = model.bureauScales()
				.get(reading.provider())
				.exactAt(BigDecimal.valueOf(reading.score()));
			BigDecimal decayed = decay(normalised, ageDays, model.bureauDecay());
			sum = sum.add(decayed);
			String age = (ageDays > model.bureauDecay().freshDays()) ? ", " + ageDays + " days old" : "";
			losses.add(new Loss(Reason.BUREAU_LOW, HUNDRED.subtract(decayed).divide(providers, MC),
					"bureau score " + reading.score() + " (" + reading.provider() + ", " + reading.asOf() + age + ")",
					List.of(reading.score(), reading.provider().name(), reading.asOf(), ageDays)));
		}
		return new Part(Component.BUREAU, sum.divide(providers, MC), losses, null);
	}

	/**
	 * A normalised bureau score after ageing: in full while fresh, then linearly toward
	 * the neutral score, neutral from the neutral age on.
	 */
	static BigDecimal decay(BigDecimal normalised, long ageDays, BureauDecay decay) {
		if (ageDays <= decay.freshDays()) {
			return normalised;
		}
		if (ageDays >= decay.neutralDays()) {
			return decay.neutralScore();
		}
		BigDecimal fading = decay.neutralScore()
			.subtract(normalised)
			.multiply(BigDecimal.valueOf(ageDays - decay.freshDays()));
		return normalised.add(fading.divide(BigDecimal.valueOf(decay.neutralDays() - decay.freshDays()), MC));
	}

	private Part disputes(DebtorRiskInputs inputs, ScoringModel model) {
		Disputes disputes = inputs.disputes();
		if (disputes.invoicedCount() == 0) {
			return Part.missing(Component.DISPUTES, new Reason(Reason.NO_DISPUTE_HISTORY, points(BigDecimal.ZERO),
					"no invoices in the last 365 days to measure disputes on", List.of()));
		}
		PortfolioMeans portfolio = inputs.portfolioMeans();
		BigDecimal z = credibility(disputes.invoicedCount(), model.disputeCredibilityK());
		BigDecimal invoiced = BigDecimal.valueOf(disputes.invoicedCount());
		BigDecimal countRate = BigDecimal.valueOf(disputes.disputedCount()).divide(invoiced, MC);
		BigDecimal countRateOpenTwice = BigDecimal.valueOf(disputes.disputedCount() + disputes.openCount())
			.divide(invoiced, MC);
		BigDecimal amountRate = disputes.invoicedAmount().isPositive()
				? disputes.disputedAmount().amount().divide(disputes.invoicedAmount().amount(), MC) : BigDecimal.ZERO;
		BigDecimal amountRateOpenTwice = disputes.invoicedAmount().isPositive() ? disputes.disputedAmount()
			.plus(disputes.openAmount())
			.amount()
			.divide(disputes.invoicedAmount().amount(), MC) : BigDecimal.ZERO;
		// each rate shrunk toward the portfolio's of the same kind; the debtor's own open
		// disputes, counted twice, are what separates the two versions of each
		BigDecimal credibleCount = shrink(countRate, z, portfolio.disputeRateByCount());
		BigDecimal credibleAmount = shrink(amountRate, z, portfolio.disputeRateByAmount());
		BigDecimal credibleCountOpenTwice = shrink(countRateOpenTwice, z, portfolio.disputeRateByCount());
		BigDecimal credibleAmountOpenTwice = shrink(amountRateOpenTwice, z, portfolio.disputeRateByAmount());
		PiecewiseLinearCurve curve = model.disputeRateCurve();
		BigDecimal withoutOpenTwice = curve.exactAt(credibleCount.max(credibleAmount));
		BigDecimal subScore = curve.exactAt(credibleCountOpenTwice.max(credibleAmountOpenTwice));

		List<Loss> losses = new ArrayList<>();
		if (credibleAmount.compareTo(credibleCount) > 0) {
			String own = percent(amountRate);
			String counted = percent(credibleAmount);
			String ofPortfolio = percent(portfolio.disputeRateByAmount());
			losses.add(new Loss(Reason.DISPUTE_RATE, HUNDRED.subtract(withoutOpenTwice),
					disputes.disputedAmount() + " of " + disputes.invoicedAmount() + " invoiced is disputed (" + own
							+ " %), counted as " + counted + " % against the portfolio's " + ofPortfolio + " %",
					List.of(disputes.disputedAmount(), disputes.invoicedAmount(), own, counted, ofPortfolio)));
		}
		else {
			String own = percent(countRate);
			String counted = percent(credibleCount);
			String ofPortfolio = percent(portfolio.disputeRateByCount());
			losses.add(new Loss(Reason.DISPUTE_RATE, HUNDRED.subtract(withoutOpenTwice),
					"disputes on " + disputes.disputedCount() + " of " + count(disputes.invoicedCount(), "invoice")
							+ " (" + own + " %), counted as " + counted + " % against the portfolio's " + ofPortfolio
							+ " %",
					List.of(disputes.disputedCount(), disputes.invoicedCount(), own, counted, ofPortfolio)));
		}
		losses.add(new Loss(Reason.OPEN_DISPUTES, withoutOpenTwice.subtract(subScore),
				count(disputes.openCount(), "open dispute"), List.of(disputes.openCount())));
		return new Part(Component.DISPUTES, subScore, losses, null);
	}

	/**
	 * z x own + (1 - z) x the portfolio's.
	 */
	private static BigDecimal shrink(BigDecimal own, BigDecimal z, BigDecimal portfolio) {
		return z.multiply(own).add(BigDecimal.ONE.subtract(z).multiply(portfolio));
	}

	private static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

	private static BigDecimal within0To100(BigDecimal value) {
		return value.max(BigDecimal.ZERO).min(HUNDRED);
	}

	/**
	 * A sub-score as shown and stored: at four decimals, half even ({@code null} when
	 * missing).
	 */
	private static BigDecimal shown(BigDecimal subScore) {
		return (subScore != null) ? subScore.setScale(PiecewiseLinearCurve.SCALE, RoundingMode.HALF_EVEN) : null;
	}

	private static BigDecimal points(BigDecimal value) {
		return value.setScale(2, RoundingMode.HALF_EVEN);
	}

	private static int wholeDays(BigDecimal days) {
		return days.setScale(0, RoundingMode.HALF_UP).intValueExact();
	}

	private static int wholePercent(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static String count(int n, String noun) {
		return n + " " + noun + ((n == 1) ? "" : "s");
	}

	/**
	 * What one component found: its sub-score and what cost it points, in sub-score
	 * points, or why it is missing.
	 */
	private record Part(Component component, BigDecimal subScore, List<Loss> losses, Reason missingReason) {

		static Part missing(Component component, Reason reason) {
			return new Part(component, null, List.of(), reason);
		}

		boolean missing() {
			return this.subScore == null;
		}

	}

	/**
	 * A debtor's own payment history and the parts it is made of, unrounded.
	 */
	record History(BigDecimal adbtScore, BigDecimal onTimeScore, BigDecimal base, BigDecimal history) {

	}

	/**
	 * A cause of lost points within a component, before the component's weight.
	 */
	private record Loss(String code, BigDecimal subScorePoints, String text, List<Object> args) {

	}

}
