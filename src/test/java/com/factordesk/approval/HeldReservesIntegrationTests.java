package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each client's held reserve (the reserve of its open funded invoices) is kept as
 * advances are paid out or corrected and invoices are paid, reopened or moved (V060),
 * before and after the changes are compacted: {@code client_reserve_position()} holds
 * what the advances of the open funded invoices add up to, for every client of the book.
 */
@IntegrationTest
@Transactional
class HeldReservesIntegrationTests {

	/** Every client whose kept held reserve differs from its advances summed here. */
	private static final String DIFFERING = """
			SELECT COUNT(*) FROM client_reserve_position() p
			WHERE p.held <> (SELECT COALESCE(SUM(a.reserve), 0) FROM invoice i JOIN advance a ON a.invoice_id = i.id
			                 WHERE i.client_id = p.client_id AND i.status IN ('FUNDED', 'PARTIALLY_PAID'))
			""";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ReserveBalances balances;

	@Test
	void everyClientsHeldReserveIsTheReserveOfItsOpenFundedInvoices() {
		assertThat(this.jdbc.queryForObject(DIFFERING, Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM client_reserve_position() WHERE held > 0",
				Integer.class))
			.as("the demo book's clients with open funded invoices")
			.isGreaterThan(10);
	}

	@Test
	void theHeldReserveFollowsTheInvoiceAndItsAdvance() {
		Map<String, Object> funded = this.jdbc.queryForMap("""
				SELECT i.id, i.client_id, a.reserve, a.amount FROM invoice i JOIN advance a ON a.invoice_id = i.id
				WHERE i.status = 'FUNDED' AND a.reserve > 10 ORDER BY i.id LIMIT 1
				""");
		long invoice = ((Number) funded.get("id")).longValue();
		long client = ((Number) funded.get("client_id")).longValue();
		BigDecimal reserve = (BigDecimal) funded.get("reserve");
		long other = this.jdbc.queryForObject("""
				SELECT MIN(c.id) FROM client c WHERE c.id <> ? AND NOT EXISTS (SELECT 1 FROM invoice j
				WHERE j.client_id = c.id AND j.number = (SELECT number FROM invoice WHERE id = ?))
				""", Long.class, client, invoice);
		BigDecimal before = held(client);
		BigDecimal otherBefore = held(other);

		this.jdbc.update("UPDATE invoice SET status = 'PAID' WHERE id = ?", invoice);
		assertThat(held(client)).as("paid: its reserve no longer held").isEqualByComparingTo(before.subtract(reserve));
		this.jdbc.update("UPDATE invoice SET status = 'PARTIALLY_PAID' WHERE id = ?", invoice);
		assertThat(held(client)).as("reopened").isEqualByComparingTo(before);

		// 10.00 of the reserve paid out with the advance instead (advance + reserve =
		// face)
		this.jdbc.update("UPDATE advance SET amount = amount + 10.00, reserve = reserve - 10.00 WHERE invoice_id = ?",
				invoice);
		assertThat(held(client)).isEqualByComparingTo(before.subtract(new BigDecimal("10.00")));

		assertThat(this.balances.compact()).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM client_reserve_held_change", Integer.class)).isZero();
		assertThat(held(client)).as("compacted").isEqualByComparingTo(before.subtract(new BigDecimal("10.00")));

		this.jdbc.update("UPDATE invoice SET client_id = ? WHERE id = ?", other, invoice);
		assertThat(held(client)).as("moved away").isEqualByComparingTo(before.subtract(reserve));
		assertThat(held(other)).as("moved here")
			.isEqualByComparingTo(otherBefore.add(reserve).subtract(new BigDecimal("10.00")));
		assertThat(this.jdbc.queryForObject(DIFFERING, Integer.class)).isZero();
	}

	@Test
	void aTruncateOfTheAdvancesThatWouldLeaveTheHeldReservesBehindIsRefused() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE advance CASCADE")).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("keeps the held reserves");
	}

	@Test
	void anAdvanceDeletedWithItsInvoiceInOneStatementIsRefused() {
		// a copy of a funded invoice and its advance, nothing else referring to them
		long invoice = this.jdbc.queryForObject("""
				SELECT MIN(i.id) FROM invoice i JOIN advance a ON a.invoice_id = i.id WHERE i.status = 'FUNDED'
				""", Long.class);
		long copy = this.jdbc.queryForObject("SELECT MAX(id) + 1000 FROM invoice", Long.class);
		this.jdbc.update("""
				INSERT INTO invoice SELECT (jsonb_populate_record(NULL::invoice,
				    to_jsonb(i) || jsonb_build_object('id', ?, 'number', 'HELD-COPY'))).* FROM invoice i WHERE id = ?
				""", copy, invoice);
		this.jdbc.update("""
				INSERT INTO advance SELECT (jsonb_populate_record(NULL::advance,
				    to_jsonb(a) || jsonb_build_object('id', (SELECT MAX(id) + 1000 FROM advance), 'invoice_id', ?))).*
				FROM advance a WHERE invoice_id = ?
				""", copy, invoice);
		assertThat(this.jdbc.queryForObject(DIFFERING, Integer.class)).isZero();

		this.jdbc.execute("SAVEPOINT refused");
		assertThatThrownBy(() -> this.jdbc.update("""
				WITH a AS (DELETE FROM advance WHERE invoice_id = ? RETURNING invoice_id)
				DELETE FROM invoice WHERE id = ?
				""", copy, copy)).isInstanceOf(DataAccessException.class).hasMessageContaining("in one statement");
		this.jdbc.execute("ROLLBACK TO SAVEPOINT refused");

		this.jdbc.update("DELETE FROM advance WHERE invoice_id = ?", copy);
		this.jdbc.update("DELETE FROM invoice WHERE id = ?", copy);
		assertThat(this.jdbc.queryForObject(DIFFERING, Integer.class)).as("in two statements").isZero();
	}

	private BigDecimal held(long client) {
		return this.jdbc.queryForObject("SELECT held FROM client_reserve_position() WHERE client_id = ?",
				BigDecimal.class, client);
	}

}
