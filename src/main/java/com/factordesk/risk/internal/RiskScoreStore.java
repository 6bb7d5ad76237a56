package com.factordesk.risk.internal;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.risk.RiskAssessment;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes score snapshots (inputs, model version, result, time) in batches and points each
 * debtor at its newest.
 */
@Component
public class RiskScoreStore {

	private static final String INSERT = """
			INSERT INTO risk_score (debtor_id, as_of, scored_at, model_version, score, grade, trigger, components,
			                        reasons, inputs)
			VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))
			""";

	private static final String POINT_DEBTORS_AT_NEWEST = """
			UPDATE debtor d SET current_risk_score_id = r.id, current_scored_at = r.scored_at
			FROM risk_score r
			WHERE r.debtor_id = d.id AND r.scored_at = ?
			  AND (d.current_scored_at IS NULL OR d.current_scored_at <= r.scored_at)
			""";

	private static final int BATCH = 1_000;

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
		saveHistory(scored, asOf, scoredAt, trigger);
		this.jdbc.update(POINT_DEBTORS_AT_NEWEST,
				(PreparedStatement ps) -> ps.setTimestamp(1, Timestamp.from(scoredAt)));
	}

	/**
	 * Stores snapshots without making them the debtors' current scores.
	 */
	public void saveHistory(Map<Long, RiskScoring.Scored> scored, LocalDate asOf, Instant scoredAt,
			ScoreTrigger trigger) {
		List<Object[]> rows = new ArrayList<>(BATCH);
		for (Map.Entry<Long, RiskScoring.Scored> entry : scored.entrySet()) {
			RiskAssessment assessment = entry.getValue().assessment();
			rows.add(new Object[] { entry.getKey(), asOf, Timestamp.from(scoredAt), assessment.modelVersion(),
					assessment.score(), assessment.grade().name(), trigger.name(),
					this.json.writeValueAsString(assessment.components()),
					this.json.writeValueAsString(assessment.reasons()),
					this.json.writeValueAsString(entry.getValue().inputs()) });
			if (rows.size() == BATCH) {
				this.jdbc.batchUpdate(INSERT, rows);
				rows.clear();
			}
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(INSERT, rows);
		}
	}

}
