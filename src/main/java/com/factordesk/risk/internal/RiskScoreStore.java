package com.factordesk.risk.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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

	/** The characters of CSV sent to the database at a time. */
	private static final int CHUNK_CHARS = 1 << 20;

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
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
			try {
				StringBuilder csv = new StringBuilder(CHUNK_CHARS + 8192);
				for (Map.Entry<Long, RiskScoring.Scored> entry : scored.entrySet()) {
					RiskAssessment assessment = entry.getValue().assessment();
					csv.append(entry.getKey())
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
					quoted(csv, this.json.writeValueAsString(entry.getValue().inputs())).append('\n');
					if (csv.length() >= CHUNK_CHARS) {
						write(copy, csv);
					}
				}
				write(copy, csv);
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

	private static void write(CopyIn copy, StringBuilder csv) throws SQLException {
		byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		csv.setLength(0);
	}

}
