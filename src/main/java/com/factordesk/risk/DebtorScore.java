package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A debtor's stored score snapshot as the API and the pages show it.
 */
public record DebtorScore(String debtorRef, BigDecimal score, Grade grade, List<ComponentView> components,
		List<String> reasons, long snapshotId, Instant scoredAt, LocalDate asOf, int modelVersion) {

	/**
	 * One component of the score.
	 */
	public record ComponentView(String name, BigDecimal subScore, BigDecimal weight, boolean missing) {
	}

}
