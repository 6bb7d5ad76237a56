package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads each grade's observed probability of 30+ days late (DESIGN.md section 2b) as it
 * was last measured for the scoring version in force: one cheap query, never the
 * measurement itself (see {@code risk.calibration.GradeOutcomes}).
 */
@Service
@Transactional(readOnly = true)
public class GradeOdds {

	/**
	 * The fewest invoices a grade needs to be judged.
	 */
	public static final int MIN_INVOICES = 30;

	private static final String IN_FORCE = """
			SELECT model_version, grade, judge_from, judge_to, computed_on, invoices, late30
			FROM grade_outcome
			WHERE model_version = (SELECT MAX(version) FROM scoring_weights)
			""";

	private final JdbcClient jdbc;

	GradeOdds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The odds per grade measured for the scoring version in force; empty when they were
	 * not measured yet.
	 */
	public Optional<Table> inForce() {
		List<Row> rows = this.jdbc.sql(IN_FORCE)
			.query((rs, row) -> new Row(rs.getInt("model_version"), rs.getObject("judge_from", LocalDate.class),
					rs.getObject("judge_to", LocalDate.class), rs.getObject("computed_on", LocalDate.class),
					new Odds(Grade.valueOf(rs.getString("grade")), rs.getLong("invoices"), rs.getLong("late30"))))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Map<Grade, Odds> grades = new EnumMap<>(Grade.class);
		for (Grade grade : Grade.values()) {
			grades.put(grade, new Odds(grade, 0, 0));
		}
		rows.forEach((row) -> grades.put(row.odds().grade(), row.odds()));
		Row first = rows.get(0);
		return Optional.of(new Table(first.version(), first.judgeFrom(), first.judgeTo(), first.computedOn(), grades));
	}

	private record Row(int version, LocalDate judgeFrom, LocalDate judgeTo, LocalDate computedOn, Odds odds) {
	}

	/**
	 * The odds of every grade under one scoring version.
	 *
	 * @param modelVersion the scoring version that graded the invoices
	 * @param judgeFrom the first issue date of the invoices counted
	 * @param judgeTo the last issue date of the invoices counted
	 * @param computedOn the day they were measured (the invoices had matured by then)
	 * @param grades per grade
	 */
	public record Table(int modelVersion, LocalDate judgeFrom, LocalDate judgeTo, LocalDate computedOn,
			Map<Grade, Odds> grades) {

		public Odds of(Grade grade) {
			return this.grades.get(grade);
		}

	}

	/**
	 * One grade's matured invoices and how many of them were paid 30+ days late.
	 */
	public record Odds(Grade grade, long invoices, long late30) {

		/**
		 * Whether there are enough invoices ({@value GradeOdds#MIN_INVOICES}) to judge.
		 */
		public boolean judged() {
			return this.invoices >= MIN_INVOICES;
		}

		/**
		 * The share 30+ days late as a fraction rounded once, from the counts, to a
		 * percentage with {@code percentDecimals} decimals (1: 0.143 for 14.3 %);
		 * {@code null} when the grade has no invoices.
		 */
		public BigDecimal late30Share(int percentDecimals) {
			if (this.invoices == 0) {
				return null;
			}
			return BigDecimal.valueOf(this.late30)
				.divide(BigDecimal.valueOf(this.invoices), percentDecimals + 2, RoundingMode.HALF_EVEN);
		}

	}

}
