package com.factordesk.risk.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.factordesk.risk.RiskAssessment;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes score snapshots (inputs, model version, result, time) with {@code COPY} and
 * points each debtor at its newest.
 */
@Component
public class RiskScoreStore {

	private static final String COPY = """
			COPY risk_score (debtor_id, as_of, scored_at, model_version, score, grade, trigger, components, reasons,
			                 inputs)
			FROM STDIN (FORMAT csv)
			""";

	private static final String POINT_DEBTORS_AT_NEWEST = """
			UPDATE debtor d SET current_risk_score_id = r.id, current_scored_at = r.scored_at
			FROM risk_score r
			WHERE r.debtor_id = d.id AND r.scored_at = ?
			  AND (d.current_scored_at IS NULL OR d.current_scored_at <= r.scored_at)
			""";

	/** The snapshots sent to the database at a time. */
	private static final int CHUNK_ROWS = 2_000;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	RiskScoreStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores snapshots and makes each its debtor's current score, unless the debtor has
	 * meanwhile been scored later (an event re-score during a nightly run keeps its newer
	 * snapshot).
	 */
	public void saveAll(Map<Long, RiskScoring.Scored> scored, LocalDate asOf, Instant scoredAt, ScoreTrigger trigger) {
		Instant stored = storedPrecision(scoredAt);
		saveHistory(scored, asOf, stored, trigger);
		this.jdbc.update(POINT_DEBTORS_AT_NEWEST, (PreparedStatement ps) -> ps.setTimestamp(1, Timestamp.from(stored)));
	}

	/**
	 * Stores snapshots without making them the debtors' current scores, with one
	 * {@code COPY} in the caller's transaction (a full run writes every debtor's).
	 */
	public void saveHistory(Map<Long, RiskScoring.Scored> scored, LocalDate asOf, Instant scoredAt,
			ScoreTrigger trigger) {
		String fixed = "," + asOf + "," + storedPrecision(scoredAt) + ",";
		List<Map.Entry<Long, RiskScoring.Scored>> rows = List.copyOf(scored.entrySet());
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
			try {
				for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
					// the JSON of a chunk is written in parallel, the lines sent in order
					String[] lines = new String[Math.min(CHUNK_ROWS, rows.size() - from)];
					int first = from;
					IntStream.range(0, lines.length)
						.parallel()
						.forEach((i) -> lines[i] = line(rows.get(first + i), fixed, trigger));
					byte[] bytes = String.join("", lines).getBytes(StandardCharsets.UTF_8);
					copy.writeToCopy(bytes, 0, bytes.length);
				}
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			return null;
		});
	}

	/**
	 * One snapshot as a line of CSV.
	 */
	private String line(Map.Entry<Long, RiskScoring.Scored> row, String fixed, ScoreTrigger trigger) {
		RiskAssessment assessment = row.getValue().assessment();
		StringBuilder csv = new StringBuilder(4096);
		csv.append(row.getKey())
			.append(fixed)
			.append(assessment.modelVersion())
			.append(',')
			.append(assessment.score().toPlainString())
			.append(',')
			.append(assessment.grade().name())
			.append(',')
			.append(trigger.name())
			.append(',');
		quoted(csv, this.json.writeValueAsString(assessment.components())).append(',');
		quoted(csv, this.json.writeValueAsString(assessment.reasons())).append(',');
		quoted(csv, this.json.writeValueAsString(row.getValue().inputs())).append('\n');
		return csv.toString();
	}

	/**
	 * The time as the database keeps it, to the microsecond (rounded half up), so that
	 * the snapshots written and the debtors pointed at them name the same instant.
	 */
	private static Instant storedPrecision(Instant time) {
		return time.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
	}

	private static StringBuilder quoted(StringBuilder csv, String text) {
		csv.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				csv.append('"');
			}
			csv.append(c);
		}
		return csv.append('"');
	}

}
