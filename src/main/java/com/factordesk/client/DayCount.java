package com.factordesk.client;

import java.math.BigDecimal;

/**
 * How many days a year has when a daily fee is worked out: actual days over a 360- or a
 * 365-day year.
 */
public enum DayCount {

	ACT_360(360), ACT_365(365);

	private final int daysInYear;

	DayCount(int daysInYear) {
		this.daysInYear = daysInYear;
	}

	public int daysInYear() {
		return this.daysInYear;
	}

	public BigDecimal yearDays() {
		return BigDecimal.valueOf(this.daysInYear);
	}

}
