package com.factordesk.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes over invoices an import entered as already funded (DESIGN section 7, migrating an
 * existing book): each gets its advance at its facility's default advance rate (rounded
 * once, half-even, at the cent; the reserve is the rest of the face), under the
 * facility's fee terms and terms version with no fee rate on record (settlement prices it
 * by the bands in force on the day it was funded), its reserve in the client's ledger on
 * the day it was funded, and the funded exposure of its debtor and facility, in the
 * transaction of the import. A migration is taken over even above the limits; what it
 * leaves over a limit is reported.
 */
@Service
public class FundedBookTakeover {

	private final JdbcClient jdbc;

	private final Clock clock;

	FundedBookTakeover(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Takes over the funded invoices without an advance among the ids from
	 * {@code firstInvoiceId} to {@code lastInvoiceId}.
	 * @param actor who imports them, as the ledger records it
	 * @param listed the most debtors and facilities over a limit to list
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Takeover takeOver(long firstInvoiceId, long lastInvoiceId, String actor, int listed) {
		Takeover taken = this.jdbc
			.sql("""
					WITH taken AS (
					    INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_rate,
					                         fee_structure, fee_period_days, day_count, terms_version)
					    SELECT i.id, i.funded_on, i.amount, x.advance, i.amount - x.advance, f.default_advance_rate, NULL,
					           f.fee_structure, f.fee_period_days, f.day_count, f.terms_version
					    FROM invoice i
					    JOIN facility_terms f ON f.client_id = i.client_id
					    CROSS JOIN LATERAL (SELECT round_cents_half_even(i.amount * f.default_advance_rate) AS advance) x
					    WHERE i.id BETWEEN :first AND :last AND i.status = 'FUNDED' AND i.funded_on IS NOT NULL
					      AND NOT EXISTS (SELECT 1 FROM advance a WHERE a.invoice_id = i.id)
					    ORDER BY i.id
					    RETURNING invoice_id, funded_on, amount, reserve
					), book AS (
					    SELECT t.*, i.client_id, i.debtor_id FROM taken t JOIN invoice i ON i.id = t.invoice_id
					), reserves AS (
					    INSERT INTO reserve_entry (client_id, kind, amount, booked_on, invoice_id, note, created_by, created_at)
					    SELECT client_id, 'RESERVE_CREATED', reserve, funded_on, invoice_id, 'taken over by import', :actor,
					           :now
					    FROM book WHERE reserve > 0 ORDER BY invoice_id
					), debtors AS (
					    INSERT INTO debtor_exposure (debtor_id, funded, reserved)
					    SELECT debtor_id, SUM(amount), 0 FROM book GROUP BY debtor_id ORDER BY debtor_id
					    ON CONFLICT (debtor_id) DO UPDATE SET funded = debtor_exposure.funded + EXCLUDED.funded
					), facilities AS (
					    INSERT INTO facility_exposure (client_id, funded, reserved)
					    SELECT client_id, SUM(amount), 0 FROM book GROUP BY client_id ORDER BY client_id
					    ON CONFLICT (client_id) DO UPDATE SET funded = facility_exposure.funded + EXCLUDED.funded
					)
					SELECT COUNT(*) AS invoices, COALESCE(SUM(amount), 0) AS advanced, COALESCE(SUM(reserve), 0) AS reserves
					FROM book
					""")
			.param("first", firstInvoiceId)
			.param("last", lastInvoiceId)
			.param("actor", actor)
			.param("now", Timestamp.from(this.clock.instant()))
			.query((rs, row) -> new Takeover(rs.getLong("invoices"), Money.of(rs.getBigDecimal("advanced")),
					Money.of(rs.getBigDecimal("reserves")), List.of(), 0, List.of(), 0))
			.single();
		List<OverLimit> debtors = this.jdbc.sql("""
				SELECT d.ref, d.name, e.funded + e.reserved AS exposure, COALESCE(d.credit_limit, 0) AS limit_amount
				FROM debtor_exposure e JOIN debtor d ON d.id = e.debtor_id
				WHERE e.debtor_id IN (SELECT DISTINCT debtor_id FROM invoice
				                      WHERE id BETWEEN :first AND :last AND status = 'FUNDED')
				  AND e.funded + e.reserved > COALESCE(d.credit_limit, 0)
				ORDER BY e.funded + e.reserved - COALESCE(d.credit_limit, 0) DESC, d.ref
				""")
			.param("first", firstInvoiceId)
			.param("last", lastInvoiceId)
			.query((rs, row) -> new OverLimit(rs.getString("ref"), rs.getString("name"),
					Money.of(rs.getBigDecimal("exposure")), Money.of(rs.getBigDecimal("limit_amount"))))
			.list();
		List<OverLimit> facilities = this.jdbc.sql("""
				SELECT c.ref, c.legal_name, e.funded + e.reserved AS exposure, f.facility_limit
				FROM facility_exposure e JOIN facility_terms f ON f.client_id = e.client_id
				JOIN client c ON c.id = e.client_id
				WHERE e.client_id IN (SELECT DISTINCT client_id FROM invoice
				                      WHERE id BETWEEN :first AND :last AND status = 'FUNDED')
				  AND e.funded + e.reserved > f.facility_limit
				ORDER BY e.funded + e.reserved - f.facility_limit DESC, c.ref
				""")
			.param("first", firstInvoiceId)
			.param("last", lastInvoiceId)
			.query((rs, row) -> new OverLimit(rs.getString("ref"), rs.getString("legal_name"),
					Money.of(rs.getBigDecimal("exposure")), Money.of(rs.getBigDecimal("facility_limit"))))
			.list();
		return new Takeover(taken.invoices(), taken.advanced(), taken.reserves(),
				debtors.subList(0, Math.min(listed, debtors.size())), debtors.size(),
				facilities.subList(0, Math.min(listed, facilities.size())), facilities.size());
	}

	/**
	 * What a takeover wrote and left over a limit.
	 *
	 * @param invoices the invoices taken over as funded
	 * @param advanced their advances
	 * @param reserves their reserves
	 * @param debtorsOverLimit debtors whose exposure is now over their credit limit, the
	 * furthest over first, at most the listed
	 * @param debtorsOver how many debtors are over their credit limit
	 * @param facilitiesOverLimit facilities whose exposure is now over their limit, the
	 * furthest over first, at most the listed
	 * @param facilitiesOver how many facilities are over their limit
	 */
	public record Takeover(long invoices, Money advanced, Money reserves, List<OverLimit> debtorsOverLimit,
			int debtorsOver, List<OverLimit> facilitiesOverLimit, int facilitiesOver) {
	}

	/**
	 * A debtor or facility over its limit.
	 *
	 * @param ref its reference
	 * @param name its name
	 * @param exposure what it is exposed to now
	 * @param limit its limit (0 for a debtor without one)
	 */
	public record OverLimit(String ref, String name, Money exposure, Money limit) {
	}

}
