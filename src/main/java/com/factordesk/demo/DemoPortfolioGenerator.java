package com.factordesk.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

import javax.sql.DataSource;

import com.factordesk.demo.CopyLoader.Table;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates a living factoring portfolio into an empty FactorDesk schema: clients and
 * their facilities, debtors shared by several clients with a payment-behaviour archetype
 * each, two years of invoices with their full lifecycle (schedules, transitions, payments
 * and allocations, disputes, credit notes), bureau scores that follow the behaviour, and
 * a queue of submitted invoices waiting for the underwriters; and the desk's own records
 * of that history: an advance for every funded invoice at the pricing bands in force on
 * its funding day, the funding runs that paid them out, each client's payout account, the
 * receipts as the bank reported them (the debtor's account, the invoice numbers in the
 * remittance), the settlement of every funded invoice the history closed, each client's
 * reserve ledger and weekly rebate runs ({@link LedgerHistory}), and the debtor and
 * facility exposure rows built from the loaded book.
 * <p>
 * Everything derives from one seed: the same seed, scale and business date give the same
 * rows, byte for byte. Rows are streamed with PostgreSQL {@code COPY} in batches of about
 * 50,000 invoices (with their dependent rows), built on the calling thread while the
 * previous batch is copied on a second one, all in one transaction; ids are assigned
 * here; the exposure rows are built in the same transaction after the last batch, by one
 * {@code INSERT ... SELECT} each over {@code exposure_book(today)}; the identity
 * sequences are moved past the ids at the end, then the tables analysed. What was
 * written, table by table, is in the {@link GenerationReport}. Money is kept in whole
 * cents ({@code long}) and written as decimals with two places.
 */
public class DemoPortfolioGenerator {

	/**
	 * One pair of a notification facility in this many has no notice on file.
	 */
	private static final int PAIRS_PER_MISSING_NOTICE = 40;

	private final DataSource dataSource;

	public DemoPortfolioGenerator(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
	}

	/**
	 * Generates the portfolio of the given scale as it stands at the end of {@code today}
	 * into a database without business data (users are left alone).
	 * @param scale how many clients, debtors and invoices
	 * @param today the business date: invoices are issued over the two years before it
	 * @param seed the random seed everything derives from
	 * @return the rows written and the time taken
	 * @throws IllegalStateException when the database already holds business data or the
	 * load fails (nothing is written then)
	 */
	public GenerationReport generate(DemoScale scale, LocalDate today, long seed) {
		Objects.requireNonNull(scale, "scale");
		Objects.requireNonNull(today, "today");
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			Portfolio portfolio;
			RowWriter.Exposures exposures;
			connection.setAutoCommit(false);
			try {
				// each copied row's foreign key checks planned once, not once per row (as
				// an
				// import: shared.BulkWrites)
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET LOCAL plan_cache_mode = auto");
				}
				requireNoBusinessData(connection);
				BandHistory bands = BandHistory.read(connection);
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				try (CopyLoader loader = new CopyLoader(copy)) {
					portfolio = new Portfolio(scale, today, seed, loader, bands);
					portfolio.generate();
				}
				exposures = buildExposures(connection, today);
				recordNotices(connection);
				resetSequences(connection);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			analyze(connection);
			connection.setAutoCommit(autoCommit);
			return portfolio.report(exposures, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not generate the demo portfolio", ex);
		}
	}

	private static void requireNoBusinessData(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM client) "
						+ "OR EXISTS (SELECT 1 FROM debtor) OR EXISTS (SELECT 1 FROM invoice)")) {
			rows.next();
			if (rows.getBoolean(1)) {
				throw new IllegalStateException(
						"The database already holds clients, debtors or invoices: the demo portfolio needs an empty one");
			}
		}
	}

	/**
	 * The exposure rows of the loaded book, as the exposure engine keeps them from then
	 * on: one per debtor and one per client (zero where nothing is in use), each the sum
	 * of {@code exposure_book(today)}, the invoices' own account of their exposure.
	 */
	private static RowWriter.Exposures buildExposures(Connection connection, LocalDate today) throws SQLException {
		long debtors;
		long facilities;
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO debtor_exposure (debtor_id, funded, reserved)
				SELECT d.id, COALESCE(SUM(e.funded), 0), COALESCE(SUM(e.reserved), 0)
				FROM debtor d LEFT JOIN exposure_book(?) e ON e.debtor_id = d.id
				GROUP BY d.id
				""")) {
			statement.setObject(1, today);
			debtors = statement.executeUpdate();
		}
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO facility_exposure (client_id, funded, reserved)
				SELECT c.id, COALESCE(SUM(e.funded), 0), COALESCE(SUM(e.reserved), 0)
				FROM client c LEFT JOIN exposure_book(?) e ON e.client_id = c.id
				GROUP BY c.id
				""")) {
			statement.setObject(1, today);
			facilities = statement.executeUpdate();
		}
		return new RowWriter.Exposures(debtors, facilities);
	}

	/**
	 * The notices of assignment of the notification facilities: a debtor was told to pay
	 * the factor when the first invoice of the client to it was funded, so every (client,
	 * debtor) pair with a funded invoice has one, dated that day, except about one pair
	 * in {@value #PAIRS_PER_MISSING_NOTICE} (picked by their ids, the same every run),
	 * whose notice the desk never filed: their queued invoices are flagged. A pair with
	 * nothing funded yet has none.
	 */
	private static void recordNotices(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				INSERT INTO notice_of_assignment (client_id, debtor_id, sent_on, reference, recorded_by, recorded_at)
				SELECT i.client_id, i.debtor_id, MIN(i.funded_on),
				       'NOA-' || c.ref || '-' || d.ref, 'demo', CAST(MIN(i.funded_on) AS timestamp) AT TIME ZONE 'UTC'
				FROM invoice i
				JOIN facility f ON f.client_id = i.client_id
				JOIN client c ON c.id = i.client_id
				JOIN debtor d ON d.id = i.debtor_id
				WHERE f.notification AND i.funded_on IS NOT NULL AND (i.client_id * 7919 + i.debtor_id) % ? <> 0
				GROUP BY i.client_id, i.debtor_id, c.ref, d.ref
				ORDER BY i.client_id, i.debtor_id
				""")) {
			statement.setInt(1, PAIRS_PER_MISSING_NOTICE);
			statement.executeUpdate();
		}
	}

	private static void resetSequences(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (Table table : Table.values()) {
				statement.execute("SELECT setval(pg_get_serial_sequence('" + table.table + "', 'id'), "
						+ "(SELECT COALESCE(MAX(id), 1) FROM " + table.table + "))");
			}
		}
	}

	private static void analyze(Connection connection) throws SQLException {
		StringBuilder sql = new StringBuilder("ANALYZE ");
		for (Table table : Table.values()) {
			sql.append(table.ordinal() == 0 ? "" : ", ").append(table.table);
		}
		sql.append(", debtor_exposure, facility_exposure, notice_of_assignment");
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql.toString());
		}
	}

}
