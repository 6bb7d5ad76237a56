package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.factordesk.shared.Money;
import com.factordesk.shared.ReportingDatabase;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dilution per client over the trailing 12 months ({@code dilution-by-client}): (credit
 * notes + write-offs of disputed amounts) / gross invoiced (DESIGN section 5), the
 * definitions of {@link PortfolioFigures}, one GROUP BY per input, highest rate first.
 */
@Component
@Transactional(transactionManager = ReportingDatabase.TRANSACTIONS, readOnly = true)
public class DilutionTable implements PortfolioTable {

	private static final String SCOPE_I = PortfolioScope.condition("i.client_id", "i.debtor_id");

	private static final String SQL = """
			WITH gross AS (
			    SELECT i.client_id, SUM(i.amount) AS gross
			    FROM invoice i
			    WHERE i.funded_on <= {d} AND i.issue_date <= {d} AND i.issue_date > {year} AND {scope_i}
			    GROUP BY i.client_id
			),
			credited AS (
			    SELECT i.client_id, SUM(n.amount) AS credited
			    FROM credit_note_fact n
			    CROSS JOIN LATERAL (SELECT i.client_id, i.debtor_id, i.funded_on FROM invoice i
			                        WHERE i.id = n.invoice_id LIMIT 1) i
			    WHERE n.issued_on > {year} AND n.issued_on <= {d} AND i.funded_on <= {d} AND {scope_i}
			    GROUP BY i.client_id
			),
			written_off AS (
			    SELECT i.client_id, SUM(LEAST(s.credit_loss, f.disputed)) AS written_off
			    FROM settlement_fact s
			    JOIN invoice i ON i.id = s.invoice_id
			    JOIN LATERAL (SELECT SUM(f.amount) AS disputed FROM dispute_fact f
			                  WHERE f.invoice_id = s.invoice_id AND f.opened_on <= s.settled_on
			                    AND (f.resolved_on IS NULL OR f.resolved_on > s.settled_on)) f ON f.disputed IS NOT NULL
			    WHERE s.kind = 'WRITTEN_OFF' AND s.settled_on > {year} AND s.settled_on <= {d}
			      AND (s.reversed_on IS NULL OR s.reversed_on > {d}) AND {scope_i}
			    GROUP BY i.client_id
			)
			SELECT c.ref, c.legal_name, COALESCE(g.gross, 0) AS gross, COALESCE(n.credited, 0) AS credited,
			       COALESCE(w.written_off, 0) AS written_off,
			       (COALESCE(n.credited, 0) + COALESCE(w.written_off, 0)) / NULLIF(g.gross, 0) AS rate
			FROM (SELECT client_id FROM gross UNION SELECT client_id FROM credited
			      UNION SELECT client_id FROM written_off) k
			JOIN client c ON c.id = k.client_id
			LEFT JOIN gross g ON g.client_id = k.client_id
			LEFT JOIN credited n ON n.client_id = k.client_id
			LEFT JOIN written_off w ON w.client_id = k.client_id
			ORDER BY rate DESC NULLS FIRST, c.ref
			""".replace("{scope_i}", SCOPE_I)
		.replace("{year}", "CAST(CAST(:asOf AS date) - INTERVAL '1 year' AS date)")
		.replace("{d}", "CAST(:asOf AS date)");

	private static final List<Column> COLUMNS = List.of(new Column("client_ref", Kind.TEXT),
			new Column("client_name", Kind.TEXT), new Column("gross_invoiced", Kind.MONEY),
			new Column("credit_notes", Kind.MONEY), new Column("disputed_write_offs", Kind.MONEY),
			new Column("dilution_rate", Kind.SHARE));

	private final JdbcClient jdbc;

	DilutionTable(@Qualifier(ReportingDatabase.JDBC) JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "dilution-by-client";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
		each(scope, (client) -> row.accept(Arrays.asList(client.clientRef(), client.clientName(),
				client.grossInvoiced(), client.creditNotes(), client.disputedWriteOffs(), client.rate())));
	}

	/**
	 * @return every client of the scope with gross invoiced, credit notes or disputed
	 * write-offs in the 12 months, highest rate first (no gross invoiced first of all)
	 */
	public List<ClientDilution> list(PortfolioScope scope) {
		List<ClientDilution> clients = new ArrayList<>();
		each(scope, clients::add);
		return clients;
	}

	private void each(PortfolioScope scope, Consumer<ClientDilution> client) {
		scope.bind(this.jdbc.sql(SQL)).query((rs) -> {
			Money gross = Money.of(rs.getBigDecimal("gross"));
			Money credited = Money.of(rs.getBigDecimal("credited"));
			Money writtenOff = Money.of(rs.getBigDecimal("written_off"));
			BigDecimal rate = PortfolioFigures.ratio(credited.plus(writtenOff), gross);
			client.accept(new ClientDilution(rs.getString("ref"), rs.getString("legal_name"), gross, credited,
					writtenOff, rate));
		});
	}

}
