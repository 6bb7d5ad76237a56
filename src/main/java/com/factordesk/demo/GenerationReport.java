package com.factordesk.demo;

import java.time.Duration;

/**
 * What the demo portfolio generator wrote: rows per table (the exposure rows it built
 * from the load included) and how long it took, the closing ANALYZE included.
 *
 * @param clients client rows
 * @param debtors debtor rows
 * @param invoices invoice rows, the queue included
 * @param payments payment rows
 * @param allocations payment_allocation rows
 * @param disputes dispute rows
 * @param creditNotes credit_note rows
 * @param bureauScores bureau_score rows
 * @param transitions invoice_transition rows
 * @param submittedInQueue invoices left SUBMITTED for the underwriters
 * @param facilities facility rows, one per client
 * @param schedules schedule rows
 * @param advances advance rows, one per funded invoice
 * @param fundingRuns funding_run rows, one per client and funding day
 * @param settlements settlement rows, one per closed funded invoice
 * @param rebateRuns rebate_run rows, a client's weekly payouts of its rebates
 * @param reserveEntries reserve_entry rows, the clients' reserve ledgers
 * @param debtorExposures debtor_exposure rows, one per debtor
 * @param facilityExposures facility_exposure rows, one per client
 * @param elapsed the time from start to the end of ANALYZE
 */
public record GenerationReport(long clients, long debtors, long invoices, long payments, long allocations,
		long disputes, long creditNotes, long bureauScores, long transitions, long submittedInQueue, long facilities,
		long schedules, long advances, long fundingRuns, long settlements, long rebateRuns, long reserveEntries,
		long debtorExposures, long facilityExposures, Duration elapsed) {

	/**
	 * All rows written, over every table.
	 */
	public long totalRows() {
		return this.clients + this.facilities + this.debtors + this.bureauScores + this.schedules + this.invoices
				+ this.transitions + this.disputes + this.creditNotes + this.payments + this.allocations + this.advances
				+ this.fundingRuns + this.settlements + this.rebateRuns + this.reserveEntries + this.debtorExposures
				+ this.facilityExposures;
	}

	/**
	 * Rows written per second of elapsed time.
	 */
	public long rowsPerSecond() {
		long millis = Math.max(1, this.elapsed.toMillis());
		return totalRows() * 1000 / millis;
	}

}
