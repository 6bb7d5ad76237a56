package com.factordesk.backtest;

import java.math.BigDecimal;

import com.factordesk.backtest.BacktestReport.GradeOutcome;
import com.factordesk.risk.Grade;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GradeTallyTests {

	@Test
	void daysBeyondTermsAreWeightedByAmount() {
		GradeTally tally = new GradeTally(Grade.B);
		tally.add(new BigDecimal("100.00"), 10);
		tally.add(new BigDecimal("300.00"), 0); // paid early: 0 days
		tally.add(new BigDecimal("600.00"), 45);
		GradeOutcome outcome = tally.outcome();
		// (100 x 10 + 300 x 0 + 600 x 45) / 1000 = 28000 / 1000 = 28.0 (a plain average
		// would say 55 / 3 = 18.3)
		assertThat(outcome.avgDaysBeyondTerms()).isEqualByComparingTo("28.0");
		assertThat(outcome.invoices()).isEqualTo(3);
		// late: 2 of 3 = 0.6667; 30+ days late: 1 of 3 = 0.3333
		assertThat(outcome.lateShare()).isEqualByComparingTo("0.6667");
		assertThat(outcome.late30Share()).isEqualByComparingTo("0.3333");
		assertThat(outcome.judged()).isFalse();
	}

	@Test
	void roundsOnceHalfEven() {
		GradeTally tally = new GradeTally(Grade.A);
		// (1 x 1 + 3 x 0) / 4 = 0.25 -> 0.2 (half even), not 0.3
		tally.add(new BigDecimal("1.00"), 1);
		tally.add(new BigDecimal("3.00"), 0);
		assertThat(tally.outcome().avgDaysBeyondTerms()).isEqualByComparingTo("0.2");
		// 29 days is late but not 30+ late; 30 is both
		GradeTally edge = new GradeTally(Grade.C);
		edge.add(new BigDecimal("10.00"), 29);
		edge.add(new BigDecimal("10.00"), 30);
		assertThat(edge.outcome().lateShare()).isEqualByComparingTo("1");
		assertThat(edge.outcome().late30Share()).isEqualByComparingTo("0.5");
	}

	@Test
	void anEmptyGradeIsZeroAndNotJudged() {
		GradeOutcome outcome = new GradeTally(Grade.E).outcome();
		assertThat(outcome.invoices()).isZero();
		assertThat(outcome.avgDaysBeyondTerms()).isEqualByComparingTo("0");
		assertThat(outcome.judged()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new GradeTally(Grade.A).add(BigDecimal.ONE, -1));
	}

	@Test
	void aGradeIsJudgedFrom30Invoices() {
		GradeTally tally = new GradeTally(Grade.D);
		for (int i = 0; i < 29; i++) {
			tally.add(BigDecimal.TEN, 0);
		}
		assertThat(tally.outcome().judged()).isFalse();
		tally.add(BigDecimal.TEN, 0);
		assertThat(tally.outcome().judged()).isTrue();
	}

}
