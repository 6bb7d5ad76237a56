package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.audit.AuditTrail;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.InputBounds;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins publish new versions of the scoring weights and curves. A version never changes
 * once published: every score records the version it used. Publishing re-scores every
 * debtor with the new version at once. Each publication is recorded in the audit trail.
 */
@Service
public class ScoringAdministration {

	/**
	 * How the audit trail names a version of the scoring model: by its number, as
	 * {@code scoring-model} {@code 2}.
	 */
	public static final String SUBJECT = "scoring-model";

	/**
	 * How the audit trail names a draft: by its revision, as {@code scoring-draft}
	 * {@code 3}.
	 */
	public static final String DRAFT_SUBJECT = "scoring-draft";

	/**
	 * The largest x (either sign) of a curve's point: days, rates and bureau scores all
	 * fit.
	 */
	private static final int MAX_CURVE_POINTS = 50;

	private static final int MAX_CURVE_TEXT = 2000;

	private static final BigDecimal CURVE_X_LIMIT = BigDecimal.valueOf(100_000);

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private static final int CURVE_DECIMALS = 6;

	private final ScoringModels models;

	private final AdvisoryLocks locks;

	private final RiskScoring scoring;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	ScoringAdministration(ScoringModels models, RiskScoring scoring, JdbcClient jdbc, Clock clock, AuditTrail audit,
			AdvisoryLocks locks, ApplicationEventPublisher events) {
		this.events = events;
		this.models = models;
		this.locks = locks;
		this.scoring = scoring;
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	@PreAuthorize("hasRole('ADMIN')")
	public ScoringModel current() {
		return this.models.current();
	}

	@PreAuthorize("hasRole('ADMIN')")
	public List<ScoringVersion> versions() {
		return this.jdbc.sql("""
				SELECT version, payment_behaviour, bureau, disputes, created_at, created_by
				FROM scoring_weights ORDER BY version DESC
				""")
			.query((rs, row) -> new ScoringVersion(rs.getInt("version"), rs.getBigDecimal("payment_behaviour"),
					rs.getBigDecimal("bureau"), rs.getBigDecimal("disputes"), rs.getTimestamp("created_at").toInstant(),
					rs.getString("created_by")))
			.list();
	}

	/**
	 * Publishes a new version and re-scores every debtor with it.
	 * @return the new version number
	 * @throws BusinessRefusal naming each field that breaks a rule
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publish(NewScoringModel model, String actor) {
		List<Violation> violations = new ArrayList<>();
		ScoringModel.Weights weights = null;
		BigDecimal total = java.util.stream.Stream
			.of(model.paymentBehaviourPercent(), model.bureauPercent(), model.disputesPercent())
			.map((percent) -> (percent != null) ? percent : BigDecimal.ZERO)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		if (total.compareTo(BigDecimal.valueOf(100)) != 0) {
			violations.add(
					Violation
						.onField("paymentBehaviourPercent", "scoring.weights.sum",
								"The weights must add up to 100 %, they add up to "
										+ total.stripTrailingZeros().toPlainString() + " %",
								total.stripTrailingZeros()));
		}
		else if (model.paymentBehaviourPercent() == null || model.bureauPercent() == null
				|| model.disputesPercent() == null) {
			violations.add(Violation.onField("paymentBehaviourPercent", "scoring.weights.missing",
					"Give each weight as a percentage"));
		}
		else {
			weights = new ScoringModel.Weights(fraction(model.paymentBehaviourPercent()),
					fraction(model.bureauPercent()), fraction(model.disputesPercent()));
		}
		PiecewiseLinearCurve adbt = parse("adbtCurve", model.adbtCurve(), violations);
		PiecewiseLinearCurve disputes = parse("disputeRateCurve", model.disputeRateCurve(), violations);
		Map<BureauProvider, PiecewiseLinearCurve> scales = new EnumMap<>(BureauProvider.class);
		for (BureauProvider provider : BureauProvider.values()) {
			scales.put(provider,
					parse("bureauScales[" + provider + "]", model.bureauScales().get(provider), violations));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		// held exclusively; a single re-score takes it shared, so it waits for a publish
		// in
		// progress and then scores with the new version
		this.locks.lockForTransaction(AdvisoryLocks.Key.SCORING_PUBLICATION);
		ScoringModel previous = this.models.current();
		// the page edits the weights and curves; the other rules carry over from the
		// version in force
		int version = insertVersion(weights, adbt, disputes, scales, previous, actor);
		this.audit.record("scoring.model-published", SUBJECT, String.valueOf(version),
				Map.of("version", previous.version()), Map.of("version", version, "weights", weights(weights)));
		this.scoring.scoreAll(ScoreTrigger.MANUAL);
		// the odds per grade of the new version are measured once this commits
		this.events.publishEvent(new ScoringVersionPublished(version));
		return version;
	}

	/**
	 * The open draft, if any: a full model that scores nobody until it is published.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Optional<ScoringDraft> draft() {
		return this.models.draft();
	}

	/**
	 * Saves a draft in place of the open one, if any. It scores nobody until published.
	 * @return the draft as saved
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public ScoringDraft saveDraft(ScoringModel model, String origin, ScoringDraft.FitReport report, String actor) {
		Optional<ScoringDraft> replaced = this.models.lockDraft();
		int basedOn = this.models.current().version();
		int revision = this.models.saveDraft(model, basedOn, origin, report, this.clock.instant(), actor);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("revision", revision);
		after.put("origin", origin);
		after.put("basedOnVersion", basedOn);
		after.put("weights", weights(model.weights()));
		if (report != null) {
			after.put("activeJudgeAuc30", report.activeJudgeAuc30());
			after.put("draftJudgeAuc30", report.draftJudgeAuc30());
		}
		this.audit.record("scoring.draft-saved", DRAFT_SUBJECT, String.valueOf(revision),
				replaced.map((draft) -> Map.of("revision", draft.revision())).orElse(null), after);
		return this.models.draft().orElseThrow();
	}

	/**
	 * Publishes the open draft as the next version, removes the draft and re-scores every
	 * debtor with it, as {@link #publish} does.
	 * @param revision the revision of the draft the admin saw
	 * @return the new version number
	 * @throws NotFoundException when there is no open draft
	 * @throws OptimisticLockingFailureException when the draft was replaced since
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public int publishDraft(int revision, String actor) {
		this.locks.lockForTransaction(AdvisoryLocks.Key.SCORING_PUBLICATION);
		ScoringDraft draft = openDraft(revision);
		ScoringModel previous = this.models.current();
		ScoringModel model = draft.model();
		int version = insertVersion(model.weights(), model.adbtCurve(), model.disputeRateCurve(), model.bureauScales(),
				model, actor);
		this.models.deleteDraft();
		this.audit.record("scoring.draft-published", DRAFT_SUBJECT, String.valueOf(revision),
				Map.of("revision", revision, "origin", draft.origin()), Map.of("version", version));
		this.audit.record("scoring.model-published", SUBJECT, String.valueOf(version),
				Map.of("version", previous.version()),
				Map.of("version", version, "weights", weights(model.weights()), "draftRevision", revision));
		this.scoring.scoreAll(ScoreTrigger.MANUAL);
		// the odds per grade of the new version are measured once this commits
		this.events.publishEvent(new ScoringVersionPublished(version));
		return version;
	}

	/**
	 * Discards the open draft; nothing else changes.
	 * @param revision the revision of the draft the admin saw
	 * @throws NotFoundException when there is no open draft
	 * @throws OptimisticLockingFailureException when the draft was replaced since
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void discardDraft(int revision, String actor) {
		ScoringDraft draft = openDraft(revision);
		this.models.deleteDraft();
		this.audit.record("scoring.draft-discarded", DRAFT_SUBJECT, String.valueOf(revision),
				Map.of("revision", revision, "origin", draft.origin(), "weights", weights(draft.model().weights())),
				null);
	}

	private ScoringDraft openDraft(int revision) {
		ScoringDraft draft = this.models.lockDraft()
			.orElseThrow(() -> new NotFoundException("Scoring draft", revision));
		if (draft.revision() != revision) {
			throw new OptimisticLockingFailureException("The scoring draft was replaced by revision " + draft.revision()
					+ " while revision " + revision + " was on the page");
		}
		return draft;
	}

	private int insertVersion(ScoringModel.Weights weights, PiecewiseLinearCurve adbt, PiecewiseLinearCurve disputes,
			Map<BureauProvider, PiecewiseLinearCurve> scales, ScoringModel rules, String actor) {
		int version = this.jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM scoring_weights")
			.query(Integer.class)
			.single();
		this.jdbc
			.sql("""
					INSERT INTO scoring_weights (version, payment_behaviour, bureau, disputes, created_at, created_by,
					                             adbt_curve, dispute_rate_curve, bureau_scales, rules)
					VALUES (:version, :payment, :bureau, :disputes, :createdAt, :createdBy,
					        CAST(:adbt AS jsonb), CAST(:disputeRate AS jsonb), CAST(:scales AS jsonb), CAST(:rules AS jsonb))
					""")
			.param("version", version)
			.param("payment", weights.paymentBehaviour())
			.param("bureau", weights.bureau())
			.param("disputes", weights.disputes())
			.param("createdAt", java.sql.Timestamp.from(this.clock.instant()))
			.param("createdBy", actor)
			.param("adbt", this.models.json(adbt))
			.param("disputeRate", this.models.json(disputes))
			.param("scales", this.models.json(scales))
			.param("rules", this.models.rulesJson(rules))
			.update();
		return version;
	}

	private static Map<String, Object> weights(ScoringModel.Weights weights) {
		return Map.of("paymentBehaviour", weights.paymentBehaviour(), "bureau", weights.bureau(), "disputes",
				weights.disputes());
	}

	/**
	 * A curve as the form shows it: "0:100, 15:75, 30:50".
	 */
	public static String text(PiecewiseLinearCurve curve) {
		List<String> points = new ArrayList<>();
		for (PiecewiseLinearCurve.Point point : curve.points()) {
			points.add(point.x().stripTrailingZeros().toPlainString() + ":"
					+ point.y().stripTrailingZeros().toPlainString());
		}
		return String.join(", ", points);
	}

	/**
	 * The curve the admin wrote, or {@code null} with the reason added to
	 * {@code violations}, on the form's field.
	 */
	private static PiecewiseLinearCurve parse(String field, String text, List<Violation> violations) {
		if (text == null || text.isBlank()) {
			violations.add(Violation.onField(field, "curve.missing",
					"Give the curve as x:y points separated by commas, e.g. 0:100, 30:50, 90:0"));
			return null;
		}
		String[] pairs = text.split(",", MAX_CURVE_POINTS + 2);
		if (pairs.length > MAX_CURVE_POINTS || text.length() > MAX_CURVE_TEXT) {
			violations.add(Violation.onField(field, "curve.points.tooMany",
					"A curve has at most " + MAX_CURVE_POINTS + " points", MAX_CURVE_POINTS));
			return null;
		}
		List<PiecewiseLinearCurve.Point> points = new ArrayList<>();
		for (String pair : pairs) {
			String shown = shown(pair);
			String[] parts = pair.trim().split(":");
			BigDecimal x;
			BigDecimal y;
			try {
				if (parts.length != 2) {
					throw new NumberFormatException();
				}
				// a number as the admin wrote it, parsed without writing it out
				// (1E+999999999)
				x = new BigDecimal(parts[0].trim());
				y = new BigDecimal(parts[1].trim());
			}
			catch (NumberFormatException ex) {
				violations.add(Violation.onField(field, "curve.point.malformed",
						"\"" + shown + "\" is not a point: write x:y, e.g. 30:50", shown));
				return null;
			}
			if (!withinCurve(x, CURVE_X_LIMIT) || !withinCurve(y, HUNDRED) || y.signum() < 0) {
				violations.add(Violation.onField(field, "curve.point.outOfRange", "\"" + shown
						+ "\" is outside the range a curve takes: x from -100000 to 100000 and a score from 0 to 100, with at most 6 decimals",
						shown));
				return null;
			}
			points.add(new PiecewiseLinearCurve.Point(x, y));
		}
		try {
			return new PiecewiseLinearCurve(points);
		}
		catch (BusinessRefusal ex) {
			ex.getViolations().forEach((violation) -> violations.add(violation.on(field)));
			return null;
		}
	}

	/**
	 * Whether a curve's coordinate lies within {@code -limit..limit} with at most
	 * {@link #CURVE_DECIMALS} decimals, checked without writing the number out.
	 */
	private static boolean withinCurve(BigDecimal value, BigDecimal limit) {
		return InputBounds.sane(value) && value.abs().compareTo(limit) <= 0
				&& value.stripTrailingZeros().scale() <= CURVE_DECIMALS;
	}

	/**
	 * A point as a refusal quotes it: at most 40 characters of what was typed.
	 */
	private static String shown(String pair) {
		String trimmed = pair.trim();
		return (trimmed.length() > 40) ? trimmed.substring(0, 40) + "..." : trimmed;
	}

	private static BigDecimal fraction(BigDecimal percent) {
		return percent.movePointLeft(2);
	}

}
