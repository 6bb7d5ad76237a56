package com.factordesk.risk.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.risk.BureauReading;
import com.factordesk.risk.DebtorRiskInputs;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.DebtorRiskInputs.Disputes;
import com.factordesk.risk.DebtorRiskInputs.OpenItems;
import com.factordesk.risk.DebtorRiskInputs.Payments;
import com.factordesk.risk.PortfolioMeans;
import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gathers the scoring inputs of every debtor (or one) as known at the end of a day, with
 * a few set-based SQL aggregates: nothing dated after that day is read (invoices funded,
 * payments received, credit notes issued, disputes opened or resolved and bureau scores
 * dated later are ignored), so an as-of score never looks ahead.
 * <p>
 * An invoice counts as paid when payments and credit notes dated by then cover it; its
 * days beyond terms run from the due date to the last payment (early payment counts as
 * 0). An invoice still not covered is open, even when it was written off or charged back
 * to the client: the debtor still did not pay it.
 */
@Component
public class RiskInputsQuery {

	private static final String AGGREGATES = """
			WITH known AS (
			    SELECT i.invoice_id AS id, i.debtor_id, i.client_id, i.issue_date, i.due_date, i.amount,
			           i.collected AS paid, i.last_collected_on AS last_paid, i.credited
			    %s
			    WHERE TRUE %s
			), paid AS (
			    SELECT debtor_id, client_id, amount, last_paid,
			           GREATEST(0, last_paid - due_date) AS days_beyond
			    FROM known
			    WHERE paid > 0 AND paid + credited >= amount AND last_paid > CAST(:asOf AS date) - 365
			), payments AS (
			    SELECT debtor_id, COUNT(*) AS paid_count,
			           SUM(amount * days_beyond) / SUM(amount) AS adbt,
			           AVG(CASE WHEN days_beyond > 0 THEN 1.0 ELSE 0.0 END) AS late_share,
			           COUNT(DISTINCT client_id) AS clients,
			           COUNT(*) FILTER (WHERE last_paid > CAST(:asOf AS date) - 90) AS recent_count,
			           SUM(amount * days_beyond) FILTER (WHERE last_paid > CAST(:asOf AS date) - 90)
			               / NULLIF(SUM(amount) FILTER (WHERE last_paid > CAST(:asOf AS date) - 90), 0) AS recent_adbt
			    FROM paid GROUP BY debtor_id
			), open_items AS (
			    SELECT debtor_id, COUNT(*) AS open_count, SUM(amount - paid - credited) AS open_amount,
			           MAX(GREATEST(0, CAST(:asOf AS date) - due_date)) AS max_days_past_due,
			           COALESCE(SUM(amount - paid - credited)
			                    FILTER (WHERE CAST(:asOf AS date) - due_date >= 60), 0) AS amount_60_plus
			    FROM known WHERE amount - paid - credited > 0 GROUP BY debtor_id
			), disputes AS (
			    SELECT k.debtor_id, COUNT(*) AS invoiced_count, SUM(k.amount) AS invoiced_amount,
			           COUNT(*) FILTER (WHERE d.disputes > 0) AS disputed_count,
			           COALESCE(SUM(d.disputed_amount), 0) AS disputed_amount,
			           COUNT(*) FILTER (WHERE d.open_disputes > 0) AS open_disputes,
			           COALESCE(SUM(d.open_amount), 0) AS open_disputed_amount
			    FROM known k
			    %s
			    WHERE k.issue_date > CAST(:asOf AS date) - 365
			    GROUP BY k.debtor_id
			)
			SELECT db.id AS debtor_id,
			       COALESCE(p.paid_count, 0) AS paid_count, COALESCE(p.adbt, 0) AS adbt,
			       COALESCE(p.late_share, 0) AS late_share, COALESCE(p.clients, 0) AS clients,
			       COALESCE(p.recent_count, 0) AS recent_count, COALESCE(p.recent_adbt, 0) AS recent_adbt,
			       COALESCE(o.open_count, 0) AS open_count, COALESCE(o.open_amount, 0) AS open_amount,
			       COALESCE(o.max_days_past_due, 0) AS max_days_past_due,
			       COALESCE(o.amount_60_plus, 0) AS amount_60_plus,
			       COALESCE(d.invoiced_count, 0) AS invoiced_count, COALESCE(d.invoiced_amount, 0) AS invoiced_amount,
			       COALESCE(d.disputed_count, 0) AS disputed_count, COALESCE(d.disputed_amount, 0) AS disputed_amount,
			       COALESCE(d.open_disputes, 0) AS open_disputes,
			       COALESCE(d.open_disputed_amount, 0) AS open_disputed_amount
			FROM debtor db
			LEFT JOIN payments p ON p.debtor_id = db.id
			LEFT JOIN open_items o ON o.debtor_id = db.id
			LEFT JOIN disputes d ON d.debtor_id = db.id
			%s
			ORDER BY db.id
			""";

