package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads stored score snapshots: a debtor's current score and its history.
 */
@Service
@Transactional(readOnly = true)
public class RiskScores {

	private static final String CURRENT = """
			SELECT d.ref, r.id, r.score, r.grade, r.components, r.reasons, r.scored_at, r.as_of, r.model_version
			FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
			WHERE d.ref = :ref
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RiskScores(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER', 'API_READ')")
	public Optional<DebtorScore> current(String debtorRef) {
		return this.jdbc.sql(CURRENT).param("ref", debtorRef).query((rs, row) -> {
			List<DebtorScore.ComponentView> components = new ArrayList<>();
			for (JsonNode component : this.json.readTree(rs.getString("components"))) {
				components
					.add(new DebtorScore.ComponentView(Component.valueOf(component.get("component").asString()).label(),
							decimalOrNull(component.get("subScore")), component.get("weight").decimalValue(),
							decimalOrNull(component.get("effectiveWeight")), component.get("missing").asBoolean()));
			}
			List<DebtorScore.ReasonView> reasons = new ArrayList<>();
			for (JsonNode reason : this.json.readTree(rs.getString("reasons"))) {
				List<Object> args = new ArrayList<>();
				for (JsonNode arg : reason.get("args")) {
					args.add(arg(arg));
				}
				reasons.add(new DebtorScore.ReasonView(reason.get("code").asString(), reason.get("text").asString(),
						args, decimalOrNull(reason.get("pointsLost"))));
			}
			return new DebtorScore(rs.getString("ref"), rs.getBigDecimal("score"), Grade.valueOf(rs.getString("grade")),
					components, reasons, rs.getLong("id"), rs.getTimestamp("scored_at").toInstant(),
					rs.getObject("as_of", LocalDate.class), rs.getInt("model_version"));
		}).optional();
	}

	private static BigDecimal decimalOrNull(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.decimalValue();
	}

	/**
	 * A stored reason argument back as a value: a number, a text, or an amount
	 * ({"amount": ...}) as its number.
	 */
	private static Object arg(JsonNode arg) {
		if (arg.isObject() && arg.has("amount")) {
			return new AmountArg(arg.get("amount").decimalValue());
		}
		if (arg.isNumber()) {
			return arg.decimalValue();
		}
		return arg.asString();
	}

	/**
	 * An amount of money among a reason's values, kept apart from plain numbers so that
	 * it is written as money.
	 */
	public record AmountArg(BigDecimal amount) {
	}

	/**
	 * The debtor's stored scores by the date they were taken as of, oldest first (the
	 * newest of each date).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER', 'API_READ')")
	public List<ScorePoint> history(String debtorRef) {
		return this.jdbc.sql("""
				SELECT DISTINCT ON (r.as_of) r.as_of, r.score, r.grade
				FROM risk_score r JOIN debtor d ON d.id = r.debtor_id
				WHERE d.ref = :ref
				ORDER BY r.as_of, r.scored_at DESC, r.id DESC
				""")
			.param("ref", debtorRef)
			.query((rs, row) -> new ScorePoint(rs.getObject("as_of", LocalDate.class), rs.getBigDecimal("score"),
					Grade.valueOf(rs.getString("grade"))))
			.list();
	}

	/**
	 * A score in the history.
	 */
	public record ScorePoint(LocalDate asOf, BigDecimal score, Grade grade) {
	}

}
