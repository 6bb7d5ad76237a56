package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.factordesk.client.FeeKind;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * A fee as the figures that work it out by hand: the fee is computed from exactly the
 * figures a quote shows, rounded once HALF_EVEN at the cent:
 * <ul>
 * <li>per started period ({@link FeeKind#TIERED}): face x rate per period x started
 * periods;</li>
 * <li>flat ({@link FeeKind#FLAT}): face x rate, once;</li>
 * <li>daily ({@link FeeKind#DAILY}): advance x yearly rate x days / days in the year (360
 * or 365).</li>
 * </ul>
 *
 * @param kind how the facility charges
 * @param basis what the rate is charged on: the face or the funds in use (the advance)
 * @param basisAmount the amount of the basis
 * @param rate the rate per period: per {@code periodDays} days (tiered), once (flat), or
 * a year of {@code periodDays} days (daily)
 * @param periodDays the facility's period in days: the tiered period, the day count's
 * year (360 or 365) for the daily fee, 0 for the flat fee, which has none
 * @param periods what is charged: the started periods (tiered, at least one), 1 (flat),
 * the days (daily)
 * @param days the days from funding to payment the fee runs on
 */
public record FeeCalculation(FeeKind kind, Basis basis, Money basisAmount, Rate rate, int periodDays, int periods,
		int days) {

	public FeeCalculation {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(basis, "basis");
		Objects.requireNonNull(basisAmount, "basisAmount");
		Objects.requireNonNull(rate, "rate");
	}

	/**
	 * The fee, before any cap at the reserve: basis x rate x periods (divided by the days
	 * in the year for the daily fee), rounded once.
	 */
	public Money fee() {
		BigDecimal exact = this.basisAmount.amount()
			.multiply(this.rate.fraction())
			.multiply(BigDecimal.valueOf(this.periods));
		if (this.kind == FeeKind.DAILY) {
			exact = exact.divide(BigDecimal.valueOf(this.periodDays), 2, RoundingMode.HALF_EVEN);
		}
		return new Money(exact.setScale(2, RoundingMode.HALF_EVEN));
	}

	/**
	 * The quote line that shows the arithmetic: "3 started periods of 15 days x 1.75 % x
	 * face 12,000.00 = 630.00".
	 */
	QuoteLine line() {
		return QuoteLine.of(QuoteLine.FEE, null, fee(), "quote.line.FEE.reason." + this.kind.name(), this.days,
				this.periods, this.periodDays, this.rate.asPercent(), this.basisAmount.amount(), fee().amount());
	}

	/**
	 * What a fee rate is charged on.
	 */
	public enum Basis {

		/**
		 * The invoice's face amount.
		 */
		FACE,

		/**
		 * The funds in use: the advance outstanding.
		 */
		ADVANCE

	}

}