	/**
	 * Each invoice's disputes opened by then, for one debtor: looked up per invoice.
	 */
	private static final String DISPUTES_PER_INVOICE = """
			LEFT JOIN LATERAL (SELECT COUNT(*) AS disputes, LEAST(COALESCE(SUM(ds.amount), 0), k.amount) AS disputed_amount,
			                          COUNT(*) FILTER (WHERE ds.resolved_on IS NULL OR ds.resolved_on > :asOf)
			                              AS open_disputes,
			                          LEAST(COALESCE(SUM(ds.amount) FILTER (WHERE ds.resolved_on IS NULL OR ds.resolved_on > :asOf), 0),
			                                k.amount) AS open_amount
			                   FROM dispute_fact ds WHERE ds.invoice_id = k.id AND ds.opened_on <= :asOf) d ON TRUE
			""";

	/**
	 * The same for every debtor: the disputes aggregated per invoice once and joined, the
	 * same figures as {@link #DISPUTES_PER_INVOICE} without an index lookup per invoice
	 * (half a million at 1,000,000 invoices).
	 */
	private static final String DISPUTES_ALL_INVOICES = """
			LEFT JOIN (SELECT ds.invoice_id, COUNT(*) AS disputes, SUM(ds.amount) AS amount,
			                  COUNT(*) FILTER (WHERE ds.resolved_on IS NULL OR ds.resolved_on > :asOf) AS open_disputes,
			                  SUM(ds.amount) FILTER (WHERE ds.resolved_on IS NULL OR ds.resolved_on > :asOf) AS open_amount
			           FROM dispute_fact ds WHERE ds.opened_on <= :asOf
			           GROUP BY ds.invoice_id) per_invoice ON per_invoice.invoice_id = k.id
			CROSS JOIN LATERAL (SELECT COALESCE(per_invoice.disputes, 0) AS disputes,
			                           LEAST(COALESCE(per_invoice.amount, 0), k.amount) AS disputed_amount,
			                           COALESCE(per_invoice.open_disputes, 0) AS open_disputes,
			                           LEAST(COALESCE(per_invoice.open_amount, 0), k.amount) AS open_amount) d
			""";

	private static final String BUREAU = """
			SELECT DISTINCT ON (debtor_id, provider) debtor_id, provider, score, as_of
			FROM bureau_reading WHERE as_of <= :asOf %s
			ORDER BY debtor_id, provider, as_of DESC
			""";

	private final JdbcClient jdbc;

	RiskInputsQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The inputs of every debtor as of the end of {@code asOf}, in debtor id order,
	 * before the portfolio means are known.
	 */
	public Map<Long, Facts> all(LocalDate asOf) {
		return load(asOf, null);
	}

