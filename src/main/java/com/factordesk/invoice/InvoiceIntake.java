package com.factordesk.invoice;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.shared.CopyRows;
import com.factordesk.shared.RowProblem;
import com.factordesk.shared.Violation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in invoices from a file (DESIGN section 7) in bulk, in the import's transaction:
 * the rows are copied into a staging table of that transaction ({@code COPY}), checked
 * there against the book in a few statements (a number twice in the file, a number known
 * with other values, a debtor that is unknown and unnamed, a currency that is not the
 * facility's), their clients and debtors found (a debtor by its registration number when
 * the row gives one, whatever ref the client's ERP uses, else by ref), and the new ones
 * entered as SUBMITTED, each with its first transition, in one statement. A row equal to
 * an invoice already known is left as it is.
 */
@Service
public class InvoiceIntake {

	/**
	 * A registration number as compared: upper case, letters and digits only.
	 */
	private static final String NORMALIZED = "REGEXP_REPLACE(UPPER(%s), '[^A-Z0-9]', '', 'g')";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	InvoiceIntake(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Opens the staging table of this transaction, to which the rows are then added.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Staging stage() {
		// a second import in one transaction (a test's) starts afresh
		this.jdbc.sql("DROP TABLE IF EXISTS pg_temp.invoice_intake, pg_temp.invoice_rows").update();
		// the import's sorts and hashes (a million rows) in memory
		this.jdbc.sql("SET LOCAL work_mem = '256MB'").update();
		this.jdbc.sql("""
				CREATE TEMPORARY TABLE invoice_intake (
				    line integer NOT NULL,
				    client_ref varchar(32) NOT NULL,
				    debtor_ref varchar(32) NOT NULL,
				    debtor_name varchar(200),
				    number varchar(64) NOT NULL,
				    issue_date date NOT NULL,
				    due_date date NOT NULL,
				    amount numeric(19,2) NOT NULL,
				    currency varchar(3) NOT NULL,
				    funded_on date,
				    registration_number varchar(64),
				    country varchar(2)
				) ON COMMIT DROP
				""").update();
		return new Staging(CopyRows.into(this.dataSource, """
				COPY invoice_intake (line, client_ref, debtor_ref, debtor_name, number, issue_date, due_date, amount,
				                     currency, funded_on, registration_number, country)
				FROM STDIN WITH (FORMAT csv)
				"""));
	}

	/**
	 * What the staged rows break, line by line: the same invoice number twice for a
	 * client, a number known with other values, an unknown debtor without a name, a
	 * currency other than the facility's. Finds the clients and debtors known.
	 * @param newClientCurrency the currency of the facility a new client gets
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<RowProblem> check(String newClientCurrency) {
		this.jdbc.sql("ANALYZE invoice_intake").update();
		// each row's legal entity (its registration number, or that of the first row with
		// the same ref that gives one, else its ref), the entity's debtor when known (by
		// the registration number, whatever ref the ERP uses, else by the ref of its
		// first row that names a known debtor), and the row's client; one pass, written
		// once (no UPDATE of a million rows)
		this.jdbc.sql("""
				CREATE TEMPORARY TABLE invoice_rows ON COMMIT DROP AS
				WITH rows AS (
				    SELECT s.*, NULLIF(%s, '') AS registration_key FROM invoice_intake s
				), ref_key AS (
				    SELECT DISTINCT ON (debtor_ref) debtor_ref, registration_key FROM rows
				    WHERE registration_key IS NOT NULL ORDER BY debtor_ref, line
				), keyed AS (
				    SELECT r.*, COALESCE('R:' || r.registration_key, 'R:' || k.registration_key, 'D:' || r.debtor_ref)
				               AS entity
				    FROM rows r LEFT JOIN ref_key k ON k.debtor_ref = r.debtor_ref
				), by_registration AS (
				    SELECT DISTINCT ON (entity) 'R:' || %s AS entity, COALESCE(merged_into_id, id) AS id FROM debtor
				    WHERE registration_number IS NOT NULL ORDER BY entity, id
				), entity_debtor AS (
				    SELECT DISTINCT ON (e.entity) e.entity, COALESCE(b.id, d.merged_into_id, d.id) AS debtor_id
				    FROM keyed e
				    LEFT JOIN by_registration b ON b.entity = e.entity
				    LEFT JOIN debtor d ON d.ref = e.debtor_ref
				    ORDER BY e.entity, COALESCE(b.id, d.id) IS NULL, e.line
				)
				SELECT k.line, k.client_ref, k.debtor_ref, k.debtor_name, k.number, k.issue_date, k.due_date, k.amount,
				       k.currency, k.funded_on, k.registration_number, k.registration_key, k.country, c.id AS client_id,
				       x.debtor_id, CASE WHEN x.debtor_id IS NULL THEN k.entity END AS entity
				FROM keyed k
				LEFT JOIN client c ON c.ref = k.client_ref
				JOIN entity_debtor x ON x.entity = k.entity
				""".formatted(NORMALIZED.formatted("COALESCE(s.registration_number, '')"),
				NORMALIZED.formatted("registration_number")))
			.update();
		this.jdbc.sql("ANALYZE invoice_rows").update();
		List<RowProblem> problems = new ArrayList<>();
		this.jdbc.sql("""
				SELECT line, client_ref, number, first_line FROM (
				    SELECT line, client_ref, number, MIN(line) OVER (PARTITION BY client_ref, number) AS first_line
				    FROM invoice_rows) s
				WHERE line > first_line
				""").query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"),
					Violation.onField("invoice_number", "import.invoices.twiceInFile",
							"Invoice " + rs.getString("number") + " of client " + rs.getString("client_ref")
									+ " is also on line " + rs.getInt("first_line"),
							rs.getString("number"), rs.getString("client_ref"), rs.getInt("first_line"))));
		});
		this.jdbc.sql("""
				SELECT s.line, s.client_ref, s.number, d.ref AS debtor_ref, i.issue_date, i.due_date, i.amount,
				       i.currency, s.debtor_id = i.debtor_id AND s.issue_date = i.issue_date
				           AND s.due_date = i.due_date AND s.amount = i.amount AND s.currency = i.currency AS same,
				       s.funded_on, i.funded_on AS known_funded_on
				FROM invoice_rows s
				JOIN invoice i ON i.client_id = s.client_id AND i.number = s.number
				JOIN debtor d ON d.id = i.debtor_id
				""").query((java.sql.ResultSet rs) -> {
			LocalDate fundedOn = rs.getObject("funded_on", LocalDate.class);
			LocalDate known = rs.getObject("known_funded_on", LocalDate.class);
			if (rs.getBoolean("same") && fundedOn != null && !fundedOn.equals(known)) {
				// a row that takes over a funded invoice the desk has unfunded, or
				// funded on another day
				problems.add(new RowProblem(rs.getInt("line"),
						(known == null)
								? Violation.onField("funded_date", "import.invoices.knownNotFunded",
										"Invoice " + rs.getString("number") + " of client " + rs.getString("client_ref")
												+ " is already known and not funded: it cannot be taken over as funded",
										rs.getString("number"), rs.getString("client_ref"))
								: Violation.onField("funded_date", "import.invoices.knownFundedOtherwise",
										"Invoice " + rs.getString("number") + " of client " + rs.getString("client_ref")
												+ " is already known as funded on " + known,
										rs.getString("number"), rs.getString("client_ref"), known.toString())));
			}
			if (!rs.getBoolean("same")) {
				problems.add(new RowProblem(rs.getInt("line"),
						Violation.onField("invoice_number", "import.invoices.knownOtherwise",
								"Invoice " + rs.getString("number") + " of client " + rs.getString("client_ref")
										+ " is already known with other values: debtor " + rs.getString("debtor_ref")
										+ ", issued " + rs.getObject("issue_date", LocalDate.class) + ", due "
										+ rs.getObject("due_date", LocalDate.class) + ", "
										+ rs.getBigDecimal("amount").toPlainString() + " " + rs.getString("currency"),
								rs.getString("number"), rs.getString("client_ref"), rs.getString("debtor_ref"),
								rs.getObject("issue_date", LocalDate.class).toString(),
								rs.getObject("due_date", LocalDate.class).toString(),
								rs.getBigDecimal("amount").toPlainString(), rs.getString("currency"))));
			}
		});
		this.jdbc.sql("SELECT line, funded_on FROM invoice_rows WHERE funded_on > :today")
			.param("today", LocalDate.now(this.clock))
			.query((java.sql.ResultSet rs) -> {
				LocalDate fundedOn = rs.getObject("funded_on", LocalDate.class);
				problems.add(new RowProblem(rs.getInt("line"),
						Violation.onField("funded_date", "import.invoices.fundedInFuture",
								"Funded " + fundedOn + " is after today " + LocalDate.now(this.clock)
										+ ": only invoices funded already are taken over",
								fundedOn.toString(), LocalDate.now(this.clock).toString())));
			});
		this.jdbc.sql("""
				SELECT s.line, s.debtor_ref FROM invoice_rows s
				JOIN (SELECT entity FROM invoice_rows WHERE debtor_id IS NULL GROUP BY entity
				      HAVING COUNT(NULLIF(debtor_name, '')) = 0) u ON u.entity = s.entity
				""").query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"),
					Violation.onField("debtor_name", "import.invoices.unknownDebtor",
							"Debtor " + rs.getString("debtor_ref")
									+ " is not known: give its name in debtor_name to register it",
							rs.getString("debtor_ref"))));
		});
		this.jdbc.sql("""
				SELECT line, debtor_ref, registration_number, other_line, other FROM (
				    SELECT line, debtor_ref, registration_number, entity, FIRST_VALUE(entity) OVER w AS first_entity,
				           FIRST_VALUE(line) OVER w AS other_line, FIRST_VALUE(registration_number) OVER w AS other
				    FROM invoice_rows WHERE debtor_id IS NULL AND entity LIKE 'R:%'
				    WINDOW w AS (PARTITION BY debtor_ref ORDER BY line)) s
				WHERE entity <> first_entity
				""").query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"),
					Violation.onField("debtor_registration_number", "import.invoices.refTwoEntities",
							"Debtor " + rs.getString("debtor_ref") + " has registration number "
									+ rs.getString("registration_number") + " here and " + rs.getString("other")
									+ " on line " + rs.getInt("other_line"),
							rs.getString("debtor_ref"), rs.getString("registration_number"), rs.getString("other"),
							rs.getInt("other_line"))));
		});
		this.jdbc.sql("""
				SELECT s.line, s.client_ref, s.currency, COALESCE(f.currency, :newCurrency) AS facility_currency
				FROM invoice_rows s LEFT JOIN facility_terms f ON f.client_id = s.client_id
				WHERE s.currency <> COALESCE(f.currency, :newCurrency)
				""").param("newCurrency", newClientCurrency).query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"),
					Violation.onField("currency", "import.invoices.otherCurrency",
							"Client " + rs.getString("client_ref") + "'s facility is in "
									+ rs.getString("facility_currency") + ", not " + rs.getString("currency"),
							rs.getString("client_ref"), rs.getString("facility_currency"), rs.getString("currency"))));
		});
		return problems;
	}

	/**
	 * The refs of the clients the staged rows name that are not known.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> unknownClients() {
		return this.jdbc
			.sql("SELECT client_ref FROM invoice_rows WHERE client_id IS NULL GROUP BY client_ref ORDER BY MIN(line)")
			.query(String.class)
			.list();
	}

	/**
	 * The debtors the staged rows name that are not known, one per legal entity (its
	 * registration number, else its ref), with the ref, name and country of the first row
	 * that gives its name.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<UnknownDebtor> unknownDebtors() {
		return this.jdbc.sql("""
				SELECT DISTINCT ON (entity) entity, debtor_ref, debtor_name,
				       FIRST_VALUE(CASE WHEN registration_key IS NOT NULL THEN registration_number END)
				           OVER (PARTITION BY entity ORDER BY registration_key IS NULL, line) AS registration_number,
				       FIRST_VALUE(country) OVER (PARTITION BY entity ORDER BY country IS NULL, line) AS country
				FROM invoice_rows WHERE debtor_id IS NULL
				ORDER BY entity, COALESCE(debtor_name, '') = '', line
				""")
			.query((rs, row) -> new UnknownDebtor(rs.getString("entity"), rs.getString("debtor_ref"),
					rs.getString("debtor_name"), rs.getString("registration_number"), rs.getString("country")))
			.list();
	}

	/**
	 * Enters the staged rows that are not known yet as SUBMITTED invoices, each with its
	 * first transition by {@code actor}, and asks for their debtors' re-scores (once
	 * each, after the commit). A row whose client and invoice number are known is left as
	 * it is ({@link #check} refused it unless it is equal).
	 * @param newClients the ids of the clients just opened, by ref
	 * @param newDebtors the ids of the debtors just registered, by legal entity
	 * ({@link UnknownDebtor#entity()})
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TakenIn takeIn(String actor, Map<String, Long> newClients, Map<String, Long> newDebtors) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Long> debtors = new ArrayList<>();
		long[] invoices = { 0 };
		long[] funded = { 0 };
		long[] fundedIds = { Long.MAX_VALUE, Long.MIN_VALUE };
		this.jdbc.sql("""
				WITH inserted AS (
				    INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, currency, status,
				                         submitted_at, funded_on)
				    SELECT COALESCE(s.client_id, nc.id), COALESCE(s.debtor_id, nd.id), s.number, s.issue_date,
				           s.due_date, s.amount, s.currency,
				           CASE WHEN s.funded_on IS NULL THEN 'SUBMITTED' ELSE 'FUNDED' END, :now, s.funded_on
				    FROM invoice_rows s
				    LEFT JOIN unnest(CAST(:clientRefs AS text[]), CAST(:clientIds AS bigint[])) AS nc(ref, id)
				           ON s.client_id IS NULL AND nc.ref = s.client_ref
				    LEFT JOIN unnest(CAST(:entities AS text[]), CAST(:debtorIds AS bigint[])) AS nd(entity, id)
				           ON s.debtor_id IS NULL AND nd.entity = s.entity
				    WHERE s.client_id IS NULL
				       OR NOT EXISTS (SELECT 1 FROM invoice i WHERE i.client_id = s.client_id AND i.number = s.number)
				    -- a debtor's invoices together, not in the file's order: each index entry then goes next to the
				    -- one before it (most of the invoice's indexes lead with the debtor or the client), half the
				    -- time of a file's random order at 1,000,000 rows
				    ORDER BY 2, 1, s.issue_date, s.line
				    RETURNING id, debtor_id, status, funded_on
				), transitions AS (
				    INSERT INTO invoice_transition (invoice_id, from_status, to_status, changed_by, changed_at, reason)
				    SELECT id, NULL, status, :actor, :now,
				           CASE WHEN funded_on IS NULL THEN 'imported' ELSE 'imported as funded on ' || funded_on END
				    FROM inserted
				)
				SELECT debtor_id, COUNT(*) AS invoices, COUNT(funded_on) AS funded,
				       MIN(id) FILTER (WHERE funded_on IS NOT NULL) AS first_funded,
				       MAX(id) FILTER (WHERE funded_on IS NOT NULL) AS last_funded
				FROM inserted GROUP BY debtor_id ORDER BY debtor_id
				""")
			.param("now", now)
			.param("actor", actor)
			.param("clientRefs", newClients.keySet().toArray(String[]::new))
			.param("clientIds", newClients.values().toArray(Long[]::new))
			.param("entities", newDebtors.keySet().toArray(String[]::new))
			.param("debtorIds", newDebtors.values().toArray(Long[]::new))
			.query((java.sql.ResultSet rs) -> {
				debtors.add(rs.getLong("debtor_id"));
				invoices[0] += rs.getLong("invoices");
				funded[0] += rs.getLong("funded");
				if (rs.getLong("funded") > 0) {
					fundedIds[0] = Math.min(fundedIds[0], rs.getLong("first_funded"));
					fundedIds[1] = Math.max(fundedIds[1], rs.getLong("last_funded"));
				}
			});
		debtors.forEach((debtor) -> this.events.publishEvent(new DebtorInputsChanged(debtor, "invoices imported")));
		long rows = this.jdbc.sql("SELECT COUNT(*) FROM invoice_rows").query(Long.class).single();
		return new TakenIn(invoices[0], rows - invoices[0], debtors.size(), funded[0],
				(funded[0] > 0) ? fundedIds[0] : 0, (funded[0] > 0) ? fundedIds[1] : -1);
	}

	/**
	 * The rows of one import, copied into the staging table as they are read, a chunk at
	 * a time.
	 */
	public static final class Staging {

		private final CopyRows rows;

		Staging(CopyRows rows) {
			this.rows = rows;
		}

		/**
		 * Adds a row whose fields are each valid on their own; {@code debtorName},
		 * {@code registrationNumber} and {@code country} may be {@code null}.
		 */
		public void add(int line, String clientRef, String debtorRef, String debtorName, String number,
				LocalDate issueDate, LocalDate dueDate, BigDecimal amount, String currency, LocalDate fundedOn,
				String registrationNumber, String country) {
			this.rows.value(line)
				.text(clientRef)
				.text(debtorRef)
				.text(debtorName)
				.text(number)
				.value(issueDate)
				.value(dueDate)
				.value(amount)
				.text(currency)
				.value(fundedOn)
				.text(registrationNumber)
				.text(country)
				.endRow();
		}

		/**
		 * Copies what is left; the rows copied so far.
		 */
		public long finish() {
			return this.rows.finish();
		}

	}

	/**
	 * A debtor the file names that is not known: the legal entity it stands for
	 * ({@code R:} and its registration number, or {@code D:} and its ref), and what the
	 * first row naming it says of it.
	 */
	public record UnknownDebtor(String entity, String ref, String name, String registrationNumber, String country) {
	}

	/**
	 * What an import entered: new invoices, rows equal to invoices already known, the
	 * debtors whose re-scores were asked for, and of the new invoices those taken over as
	 * funded, their ids from {@code firstFunded} to {@code lastFunded} (one statement
	 * wrote them; an empty range when none).
	 */
	public record TakenIn(long invoices, long unchanged, int debtors, long funded, long firstFunded, long lastFunded) {
	}

}
