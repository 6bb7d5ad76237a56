package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.factordesk.shared.Money;

/**
 * Everything the score needs to know about one debtor, across all clients, as known on
 * {@code asOf}: one row of a per-debtor SQL aggregate plus its bureau readings. Stored
 * with the score, it explains the score later.
 *
 * @param asOf the date the debtor is scored as of
 * @param payments the invoices paid in the trailing 365 days, and in the last 90
 * @param openItems what the debtor owes now
 * @param disputes the invoices issued and disputed in the trailing 365 days
 * @param bureauReadings the bureau scores on record; readings dated after {@code asOf}
 * are ignored
 * @param portfolioMeans the portfolio's means on {@code asOf}, toward which a thin file's
 * payment history and dispute rates are shrunk
 */
public record DebtorRiskInputs(LocalDate asOf, Payments payments, OpenItems openItems, Disputes disputes,
		List<BureauReading> bureauReadings, PortfolioMeans portfolioMeans) {

	public DebtorRiskInputs {
		Objects.requireNonNull(asOf, "asOf");
		Objects.requireNonNull(payments, "payments");
		Objects.requireNonNull(openItems, "openItems");
		Objects.requireNonNull(disputes, "disputes");
		bureauReadings = List.copyOf(bureauReadings);
		Objects.requireNonNull(portfolioMeans, "portfolioMeans");
	}

	/**
	 * Invoices the debtor paid: amount-weighted average days beyond terms (ADBT), where
	 * an invoice paid early counts as 0 days, over the trailing 365 days and over the
	 * last 90.
	 *
	 * @param paidCount invoices paid in the trailing 365 days
	 * @param adbtDays their ADBT in days, 0 or more (ignored when nothing was paid),
	 * unrounded
	 * @param lateShare the share of them paid after the due date, 0-1, unrounded
	 * @param clientCount the distinct clients whose invoices they were
	 * @param recentPaidCount invoices paid in the last 90 days
	 * @param recentAdbtDays their ADBT in days (ignored when nothing was paid), unrounded
	 */
	public record Payments(int paidCount, BigDecimal adbtDays, BigDecimal lateShare, int clientCount,
			int recentPaidCount, BigDecimal recentAdbtDays) {

		public static final Payments NONE = new Payments(0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO);

		public Payments {
			requireNotNegative("paid invoices", paidCount);
			requireNotNegative("clients", clientCount);
			requireNotNegative("recently paid invoices", recentPaidCount);
			requireNotNegative("days beyond terms", adbtDays);
			requireNotNegative("recent days beyond terms", recentAdbtDays);
			requireNotNegative("share paid late", lateShare);
			if (lateShare.compareTo(BigDecimal.ONE) > 0) {
				throw new IllegalArgumentException("The share paid late is 0-1, got " + lateShare.toPlainString());
			}
		}

	}

	/**
	 * What the debtor owes now and how overdue it is.
	 *
	 * @param count open invoices
	 * @param amount their open amount
	 * @param maxDaysPastDue the days past due of the most overdue one, 0 when none is
	 * past due
	 * @param amount60PlusPastDue the open amount 60 or more days past due
	 */
	public record OpenItems(int count, Money amount, int maxDaysPastDue, Money amount60PlusPastDue) {

		public static final OpenItems NONE = new OpenItems(0, Money.ZERO, 0, Money.ZERO);

		public OpenItems {
			requireNotNegative("open invoices", count);
			requireNotNegative("days past due", maxDaysPastDue);
			requireNotNegative("open amount", amount.amount());
			requireNotNegative("amount 60+ days past due", amount60PlusPastDue.amount());
		}

	}

	/**
	 * Disputes on the invoices issued in the trailing 365 days.
	 *
	 * @param invoicedCount invoices issued
	 * @param invoicedAmount their face amount
	 * @param disputedCount those disputed, open or resolved
	 * @param disputedAmount the amount disputed
	 * @param openCount invoices with a dispute still open (they are among the disputed)
	 * @param openAmount the amount still in open dispute (part of the disputed amount)
	 */
	public record Disputes(int invoicedCount, Money invoicedAmount, int disputedCount, Money disputedAmount,
			int openCount, Money openAmount) {

		public static final Disputes NONE = new Disputes(0, Money.ZERO, 0, Money.ZERO, 0, Money.ZERO);

		public Disputes {
			requireNotNegative("invoices", invoicedCount);
			requireNotNegative("disputed invoices", disputedCount);
			requireNotNegative("open disputes", openCount);
			requireNotNegative("invoiced amount", invoicedAmount.amount());
			requireNotNegative("disputed amount", disputedAmount.amount());
			requireNotNegative("amount in open dispute", openAmount.amount());
		}

	}

	private static void requireNotNegative(String name, int value) {
		if (value < 0) {
			throw new IllegalArgumentException("The " + name + " cannot be negative, got " + value);
		}
	}

	private static void requireNotNegative(String name, BigDecimal value) {
		Objects.requireNonNull(value, name);
		if (value.signum() < 0) {
			throw new IllegalArgumentException("The " + name + " cannot be negative, got " + value.toPlainString());
		}
	}

}
