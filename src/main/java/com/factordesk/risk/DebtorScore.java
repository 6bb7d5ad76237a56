package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A debtor's stored score snapshot as the API and the pages show it.
 */
public record DebtorScore(String debtorRef, BigDecimal score, Grade grade, List<ComponentView> components,
		List<ReasonView> reasons, long snapshotId, Instant scoredAt, LocalDate asOf, int modelVersion) {

	/**
	 * The reasons in English, as stored.
	 */
	public List<String> reasonTexts() {
		return this.reasons.stream().map(ReasonView::text).toList();
	}

	/**
	 * One reason as stored: its code, the English text, the values it was made of
	 * (numbers, text, or an amount already written out) and the score points it cost
	 * against the maximum of 100 (0 for a part without data, whose weight went to the
	 * others; null in a snapshot stored without it).
	 */
	public record ReasonView(String code, String text, List<Object> args, BigDecimal pointsLost) {

		/**
		 * Whether the reason lowered the score.
		 */
		public boolean lowers() {
			return this.pointsLost != null && this.pointsLost.signum() > 0;
		}

	}

	/**
	 * One component of the score.
	 */
	public record ComponentView(String name, BigDecimal subScore, BigDecimal weight, BigDecimal effectiveWeight,
			boolean missing) {
	}

}
