package com.factordesk.debtor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.factordesk.shared.CopyRows;
import com.factordesk.shared.RowProblem;
import com.factordesk.shared.Violation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in bureau scores from a file (DESIGN section 7) in bulk, in the import's
 * transaction: the rows are copied into a staging table of that transaction, checked
 * there against the book (an unknown debtor, the same debtor, bureau and day twice in the
 * file, a reading known with another score), and the new readings recorded in one
 * statement; a reading equal to one already known is left as it is. Each debtor whose
 * readings changed is re-scored once, after the commit.
 */
@Service
public class BureauScoreIntake {

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	BureauScoreIntake(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.events = events;
	}

	/**
	 * Opens the staging table of this transaction, to which the rows are then added.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Staging stage() {
		this.jdbc.sql("DROP TABLE IF EXISTS pg_temp.bureau_intake").update();
		this.jdbc.sql("""
				CREATE TEMPORARY TABLE bureau_intake (
				    line integer NOT NULL,
				    debtor_ref varchar(32) NOT NULL,
				    provider varchar(20) NOT NULL,
				    score integer NOT NULL,
				    as_of date NOT NULL,
				    debtor_id bigint
				) ON COMMIT DROP
				""").update();
		return new Staging(CopyRows.into(this.dataSource,
				"COPY bureau_intake (line, debtor_ref, provider, score, as_of) FROM STDIN WITH (FORMAT csv)"));
	}

	/**
	 * What the staged rows break, line by line; finds their debtors.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<RowProblem> check() {
		this.jdbc.sql("ANALYZE bureau_intake").update();
		this.jdbc.sql(
				"UPDATE bureau_intake s SET debtor_id = COALESCE(d.merged_into_id, d.id) FROM debtor d WHERE d.ref = s.debtor_ref")
			.update();
		List<RowProblem> problems = new ArrayList<>();
		this.jdbc.sql("SELECT line, debtor_ref FROM bureau_intake WHERE debtor_id IS NULL")
			.query((java.sql.ResultSet rs) -> {
				problems.add(
						new RowProblem(rs.getInt("line"), Violation.onField("debtor_ref", "import.bureau.unknownDebtor",
								"Debtor " + rs.getString("debtor_ref") + " is not known", rs.getString("debtor_ref"))));
			});
		this.jdbc.sql("""
				SELECT line, debtor_ref, provider, as_of, first_line FROM (
				    SELECT line, debtor_ref, provider, as_of,
				           MIN(line) OVER (PARTITION BY debtor_ref, provider, as_of) AS first_line
				    FROM bureau_intake) s
				WHERE line > first_line
				""").query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"), Violation.onField("as_of", "import.bureau.twiceInFile",
					"The " + rs.getString("provider") + " score of " + rs.getString("debtor_ref") + " as of "
							+ rs.getObject("as_of", LocalDate.class) + " is also on line " + rs.getInt("first_line"),
					rs.getString("provider"), rs.getString("debtor_ref"),
					rs.getObject("as_of", LocalDate.class).toString(), rs.getInt("first_line"))));
		});
		this.jdbc.sql("""
				SELECT s.line, s.debtor_ref, s.provider, s.as_of, b.score
				FROM bureau_intake s
				JOIN bureau_score b ON b.debtor_id = s.debtor_id AND b.provider = s.provider AND b.as_of = s.as_of
				WHERE b.score <> s.score
				""").query((java.sql.ResultSet rs) -> {
			problems.add(new RowProblem(rs.getInt("line"), Violation.onField("score", "import.bureau.knownOtherwise",
					"The " + rs.getString("provider") + " score of " + rs.getString("debtor_ref") + " as of "
							+ rs.getObject("as_of", LocalDate.class) + " is already known as " + rs.getInt("score"),
					rs.getString("provider"), rs.getString("debtor_ref"),
					rs.getObject("as_of", LocalDate.class).toString(), rs.getInt("score"))));
		});
		return problems;
	}

	/**
	 * Records the staged readings not known yet and asks for their debtors' re-scores.
	 * @return the readings recorded and the debtors whose re-scores were asked for
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Recorded record() {
		List<Long> debtors = new ArrayList<>();
		long[] readings = { 0 };
		this.jdbc.sql("""
				WITH inserted AS (
				    INSERT INTO bureau_score (debtor_id, provider, score, as_of)
				    SELECT s.debtor_id, s.provider, s.score, s.as_of FROM bureau_intake s
				    WHERE NOT EXISTS (SELECT 1 FROM bureau_score b
				                      WHERE b.debtor_id = s.debtor_id AND b.provider = s.provider AND b.as_of = s.as_of)
				    ORDER BY s.line
				    RETURNING debtor_id
				)
				SELECT debtor_id, COUNT(*) AS readings FROM inserted GROUP BY debtor_id ORDER BY debtor_id
				""").query((java.sql.ResultSet rs) -> {
			debtors.add(rs.getLong("debtor_id"));
			readings[0] += rs.getLong("readings");
		});
		debtors
			.forEach((debtor) -> this.events.publishEvent(new DebtorInputsChanged(debtor, "bureau scores imported")));
		long rows = this.jdbc.sql("SELECT COUNT(*) FROM bureau_intake").query(Long.class).single();
		return new Recorded(readings[0], rows - readings[0], debtors.size());
	}

	/**
	 * The rows of one import, copied into the staging table as they are read.
	 */
	public static final class Staging {

		private final CopyRows rows;

		Staging(CopyRows rows) {
			this.rows = rows;
		}

		/**
		 * Adds a row whose fields are each valid on their own.
		 */
		public void add(int line, String debtorRef, BureauProvider provider, int score, LocalDate asOf) {
			this.rows.value(line).text(debtorRef).text(provider.name()).value(score).value(asOf).endRow();
		}

		/**
		 * Copies what is left; the rows copied so far.
		 */
		public long finish() {
			return this.rows.finish();
		}

	}

	/**
	 * What an import recorded: new readings, rows equal to readings already known, the
	 * debtors whose re-scores were asked for.
	 */
	public record Recorded(long readings, long unchanged, int debtors) {
	}

}
