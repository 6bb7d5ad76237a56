package com.factordesk.risk;

import java.math.BigDecimal;

/**
 * A debtor's grade from its score: A from 80, B from 65, C from 50, D from 35, E below.
 */
public enum Grade {

	A(80), B(65), C(50), D(35), E(0);

	private final BigDecimal from;

	Grade(int from) {
		this.from = BigDecimal.valueOf(from);
	}

	/**
	 * The grade of a score 0-100.
	 */
	public static Grade of(BigDecimal score) {
		for (Grade grade : values()) {
			if (score.compareTo(grade.from) >= 0) {
				return grade;
			}
		}
		return E;
	}

	/**
	 * The lowest score with this grade.
	 */
	public BigDecimal from() {
		return this.from;
	}

	/**
	 * Whether invoices on a debtor with this grade are declined unless a manager
	 * overrides: true for E only.
	 */
	public boolean isDeclinedUnlessOverridden() {
		return this == E;
	}

}
