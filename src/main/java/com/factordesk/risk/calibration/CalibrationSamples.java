package com.factordesk.risk.calibration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import com.factordesk.risk.RiskScoring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outcomes calibration learns from: the matured invoices (due date + 30 days on or
 * before today) issued in a period, per debtor and issue month, counted 30+ days late
 * (paid 30 or more days after the due date, or still unpaid, which a matured invoice then
 * is) or not, and late at all (paid after the due date, or unpaid). An invoice settled by
 * credit notes alone is left out: dilution says nothing of when a debtor pays.
 */
@Component
class CalibrationSamples {

	private static final String OUTCOMES = """
			SELECT o.debtor_id, o.issue_month,
			       COUNT(*) FILTER (WHERE o.late30) AS late, COUNT(*) FILTER (WHERE NOT o.late30) AS on_time,
			       COUNT(*) FILTER (WHERE o.late) AS paid_late
			FROM (SELECT i.debtor_id, CAST(date_trunc('month', i.issue_date) AS date) AS issue_month,
			             i.outstanding > 0 OR i.last_collected_on - i.due_date >= 30 AS late30,
			             i.outstanding > 0 OR i.last_collected_on > i.due_date AS late
			      FROM invoice_balance(CAST(:today AS date)) i
			      WHERE i.issue_date BETWEEN :from AND :to
			        AND i.due_date + 30 <= :today
			        AND (i.outstanding > 0 OR i.last_collected_on IS NOT NULL)) o
			GROUP BY o.debtor_id, o.issue_month
			ORDER BY o.issue_month, o.debtor_id
			""";

	private final JdbcClient jdbc;

	private final RiskScoring scoring;

	CalibrationSamples(JdbcClient jdbc, RiskScoring scoring) {
		this.jdbc = jdbc;
		this.scoring = scoring;
	}

	/**
	 * The matured invoices issued from {@code from} to {@code to}, per debtor and issue
	 * month, each with its debtor's inputs and score as of the end of the month before
	 * (every debtor scored once per month-end); a debtor nobody scored on that date says
	 * nothing and is passed over.
	 */
	void scored(LocalDate from, LocalDate to, LocalDate today, BiConsumer<Outcomes, RiskScoring.Scored> each) {
		Map<LocalDate, List<Outcomes>> byDate = new TreeMap<>();
		for (Outcomes outcomes : matured(from, to, today)) {
			byDate.computeIfAbsent(outcomes.scoringDate(), (date) -> new ArrayList<>()).add(outcomes);
		}
		byDate.forEach((date, outcomes) -> {
			Map<Long, RiskScoring.Scored> scored = this.scoring.scoredAllAsOf(date);
			for (Outcomes outcome : outcomes) {
				RiskScoring.Scored debtor = scored.get(outcome.debtorId());
				if (debtor != null) {
					each.accept(outcome, debtor);
				}
			}
		});
	}

	/**
	 * The matured invoices issued from {@code from} to {@code to}, per debtor and issue
	 * month, ordered by month and debtor.
	 */
	List<Outcomes> matured(LocalDate from, LocalDate to, LocalDate today) {
		return this.jdbc.sql(OUTCOMES)
			.param("from", from)
			.param("to", to)
			.param("today", today)
			.query((rs, row) -> new Outcomes(rs.getLong("debtor_id"), rs.getObject("issue_month", LocalDate.class),
					rs.getLong("late"), rs.getLong("on_time"), rs.getLong("paid_late")))
			.list();
	}

	/**
	 * A debtor's matured invoices issued in one month.
	 *
	 * @param debtorId the debtor
	 * @param issueMonth the first day of the month they were issued in
	 * @param late how many were paid 30+ days late
	 * @param onTime how many were not
	 * @param paidLate how many were late at all (paid after the due date, or unpaid)
	 */
	record Outcomes(long debtorId, LocalDate issueMonth, long late, long onTime, long paidLate) {

		/**
		 * The score on file when they were issued: as of the end of the month before.
		 */
		LocalDate scoringDate() {
			return this.issueMonth.minusDays(1);
		}

	}

}
