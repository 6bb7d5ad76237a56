package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * Exposure and concentration of a scope at the end of a day: outstanding advances
 * (funded) and approvals awaiting funding (reserved), by debtor, client, grade, industry
 * and country. Shares are fractions of the scope's exposure ({@code null} when it has
 * none).
 */
public record ExposureView(LocalDate asOf, Money funded, Money reserved, List<DebtorExposure> debtors,
		List<ClientExposure> clients, List<GroupExposure> grades, List<GroupExposure> industries,
		List<GroupExposure> countries) {

	/** How many of a debtor's clients a page lists, the largest shares first. */
	static final int SHOWN_CLIENTS = 3;

	public Money total() {
		return this.funded.plus(this.reserved);
	}

	/**
	 * Whether an amount is over a limit above zero.
	 */
	static boolean over(Money amount, Money limit) {
		return limit != null && amount != null && limit.isPositive() && amount.isGreaterThan(limit);
	}

	/**
	 * Whether an amount is within 10 % of a limit above zero without being over it.
	 */
	static boolean near(Money amount, Money limit) {
		return limit != null && amount != null && limit.isPositive() && !amount.isGreaterThan(limit)
				&& amount.amount().compareTo(limit.amount().multiply(ExposureQueries.NEAR)) >= 0;
	}

	/**
	 * A debtor among the largest by exposure in the scope.
	 *
	 * @param exposure its exposure in the scope
	 * @param share its share of the scope's exposure
	 * @param bookExposure its exposure across all clients (what its credit limit caps)
	 * @param openFace what it owes on funded invoices open at the day, across all clients
	 * (what its insurer limit caps)
	 * @param insurerLimit its insurer limit in force on the day, or {@code null}
	 * @param clients its share of each client's book
	 */
	public record DebtorExposure(long rank, String ref, String name, String grade, long clientCount, Money funded,
			Money reserved, Money exposure, BigDecimal share, Money bookExposure, Money openFace, Money creditLimit,
			Money insurerLimit, List<ClientShare> clients) {

		/**
		 * The clients a page shows (the largest shares); the export has them all.
		 */
		public List<ClientShare> firstClients() {
			return this.clients.subList(0, Math.min(SHOWN_CLIENTS, this.clients.size()));
		}

		public int moreClients() {
			return this.clients.size() - firstClients().size();
		}

		public boolean overCreditLimit() {
			return over(this.bookExposure, this.creditLimit);
		}

		public boolean nearCreditLimit() {
			return near(this.bookExposure, this.creditLimit);
		}

		public boolean overInsurerLimit() {
			return over(this.openFace, this.insurerLimit);
		}

		public boolean nearInsurerLimit() {
			return near(this.openFace, this.insurerLimit);
		}

	}

	/**
	 * A debtor's exposure in one client's book and its share of that client's exposure
	 * (over all the client's debtors).
	 */
	public record ClientShare(String ref, String name, Money exposure, Money clientExposure, BigDecimal share) {
	}

	/**
	 * A client among the largest by exposure in the scope, against its facility limit.
	 *
	 * @param facilityExposure the client's exposure over all its debtors (what the
	 * facility limit caps)
	 */
	public record ClientExposure(long rank, String ref, String name, long debtorCount, Money funded, Money reserved,
			Money exposure, BigDecimal share, Money facilityExposure, Money facilityLimit) {

		public BigDecimal used() {
			return ExposureQueries.share(this.facilityExposure, this.facilityLimit);
		}

		public boolean overLimit() {
			return over(this.facilityExposure, this.facilityLimit);
		}

		public boolean nearLimit() {
			return near(this.facilityExposure, this.facilityLimit);
		}

	}

	/**
	 * The exposure of a grade (the debtors' scores in force on the day; {@code null}: not
	 * scored), an industry or a country.
	 */
	public record GroupExposure(String key, long debtorCount, Money funded, Money reserved, Money exposure,
			BigDecimal share) {
	}

	/**
	 * A cross-aged debtor: more than the policy's share of its open amount is over 90
	 * days past due.
	 */
	public record CrossAged(String ref, String name, Money openAmount, Money agedAmount, BigDecimal agedShare) {
	}

	/**
	 * A debtor on the watchlist, with the reasons that hold (the workbench's
	 * {@code debtor_watchlist}).
	 */
	public record Watched(String ref, String name, boolean gradeFell, String gradeThen, String gradeNow,
			boolean nearLimit, Money exposure, Money limit, String limitKind, boolean payingLater, BigDecimal dbt90,
			BigDecimal dbt365) {

		public boolean insurerLimit() {
			return "INSURER".equals(this.limitKind);
		}

	}

}