	/**
	 * The inputs of one debtor as of the end of {@code asOf}.
	 */
	public Facts one(long debtorId, LocalDate asOf) {
		Facts facts = load(asOf, debtorId).get(debtorId);
		if (facts == null) {
			throw new IllegalArgumentException("No debtor " + debtorId);
		}
		return facts;
	}

	private Map<Long, Facts> load(LocalDate asOf, Long debtorId) {
		String invoiceFilter = (debtorId != null) ? "AND i.debtor_id = :debtorId" : "";
		String debtorFilter = (debtorId != null) ? "WHERE db.id = :debtorId" : "";
		String bureauFilter = (debtorId != null) ? "AND debtor_id = :debtorId" : "";
		// one debtor: looked up per invoice through the indexes; every debtor: aggregated
		// per invoice in one pass each (the same figures)
		String balances = (debtorId != null) ? "FROM invoice_balance(CAST(:asOf AS date)) i"
				: "FROM invoice_balance_book(CAST(:asOf AS date)) i";
		String disputes = (debtorId != null) ? DISPUTES_PER_INVOICE : DISPUTES_ALL_INVOICES;
		Map<Long, List<BureauReading>> readings = new HashMap<>();
		JdbcClient.StatementSpec bureau = this.jdbc.sql(BUREAU.formatted(bureauFilter)).param("asOf", asOf);
		if (debtorId != null) {
			bureau = bureau.param("debtorId", debtorId);
		}
		bureau.query((ResultSet rs) -> {
			readings.computeIfAbsent(rs.getLong("debtor_id"), (id) -> new ArrayList<>())
				.add(new BureauReading(BureauProvider.valueOf(rs.getString("provider")), rs.getInt("score"),
						rs.getObject("as_of", LocalDate.class)));
		});
		Map<Long, Facts> facts = new LinkedHashMap<>();
		JdbcClient.StatementSpec aggregates = this.jdbc
			.sql(AGGREGATES.formatted(balances, invoiceFilter, disputes, debtorFilter))
			.param("asOf", asOf);
		if (debtorId != null) {
			aggregates = aggregates.param("debtorId", debtorId);
		}
		aggregates.query((ResultSet rs) -> {
			long id = rs.getLong("debtor_id");
			facts.put(id, facts(rs, readings.getOrDefault(id, List.of())));
		});
		return facts;
	}

	private static Facts facts(ResultSet rs, List<BureauReading> readings) throws SQLException {
		Payments payments = new Payments(rs.getInt("paid_count"), exact(rs.getBigDecimal("adbt")),
				exact(rs.getBigDecimal("late_share")), rs.getInt("clients"), rs.getInt("recent_count"),
				exact(rs.getBigDecimal("recent_adbt")));
		OpenItems open = new OpenItems(rs.getInt("open_count"), Money.of(rs.getBigDecimal("open_amount")),
				rs.getInt("max_days_past_due"), Money.of(rs.getBigDecimal("amount_60_plus")));
		Disputes disputes = new Disputes(rs.getInt("invoiced_count"), Money.of(rs.getBigDecimal("invoiced_amount")),
				rs.getInt("disputed_count"), Money.of(rs.getBigDecimal("disputed_amount")), rs.getInt("open_disputes"),
				Money.of(rs.getBigDecimal("open_disputed_amount")));
		return new Facts(payments, open, disputes, List.copyOf(readings));
	}

	/**
	 * A figure as the database computed it (to at least 16 significant digits), not
	 * rounded: the score is rounded once, at the end. Trailing zeros after the decimal
	 * point are dropped.
	 */
	private static BigDecimal exact(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	/**
	 * One debtor's inputs before the portfolio means are known.
	 */
	public record Facts(Payments payments, OpenItems openItems, Disputes disputes, List<BureauReading> bureauReadings) {

		public DebtorRiskInputs toInputs(LocalDate asOf, PortfolioMeans portfolioMeans) {
			return new DebtorRiskInputs(asOf, this.payments, this.openItems, this.disputes, this.bureauReadings,
					portfolioMeans);
		}

	}

}
