package com.factordesk.portfolio;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What a portfolio figure is computed over: the whole book, one client's book or one
 * debtor (across all clients, or within one client when both are given), as of the end of
 * a day. Every figure, table, export and the summary API takes one; a drill-down narrows
 * it and keeps the date.
 *
 * @param asOf the day the figures are as of (its payments and credits count as received)
 * @param clientId the client's id, or {@code null} for every client
 * @param clientRef the client's reference, or {@code null}
 * @param clientName the client's legal name, or {@code null}
 * @param debtorId the debtor's id, or {@code null} for every debtor
 * @param debtorRef the debtor's reference, or {@code null}
 * @param debtorName the debtor's name, or {@code null}
 */
public record PortfolioScope(LocalDate asOf, Long clientId, String clientRef, String clientName, Long debtorId,
		String debtorRef, String debtorName) {

	public static PortfolioScope portfolio(LocalDate asOf) {
		return new PortfolioScope(asOf, null, null, null, null, null, null);
	}

	public boolean isPortfolio() {
		return this.clientId == null && this.debtorId == null;
	}

	public boolean isClient() {
		return this.clientId != null;
	}

	public boolean isDebtor() {
		return this.debtorId != null;
	}

	/**
	 * The same scope on another day: what a trend or a period's start needs.
	 * @param day the other day
	 * @return this scope as of that day
	 */
	public PortfolioScope on(LocalDate day) {
		return new PortfolioScope(day, this.clientId, this.clientRef, this.clientName, this.debtorId, this.debtorRef,
				this.debtorName);
	}

	/**
	 * The SQL condition that keeps the rows of this scope, for a query with the named
	 * parameters {@code :clientId} and {@code :debtorId} bound by {@link #bind}.
	 * @param clientColumn the column holding the client id, e.g. {@code o.client_id}
	 * @param debtorColumn the column holding the debtor id, e.g. {@code o.debtor_id}
	 * @return a condition that is true for every row when the scope is the portfolio
	 */
	public static String condition(String clientColumn, String debtorColumn) {
		return "(CAST(:clientId AS bigint) IS NULL OR " + clientColumn + " = :clientId)"
				+ " AND (CAST(:debtorId AS bigint) IS NULL OR " + debtorColumn + " = :debtorId)";
	}

	/**
	 * Binds {@code :asOf}, {@code :clientId} and {@code :debtorId}.
	 * @param statement a statement whose SQL uses {@link #condition}
	 * @return the statement
	 */
	public StatementSpec bind(StatementSpec statement) {
		return statement.param("asOf", this.asOf).param("clientId", this.clientId).param("debtorId", this.debtorId);
	}

}
