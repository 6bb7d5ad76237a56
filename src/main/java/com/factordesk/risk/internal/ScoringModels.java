package com.factordesk.risk.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.risk.PiecewiseLinearCurve;
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

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ScoringModels(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public ScoringModel current() {
		return this.jdbc.sql(NEWEST).query(this::model).optional().orElseGet(ScoringModel::defaults);
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
