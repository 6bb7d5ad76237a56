package com.factordesk.invoice;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a debtor record's invoices and payments to another record of the same legal
 * entity, when the two are merged: the allocations follow their invoices (V040) and the
 * portfolio's stored month ends are marked stale from the invoices' days (V038).
 */
@Service
public class InvoiceDebtors {

	private final JdbcClient jdbc;

	InvoiceDebtors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Moves the invoices and payments of {@code fromDebtorId} to {@code toDebtorId}.
	 * @return how many invoices moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int move(long fromDebtorId, long toDebtorId) {
		// locked first, and so that a dispute, credit note or advance written on one of
		// them meanwhile (its key check only shares the row) waits and then reads the
		// invoice's new debtor: the kept flags mark the debtor it reads (V062)
		this.jdbc.sql("SELECT id FROM invoice WHERE debtor_id = :from ORDER BY id FOR UPDATE")
			.param("from", fromDebtorId)
			.query(Long.class)
			.list();
		int invoices = this.jdbc.sql("UPDATE invoice SET debtor_id = :to WHERE debtor_id = :from")
			.param("from", fromDebtorId)
			.param("to", toDebtorId)
			.update();
		this.jdbc.sql("UPDATE payment SET debtor_id = :to WHERE debtor_id = :from")
			.param("from", fromDebtorId)
			.param("to", toDebtorId)
			.update();
		return invoices;
	}

}
