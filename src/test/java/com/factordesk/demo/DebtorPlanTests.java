package com.factordesk.demo;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static int day(int year, int month, int day) {
		return (int) LocalDate.of(year, month, day).toEpochDay();
	}

}
