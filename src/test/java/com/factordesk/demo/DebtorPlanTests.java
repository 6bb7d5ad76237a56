package com.factordesk.demo;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A debtor's payment runs move a payment to a run day without turning an on-time payment
 * into a late one.
 */
class DebtorPlanTests {

	@Test
	void anOnTimePaymentGoesInTheLastRunOnOrBeforeItsDay() {
		DebtorPlan debtor = new DebtorPlan();
		debtor.paymentRunDay = 5;
		int due = day(2026, 3, 18);
		// runs on the 5th and the 20th: meant for the 18th (on time), paid on the 5th
		assertThat(debtor.paymentRun(due, due)).isEqualTo(day(2026, 3, 5));
		// meant for the 20th, a run day, but due the 18th: late anyway, paid the 20th
		assertThat(debtor.paymentRun(day(2026, 3, 20), due)).isEqualTo(day(2026, 3, 20));
		// meant for the 21st, late: the next run is on 5 April
		assertThat(debtor.paymentRun(day(2026, 3, 21), due)).isEqualTo(day(2026, 4, 5));
		// meant for the 3rd, early: the run before is on 20 February
		assertThat(debtor.paymentRun(day(2026, 3, 3), due)).isEqualTo(day(2026, 2, 20));
	}

	@Test
	void runsNeverMakeAPaymentLaterOrEarlierThanItsSideOfTheDueDate() {
		DebtorPlan debtor = new DebtorPlan();
		int start = day(2025, 1, 1);
		for (int runDay = 1; runDay <= 13; runDay++) {
			debtor.paymentRunDay = runDay;
			for (int due = start; due < start + 366; due++) {
				for (int late = -10; late <= 40; late++) {
					int paid = debtor.paymentRun(due + late, due);
					int dayOfMonth = LocalDate.ofEpochDay(paid).getDayOfMonth();
					assertThat(dayOfMonth).isIn(runDay, runDay + 15);
					if (late <= 0) {
						assertThat(paid).isLessThanOrEqualTo(due + late).isGreaterThan(due + late - 17);
					}
					else {
						assertThat(paid).isGreaterThanOrEqualTo(due + late).isLessThan(due + late + 17);
					}
				}
			}
		}
	}

	@Test
	void theScoreOfAPastDayBlendsPaymentHabitsWithTheBureauLikeTheShippedModel() {
		DeskCalendar calendar = new DeskCalendar(LocalDate.of(2026, 11, 25));
		int today = day(2026, 11, 25);
		DebtorPlan punctual = new DebtorPlan();
		punctual.archetype = Archetype.PUNCTUAL;
		punctual.lateChance = 0;
		punctual.lateDays = 4;
		punctual.scoreHigh = 70;
		punctual.scoreLow = 70;
		// never late: 0 days beyond terms, 100 points; 0.8 x 100 + 0.2 x 70 = 94
		assertThat(punctual.scoreOn(day(2025, 6, 2), today, calendar)).isCloseTo(94.0, within(1e-9));
		DebtorPlan slow = new DebtorPlan();
		slow.archetype = Archetype.STEADY_SLOW;
		slow.lateChance = 0.8;
		slow.lateDays = 10;
		slow.scoreHigh = 58;
		slow.scoreLow = 58;
		// 0.8 x 10 = 8 days beyond terms: 100 - 8 / 15 x 29 = 84.5333 points;
		// 0.8 x 84.5333 + 0.2 x 58 = 67.6267 + 11.6 = 79.2267 (grade B)
		assertThat(slow.scoreOn(day(2025, 6, 2), today, calendar)).isCloseTo(79.2267, within(1e-4));
		slow.lateDays = 25;
		// 20 days beyond terms: 71 - 5 / 15 x 55 = 52.6667 points;
		// 0.8 x 52.6667 + 11.6 = 53.7333 (grade C)
		assertThat(slow.scoreOn(day(2025, 6, 2), today, calendar)).isCloseTo(53.7333, within(1e-4));
	}

	@Test
	void aDebtorThatStoppedPayingScoresAtMostForty() {
		DeskCalendar calendar = new DeskCalendar(LocalDate.of(2026, 11, 25));
		int today = day(2026, 11, 25);
		DebtorPlan defaulter = new DebtorPlan();
		defaulter.archetype = Archetype.DEFAULTER;
		defaulter.lateChance = 0;
		defaulter.lateDays = 10;
		defaulter.scoreHigh = 90;
		defaulter.scoreLow = 50;
		defaulter.stopDay = day(2025, 1, 1);
		// long before its slide began (stop day - 150): never late, bureau 90:
		// 0.8 x 100 + 0.2 x 90 = 98
		assertThat(defaulter.scoreOn(day(2023, 6, 1), today, calendar)).isCloseTo(98.0, within(1e-9));
		// a year after it stopped: late on everything by 45 days (10 + 35): 16 - 15 / 30
		// x 16 = 8 points, bureau 50: 0.8 x 8 + 0.2 x 50 = 16.4, below the cap of 40
		assertThat(defaulter.scoreOn(day(2026, 1, 1), today, calendar)).isCloseTo(16.4, within(1e-9));
		// one that pays well by habit and whose bureau score stays at 100: 61 days after
		// the stop its trailing year is late by 10.7 days on average (the ramp's due days
		// late 35 x ramp days with chance ramp), worth 0.8 x 79.2 + 0.2 x 100 = 83.4,
		// but its items 60+ days past due cap it at 40; a day earlier they do not
		defaulter.lateDays = 0;
		defaulter.scoreHigh = 100;
		defaulter.scoreLow = 100;
		assertThat(defaulter.scoreOn(defaulter.stopDay + 61, today, calendar)).isEqualTo(40.0);
		assertThat(defaulter.scoreOn(defaulter.stopDay + 60, today, calendar)).isGreaterThan(80.0);
	}

	private static int day(int year, int month, int day) {
		return (int) LocalDate.of(year, month, day).toEpochDay();
	}

}
