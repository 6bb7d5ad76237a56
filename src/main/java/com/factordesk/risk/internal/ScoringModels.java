package com.factordesk.risk.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.risk.Grade;
import com.factordesk.risk.PiecewiseLinearCurve;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.ScoringModel;
import com.factordesk.debtor.BureauProvider;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scoring model in force: the newest version in the database of the weights, the
 * curves (days beyond terms, dispute rate and each bureau's scale) and the other rules
 * (the payment blend, the credibility k of payment history and of disputes, the trend
 * rule, bureau decay and the past-due cap).
 */
@Component
public class ScoringModels {

	private static final String NEWEST = """
			SELECT version, payment_behaviour, bureau, disputes, adbt_curve, dispute_rate_curve, bureau_scales, rules
			FROM scoring_weights ORDER BY version DESC LIMIT 1
			""";

	private static final String DRAFT = """
			SELECT 0 AS version, revision, payment_behaviour, bureau, disputes, adbt_curve, dispute_rate_curve,
			       bureau_scales, rules, based_on_version, origin, report, created_at, created_by
			FROM scoring_draft
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ScoringModels(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public ScoringModel current() {
		return this.jdbc.sql(NEWEST).query(this::model).optional().orElseGet(ScoringModel::defaults);
	}

	/**
	 * The open draft, if any. It scores nobody until it is published.
	 */
	public Optional<ScoringDraft> draft() {
		return this.jdbc.sql(DRAFT).query(this::draft).optional();
	}

	/**
	 * The open draft, locked until the transaction ends, if any.
	 */
	public Optional<ScoringDraft> lockDraft() {
		return this.jdbc.sql(DRAFT + " FOR UPDATE").query(this::draft).optional();
	}

	/**
	 * Saves a draft in place of the open one (there is at most one).
	 * @return its revision
	 */
	public int saveDraft(ScoringModel model, int basedOnVersion, String origin, ScoringDraft.FitReport report,
			Instant createdAt, String createdBy) {
		return this.jdbc
			.sql("""
					INSERT INTO scoring_draft (id, revision, payment_behaviour, bureau, disputes, adbt_curve,
					                           dispute_rate_curve, bureau_scales, rules, based_on_version, origin, report,
					                           created_at, created_by)
					VALUES (1, nextval('scoring_draft_revision'), :payment, :bureau, :disputes, CAST(:adbt AS jsonb), CAST(:disputeRate AS jsonb),
					        CAST(:scales AS jsonb), CAST(:rules AS jsonb), :basedOn, :origin, CAST(:report AS jsonb),
					        :createdAt, :createdBy)
					ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision,
					    payment_behaviour = EXCLUDED.payment_behaviour, bureau = EXCLUDED.bureau,
					    disputes = EXCLUDED.disputes, adbt_curve = EXCLUDED.adbt_curve,
					    dispute_rate_curve = EXCLUDED.dispute_rate_curve, bureau_scales = EXCLUDED.bureau_scales,
					    rules = EXCLUDED.rules, based_on_version = EXCLUDED.based_on_version, origin = EXCLUDED.origin,
					    report = EXCLUDED.report, created_at = EXCLUDED.created_at, created_by = EXCLUDED.created_by
					RETURNING revision
					""")
			.param("payment", model.weights().paymentBehaviour())
			.param("bureau", model.weights().bureau())
			.param("disputes", model.weights().disputes())
			.param("adbt", json(model.adbtCurve()))
			.param("disputeRate", json(model.disputeRateCurve()))
			.param("scales", json(model.bureauScales()))
			.param("rules", rulesJson(model))
			.param("basedOn", basedOnVersion)
			.param("origin", origin)
			.param("report", (report != null) ? write(reportMap(report)) : "null")
			.param("createdAt", Timestamp.from(createdAt))
			.param("createdBy", createdBy)
			.query(Integer.class)
			.single();
	}

	/**
	 * Removes the open draft.
	 * @return whether there was one
	 */
	public boolean deleteDraft() {
		return this.jdbc.sql("DELETE FROM scoring_draft").update() > 0;
	}

	private ScoringDraft draft(ResultSet rs, int row) throws SQLException {
		JsonNode report = this.json.readTree(rs.getString("report"));
		return new ScoringDraft(rs.getInt("revision"), model(rs, row), rs.getInt("based_on_version"),
				rs.getString("origin"), (report == null || report.isNull()) ? null : report(report),
				rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
	}

	private static Map<String, Object> reportMap(ScoringDraft.FitReport report) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("fitFrom", report.fitFrom().toString());
		map.put("fitTo", report.fitTo().toString());
		map.put("judgeFrom", report.judgeFrom().toString());
		map.put("judgeTo", report.judgeTo().toString());
		map.put("fitInvoices", report.fitInvoices());
		map.put("fitLate30", report.fitLate30());
		map.put("judgeInvoices", report.judgeInvoices());
		map.put("judgeLate30", report.judgeLate30());
		map.put("activeFitAuc30", report.activeFitAuc30());
		map.put("draftFitAuc30", report.draftFitAuc30());
		map.put("activeJudgeAuc30", report.activeJudgeAuc30());
		map.put("draftJudgeAuc30", report.draftJudgeAuc30());
		map.put("elapsedMillis", report.elapsedMillis());
		map.put("judgeGrades",
				report.judgeGrades()
					.stream()
					.map((grade) -> Map.of("grade", grade.grade().name(), "activeInvoices", grade.activeInvoices(),
							"activeLate30", grade.activeLate30(), "draftInvoices", grade.draftInvoices(), "draftLate30",
							grade.draftLate30()))
					.toList());
		return map;
	}

	private static ScoringDraft.FitReport report(JsonNode node) {
		return new ScoringDraft.FitReport(LocalDate.parse(node.get("fitFrom").asString()),
				LocalDate.parse(node.get("fitTo").asString()), LocalDate.parse(node.get("judgeFrom").asString()),
				LocalDate.parse(node.get("judgeTo").asString()), node.get("fitInvoices").asLong(),
				node.get("fitLate30").asLong(), node.get("judgeInvoices").asLong(), node.get("judgeLate30").asLong(),
				decimal(node.get("activeFitAuc30")), decimal(node.get("draftFitAuc30")),
				decimal(node.get("activeJudgeAuc30")), decimal(node.get("draftJudgeAuc30")),
				node.get("elapsedMillis").asLong(), grades(node.get("judgeGrades")));
	}

	private static List<ScoringDraft.FitReport.GradeOutcome> grades(JsonNode grades) {
		List<ScoringDraft.FitReport.GradeOutcome> result = new ArrayList<>();
		if (grades != null) {
			for (JsonNode grade : grades) {
				result.add(new ScoringDraft.FitReport.GradeOutcome(Grade.valueOf(grade.get("grade").asString()),
						grade.get("activeInvoices").asLong(), grade.get("activeLate30").asLong(),
						grade.get("draftInvoices").asLong(), grade.get("draftLate30").asLong()));
			}
		}
		return result;
	}

	private static BigDecimal decimal(JsonNode node) {
		return (node == null || node.isNull()) ? null : node.decimalValue();
	}

	private ScoringModel model(ResultSet rs, int row) throws SQLException {
		ScoringModel defaults = ScoringModel.defaults();
		Map<BureauProvider, PiecewiseLinearCurve> scales = new EnumMap<>(BureauProvider.class);
		JsonNode stored = this.json.readTree(rs.getString("bureau_scales"));
		for (BureauProvider provider : BureauProvider.values()) {
			JsonNode points = stored.get(provider.name());
			scales.put(provider, (points != null) ? curve(points) : defaults.bureauScales().get(provider));
		}
		JsonNode rules = this.json.readTree(rs.getString("rules"));
		JsonNode blend = rules.get("paymentBlend");
		JsonNode trend = rules.get("trend");
		JsonNode decay = rules.get("bureauDecay");
		JsonNode cap = rules.get("pastDueCap");
		return new ScoringModel(rs.getInt("version"),
				new ScoringModel.Weights(rs.getBigDecimal("payment_behaviour"), rs.getBigDecimal("bureau"),
						rs.getBigDecimal("disputes")),
				new ScoringModel.PaymentBlend(blend.get("adbt").decimalValue(), blend.get("onTime").decimalValue(),
						blend.get("openItems").decimalValue()),
				curve(this.json.readTree(rs.getString("adbt_curve"))),
				curve(this.json.readTree(rs.getString("dispute_rate_curve"))), rules.get("credibilityK").asInt(),
				// every version has it since V015; a version written without it keeps the
				// default it was scored with
				rules.has("disputeCredibilityK") ? rules.get("disputeCredibilityK").asInt()
						: ScoringModel.DEFAULT_DISPUTE_CREDIBILITY_K,
				new ScoringModel.TrendRule(trend.get("minRecentInvoices").asInt(),
						trend.get("pointsPerDay").decimalValue(), trend.get("maxPoints").decimalValue()),
				new ScoringModel.BureauDecay(decay.get("freshDays").asInt(), decay.get("neutralDays").asInt(),
						decay.get("neutralScore").decimalValue()),
				new ScoringModel.PastDueCap(cap.get("daysPastDue").asInt(), cap.get("maxScore").decimalValue()),
				scales);
	}

	/**
	 * The rules of a model beyond its weights and curves, as stored.
	 */
	public String rulesJson(ScoringModel model) {
		ScoringModel.PaymentBlend blend = model.paymentBlend();
		ScoringModel.TrendRule trend = model.trend();
		ScoringModel.BureauDecay decay = model.bureauDecay();
		ScoringModel.PastDueCap cap = model.pastDueCap();
		Map<String, Object> rules = new LinkedHashMap<>();
		rules.put("paymentBlend", Map.of("adbt", plain(blend.adbt()), "onTime", plain(blend.onTime()), "openItems",
				plain(blend.openItems())));
		rules.put("credibilityK", model.credibilityK());
		rules.put("disputeCredibilityK", model.disputeCredibilityK());
		rules.put("trend", Map.of("minRecentInvoices", trend.minRecentInvoices(), "pointsPerDay",
				plain(trend.pointsPerDay()), "maxPoints", plain(trend.maxPoints())));
		rules.put("bureauDecay", Map.of("freshDays", decay.freshDays(), "neutralDays", decay.neutralDays(),
				"neutralScore", plain(decay.neutralScore())));
		rules.put("pastDueCap", Map.of("daysPastDue", cap.daysPastDue(), "maxScore", plain(cap.maxScore())));
		return write(rules);
	}

	/**
	 * A curve as stored: an array of [x, y] points.
	 */
	public String json(PiecewiseLinearCurve curve) {
		return write(points(curve));
	}

	/**
	 * The bureau scales as stored: a curve per provider.
	 */
	public String json(Map<BureauProvider, PiecewiseLinearCurve> scales) {
		Map<String, Object> stored = new LinkedHashMap<>();
		scales.forEach((provider, curve) -> stored.put(provider.name(), points(curve)));
		return write(stored);
	}

	private static List<List<BigDecimal>> points(PiecewiseLinearCurve curve) {
		return curve.points().stream().map((point) -> List.of(plain(point.x()), plain(point.y()))).toList();
	}

	private String write(Object value) {
		return this.json.writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).writeValueAsString(value);
	}

	private static BigDecimal plain(BigDecimal value) {
		return value.stripTrailingZeros();
	}

	public static PiecewiseLinearCurve curve(JsonNode points) {
		List<PiecewiseLinearCurve.Point> result = new ArrayList<>();
		for (JsonNode point : points) {
			result.add(new PiecewiseLinearCurve.Point(point.get(0).decimalValue(), point.get(1).decimalValue()));
		}
		return new PiecewiseLinearCurve(result);
	}

}
