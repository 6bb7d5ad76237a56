package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.pricing.FeeCalculation;
import com.factordesk.pricing.FeeStructure;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * The fee a settled invoice earns by the actual days from its funding to the day it is
 * settled, under the facility's fee structure as its advance record froze it (DESIGN
 * sections 3 and 4b), rounded once, HALF_EVEN at the cent:
 * <ul>
 * <li>tiered: face x rate per period x periods started from funding to settlement (at
 * least one);</li>
 * <li>flat: face x rate, once;</li>
 * <li>daily: interest on the funds in use, which fall as collections repay the advance:
 * the sum over the days from funding to settlement of the advance outstanding at the
 * start of that day x the yearly rate (12 x the rate per 30 days) / the day count's year
 * (360 or 365).</li>
 * </ul>
 */
public final class SettlementFees {

	private static final BigDecimal MONTHS = BigDecimal.valueOf(12);

	private SettlementFees() {
	}

	/**
	 * The fee of an invoice funded on {@code fundedOn} and settled on {@code settledOn}.
	 * @param feeRate the rate per 30 days the approval priced it at
	 * @param collections what the debtor paid and when (the days a daily fee's funds in
	 * use fall); collections after the settling day do not count
	 */
	public static SettledFee fee(FeeKind kind, int periodDays, DayCount dayCount, Money face, Money advance,
			Rate feeRate, LocalDate fundedOn, LocalDate settledOn, List<Collection> collections) {
		int days = (int) ChronoUnit.DAYS.between(fundedOn, settledOn);
		if (days < 0) {
			throw new IllegalArgumentException("Settled on " + settledOn + " before funding on " + fundedOn);
		}
		if (kind != FeeKind.DAILY) {
			FeeStructure structure = (kind == FeeKind.FLAT) ? new FeeStructure.Flat()
					: new FeeStructure.Tiered(periodDays);
			FeeCalculation calculation = structure.calculate(face, advance, feeRate, days);
			return new SettledFee(calculation.fee(), days, calculation.periods(), calculation.rate(),
					List.of(new Segment(fundedOn, settledOn, days, calculation.basisAmount())));
		}
		Rate yearly = new Rate(feeRate.fraction().multiply(MONTHS));
		List<Segment> segments = segments(advance, fundedOn, settledOn, collections);
		BigDecimal dayAmounts = BigDecimal.ZERO;
		for (Segment segment : segments) {
			dayAmounts = dayAmounts.add(segment.fundsInUse().amount().multiply(BigDecimal.valueOf(segment.days())));
		}
		BigDecimal exact = dayAmounts.multiply(yearly.fraction())
			.divide(BigDecimal.valueOf(dayCount.daysInYear()), 2, RoundingMode.HALF_EVEN);
		return new SettledFee(new Money(exact), days, days, yearly, segments);
	}

	/**
	 * The stretches of days in which the funds in use stayed the same: a new one starts
	 * on each day a collection repays part of the advance; days with nothing in use are
	 * left out.
	 */
	static List<Segment> segments(Money advance, LocalDate fundedOn, LocalDate settledOn,
			List<Collection> collections) {
		NavigableMap<LocalDate, Money> paidBy = new TreeMap<>();
		for (Collection collection : collections) {
			if (collection.on().isAfter(settledOn)) {
				continue;
			}
			LocalDate from = collection.on().isBefore(fundedOn) ? fundedOn : collection.on();
			paidBy.merge(from, collection.amount(), Money::plus);
		}
		List<Segment> segments = new ArrayList<>();
		Money inUse = advance;
		LocalDate from = fundedOn;
		Money paidOnFundingDay = paidBy.remove(fundedOn);
		if (paidOnFundingDay != null) {
			inUse = positive(inUse.minus(paidOnFundingDay));
		}
		for (var change : paidBy.entrySet()) {
			LocalDate to = change.getKey();
			add(segments, from, to, inUse);
			inUse = positive(inUse.minus(change.getValue()));
			from = to;
		}
		add(segments, from, settledOn, inUse);
		return List.copyOf(segments);
	}

	private static void add(List<Segment> segments, LocalDate from, LocalDate to, Money inUse) {
		int days = (int) ChronoUnit.DAYS.between(from, to);
		if (days > 0 && inUse.isPositive()) {
			segments.add(new Segment(from, to, days, inUse));
		}
	}

	private static Money positive(Money money) {
		return money.isPositive() ? money : Money.ZERO;
	}

	/**
	 * A collection on the invoice: an allocation of a payment, on the day it was
	 * received.
	 */
	public record Collection(LocalDate on, Money amount) {
	}

	/**
	 * Days from {@code from} (inclusive) to {@code to} (exclusive) in which
	 * {@code fundsInUse} stayed the same (for a tiered or flat fee: the whole time, on
	 * the face).
	 */
	public record Segment(LocalDate from, LocalDate to, int days, Money fundsInUse) {
	}

	/**
	 * A settled fee with the figures that redo it by hand.
	 *
	 * @param fee the fee, rounded once
	 * @param days from funding to settlement
	 * @param periods the started periods (tiered), 1 (flat), the days (daily)
	 * @param rate the rate per period (tiered), once (flat), a year (daily)
	 * @param segments the funds in use over time (daily), or the one basis (tiered, flat)
	 */
	public record SettledFee(Money fee, int days, int periods, Rate rate, List<Segment> segments) {
	}

}
