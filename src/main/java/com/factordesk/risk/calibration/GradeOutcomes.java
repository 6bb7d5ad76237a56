package com.factordesk.risk.calibration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

import com.factordesk.risk.Grade;
import com.factordesk.risk.GradeOdds;
import com.factordesk.risk.ScoringVersionPublished;
import com.factordesk.risk.internal.RiskScheduling;
import com.factordesk.risk.internal.ScoringModels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Measures each grade's observed probability of 30+ days late (DESIGN.md section 2b) and
 * stores it for the pages to read ({@link GradeOdds}): on the judge window of the
 * calibration, the matured invoices issued in the 6 full months before this month, each
 * graded by the score its debtor had at the end of the month before it was issued, under
 * the scoring version in force. Costs one as-of scoring of every debtor per month, so it
 * runs after the start-up scoring, the nightly re-score and a publication, never on a
 * page request.
 */
@Service
public class GradeOutcomes {

	private static final Logger logger = LoggerFactory.getLogger(GradeOutcomes.class);

	private static final String UPSERT = """
			INSERT INTO grade_outcome (model_version, grade, judge_from, judge_to, computed_on, computed_at,
			                           invoices, late30)
			VALUES (:version, :grade, :judgeFrom, :judgeTo, :computedOn, :computedAt, :invoices, :late30)
			ON CONFLICT (model_version, grade) DO UPDATE
			SET judge_from = EXCLUDED.judge_from, judge_to = EXCLUDED.judge_to, computed_on = EXCLUDED.computed_on,
			    computed_at = EXCLUDED.computed_at, invoices = EXCLUDED.invoices, late30 = EXCLUDED.late30
			""";

	private final ScoringModels models;

	private final CalibrationSamples samples;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Timer calibration;

	GradeOutcomes(ScoringModels models, CalibrationSamples samples, JdbcClient jdbc, Clock clock,
			MeterRegistry meters) {
		this.calibration = Timer.builder("factordesk.calibration")
			.description("Measuring the 30+ days late odds of every grade")
			.register(meters);
		this.models = models;
		this.samples = samples;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Measures the odds of every grade under the version in force as of today and stores
	 * them in place of those measured before for that version.
	 */
	@Transactional
	public GradeOdds.Table recompute() {
		long started = System.nanoTime();
		LocalDate today = LocalDate.now(this.clock);
		int version = this.models.current().version();
		YearMonth month = YearMonth.from(today);
		LocalDate judgeFrom = month.minusMonths(ScoringCalibration.JUDGE_FROM_MONTHS).atDay(1);
		LocalDate judgeTo = month.minusMonths(ScoringCalibration.JUDGE_TO_MONTHS).atEndOfMonth();
		Map<Grade, GradeOdds.Odds> grades = measure(judgeFrom, judgeTo, today);
		Instant computedAt = this.clock.instant();
		grades.values()
			.forEach((odds) -> this.jdbc.sql(UPSERT)
				.param("version", version)
				.param("grade", odds.grade().name())
				.param("judgeFrom", judgeFrom)
				.param("judgeTo", judgeTo)
				.param("computedOn", today)
				.param("computedAt", Timestamp.from(computedAt))
				.param("invoices", odds.invoices())
				.param("late30", odds.late30())
				.update());
		this.calibration.record(Duration.ofNanos(System.nanoTime() - started));
		logger.info(
				"Measured the 30+ days late odds per grade of scoring version {} on invoices issued {} to {}"
						+ " in {} ms: {}",
				version, judgeFrom, judgeTo, (System.nanoTime() - started) / 1_000_000, grades.values());
		return new GradeOdds.Table(version, judgeFrom, judgeTo, today, grades);
	}

	/**
	 * Once the publishing transaction committed, on the re-scoring thread: the request
	 * that published does not wait for it.
	 */
	@Async(RiskScheduling.RESCORING_EXECUTOR)
	@TransactionalEventListener
	public void on(ScoringVersionPublished published) {
		recompute();
	}

	/**
	 * Per grade, the matured invoices issued from {@code from} to {@code to} and those
	 * 30+ days late, graded by the version in force as of the end of the month before
	 * their issue.
	 */
	private Map<Grade, GradeOdds.Odds> measure(LocalDate from, LocalDate to, LocalDate today) {
		long[] invoices = new long[Grade.values().length];
		long[] late30 = new long[Grade.values().length];
		this.samples.scored(from, to, today, (outcome, debtor) -> {
			int grade = debtor.assessment().grade().ordinal();
			invoices[grade] += outcome.late() + outcome.onTime();
			late30[grade] += outcome.late();
		});
		Map<Grade, GradeOdds.Odds> grades = new EnumMap<>(Grade.class);
		for (Grade grade : Grade.values()) {
			grades.put(grade, new GradeOdds.Odds(grade, invoices[grade.ordinal()], late30[grade.ordinal()]));
		}
		return grades;
	}

}
