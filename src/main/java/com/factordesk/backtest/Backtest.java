package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.factordesk.risk.Grade;
import com.factordesk.risk.RiskAssessment;
import com.factordesk.risk.RiskScoring;
import com.factordesk.shared.BusinessRefusal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Backtests the score: for invoices issued in a period, takes the score their debtor had
 * when each was issued and whether it was paid late, and reports how well the score
 * separated late from on-time payment.
 * <p>
 * The score "when issued" is the debtor's as-of score at the end of the month before the
 * issue month: the score the desk had on file then, computed from what was known on that
 * date only. An invoice's outcome is known when it was paid in full (late when paid after
 * its due date) or is still unpaid past its due date today (late); an invoice not yet due
 * and not yet paid is left out, and so is one settled by credit notes alone (dilution
 * says nothing of when a debtor pays). Early payment counts as 0 days beyond terms.
 */
@Service
public class Backtest {

	private static final String OUTCOMES = """
			SELECT i.debtor_id, i.issue_date, i.due_date,
			       CASE WHEN i.outstanding <= 0
			            THEN GREATEST(0, i.last_collected_on - i.due_date)
			            ELSE CAST(:today AS date) - i.due_date END AS days_beyond
			FROM invoice_balance(CAST(:today AS date)) i
			JOIN client cl ON cl.id = i.client_id
			WHERE i.issue_date BETWEEN :from AND :to
			  AND (CAST(:clientRef AS text) IS NULL OR cl.ref = :clientRef)
			  AND ((i.outstanding <= 0 AND i.last_collected_on IS NOT NULL)
			       OR (i.outstanding > 0 AND i.due_date < :today))
			""";

	private final RiskScoring scoring;

	private final JdbcClient jdbc;

	private final Clock clock;

	Backtest(RiskScoring scoring, JdbcClient jdbc, Clock clock) {
		this.scoring = scoring;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'API_READ')")
	@Transactional(readOnly = true)
	public BacktestReport run(LocalDate from, LocalDate to, String clientRef) {
		Instant started = this.clock.instant();
		LocalDate today = LocalDate.now(this.clock);
		if (from.isAfter(to)) {
			throw BusinessRefusal.onField("from", "backtest.period.reversed",
					"The period starts after it ends: " + from + " > " + to, from, to);
		}
		if (to.isAfter(today)) {
			throw BusinessRefusal.onField("to", "backtest.period.future", "The period ends after today (" + today + ")",
					to, today);
		}
		List<Row> rows = this.jdbc.sql(OUTCOMES)
			.param("from", from)
			.param("to", to)
			.param("today", today)
			.param("clientRef", clientRef)
			.query((rs, row) -> new Row(rs.getLong("debtor_id"),
					scoringDate(rs.getObject("issue_date", LocalDate.class)), rs.getInt("days_beyond")))
			.list();
		Map<LocalDate, Map<Long, RiskAssessment>> scores = new HashMap<>();
		for (LocalDate date : new TreeSet<>(rows.stream().map(Row::scoredOn).toList())) {
			scores.put(date, this.scoring.assessAllAsOf(date));
		}
		List<BacktestStatistics.Outcome> late = new ArrayList<>();
		List<BacktestStatistics.Outcome> late30 = new ArrayList<>();
		Map<Grade, long[]> byGrade = new EnumMap<>(Grade.class);
		for (Row row : rows) {
			RiskAssessment assessment = scores.get(row.scoredOn()).get(row.debtorId());
			late.add(new BacktestStatistics.Outcome(assessment.score(), row.daysBeyond() > 0));
			late30.add(new BacktestStatistics.Outcome(assessment.score(), row.daysBeyond() >= 30));
			long[] tally = byGrade.computeIfAbsent(assessment.grade(), (grade) -> new long[3]);
			tally[0]++;
			tally[1] += (row.daysBeyond() > 0) ? 1 : 0;
			tally[2] += row.daysBeyond();
		}
		BacktestStatistics.Separation separation = BacktestStatistics.separation(late);
		List<BacktestReport.GradeOutcome> grades = new ArrayList<>();
		for (Grade grade : Grade.values()) {
			long[] tally = byGrade.getOrDefault(grade, new long[3]);
			grades.add(new BacktestReport.GradeOutcome(grade, tally[0], share(tally[1], tally[0]),
					share(tally[2], tally[0]).setScale(1, RoundingMode.HALF_EVEN)));
		}
		long lateCount = late.stream().filter(BacktestStatistics.Outcome::late).count();
		long late30Count = late30.stream().filter(BacktestStatistics.Outcome::late).count();
		return new BacktestReport(from, to, clientRef, rows.size(), share(lateCount, rows.size()),
				share(late30Count, rows.size()), separation.auc(), separation.gini(), separation.ks(),
				BacktestStatistics.separation(late30).auc(), grades, Duration.between(started, this.clock.instant()));
	}

	/**
	 * The score on file when an invoice is issued: as of the end of the month before.
	 */
	static LocalDate scoringDate(LocalDate issued) {
		return issued.withDayOfMonth(1).minusDays(1);
	}

	private static BigDecimal share(long part, long whole) {
		if (whole == 0) {
			return BigDecimal.ZERO.setScale(4);
		}
		return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
	}

	private record Row(long debtorId, LocalDate scoredOn, int daysBeyond) {
	}

}
