package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes an invoice: the debtor's current score and days beyond terms, the bands in
 * force, the facility's terms and the concentration the invoice would bring, gathered in
 * one SQL query and priced by {@link PricingPolicy}.
 */
@Service
@Transactional(readOnly = true)
public class InvoiceQuotes {

	private static final String FACTS = """
			WITH target AS (
			    SELECT i.id, i.client_id, i.debtor_id, i.amount, i.issue_date, i.due_date, i.funded_on
			    FROM invoice i WHERE i.id = :id
			), book AS (
			    SELECT i.debtor_id,
			           i.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocation a WHERE a.invoice_id = i.id), 0)
			                    - COALESCE((SELECT SUM(n.amount) FROM credit_note n WHERE n.invoice_id = i.id), 0)
			               AS outstanding
			    FROM invoice i JOIN target t ON t.client_id = i.client_id
			    WHERE i.funded_on IS NOT NULL AND i.closed_on IS NULL AND i.id <> t.id
			)
			SELECT t.amount, t.issue_date, t.due_date, t.funded_on,
			       f.default_advance_rate, f.concentration_limit, f.fee_structure, f.fee_period_days, f.day_count,
			       f.client_fee_discount,
			       r.id AS snapshot_id, r.score, r.grade,
			       COALESCE(CAST(r.inputs -> 'payments' ->> 'adbtDays' AS numeric), 0) AS adbt,
			       COALESCE((SELECT SUM(b.outstanding) FROM book b WHERE b.outstanding > 0), 0) AS client_book,
			       COALESCE((SELECT SUM(b.outstanding) FROM book b WHERE b.outstanding > 0 AND b.debtor_id = t.debtor_id), 0)
			           AS debtor_owed
			FROM target t
			JOIN facility f ON f.client_id = t.client_id
			JOIN debtor d ON d.id = t.debtor_id
			JOIN risk_score r ON r.id = d.current_risk_score_id
			""";

	private final JdbcClient jdbc;

	private final PricingBands bands;

	private final PricingPolicy policy = PricingPolicy.defaults();

	private final Clock clock;

	InvoiceQuotes(JdbcClient jdbc, PricingBands bands, Clock clock) {
		this.jdbc = jdbc;
		this.bands = bands;
		this.clock = clock;
	}

	/**
	 * The quote for an invoice, funded today (or on the day it was funded); empty when
	 * its debtor has no score yet or no pricing bands are in force.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<InvoiceQuote> quote(long invoiceId) {
		LocalDate today = LocalDate.now(this.clock);
		Optional<PricingBandSet> bandSet = this.bands.inForce(today);
		if (bandSet.isEmpty()) {
			return Optional.empty();
		}
		return this.jdbc.sql(FACTS).param("id", invoiceId).query((rs, row) -> {
			Money face = Money.of(rs.getBigDecimal("amount"));
			LocalDate fundedOn = rs.getObject("funded_on", LocalDate.class);
			BigDecimal score = rs.getBigDecimal("score");
			Grade grade = Grade.valueOf(rs.getString("grade"));
			BigDecimal adbt = rs.getBigDecimal("adbt");
			Money owed = Money.of(rs.getBigDecimal("debtor_owed")).plus(face);
			Money book = Money.of(rs.getBigDecimal("client_book")).plus(face);
			QuoteRequest request = new QuoteRequest(face, rs.getObject("issue_date", LocalDate.class),
					rs.getObject("due_date", LocalDate.class), (fundedOn != null) ? fundedOn : today, score, grade,
					adbt, bandSet.get(), new Rate(rs.getBigDecimal("default_advance_rate")),
					new Rate(rs.getBigDecimal("concentration_limit")), new QuoteRequest.Concentration(owed, book),
					new Rate(rs.getBigDecimal("client_fee_discount")), feeStructure(rs.getString("fee_structure"),
							rs.getInt("fee_period_days"), rs.getString("day_count")));
			return new InvoiceQuote(score, grade, rs.getLong("snapshot_id"), adbt, this.policy.quote(request));
		}).optional();
	}

	private static FeeStructure feeStructure(String kind, int periodDays, String dayCount) {
		return switch (kind) {
			case "FLAT" -> new FeeStructure.Flat();
			case "DAILY" -> new FeeStructure.Daily(DayCount.valueOf(dayCount));
			default -> new FeeStructure.Tiered(periodDays);
		};
	}

}
