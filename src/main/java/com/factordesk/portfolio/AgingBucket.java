package com.factordesk.portfolio;

import java.math.BigDecimal;

import com.factordesk.shared.Money;

/**
 * Open receivables in one band of days past due.
 *
 * @param bucket {@code current}, {@code 1-30}, {@code 31-60}, {@code 61-90},
 * {@code 91-120} or {@code 120+}
 * @param share of the open AR, as a fraction
 */
public record AgingBucket(String bucket, long count, Money amount, BigDecimal share) {

	/**
	 * The last day past due of each band but the last, which has no end.
	 */
	private static final int[] LAST_DAYS = { 0, 30, 60, 90, 120 };

	/**
	 * The labels of the bands, in order; the one place they are defined.
	 */
	static final String[] BUCKETS = { "current", "1-30", "31-60", "61-90", "91-120", "120+" };

	/**
	 * The SQL expression that puts an open item of {@code daysPastDue} in its band.
	 */
	static String bucketOf(String daysPastDue) {
		StringBuilder sql = new StringBuilder("CASE");
		for (int band = 0; band < LAST_DAYS.length; band++) {
			sql.append(" WHEN ")
				.append(daysPastDue)
				.append(" <= ")
				.append(LAST_DAYS[band])
				.append(" THEN '")
				.append(BUCKETS[band])
				.append('\'');
		}
		return sql.append(" ELSE '").append(BUCKETS[LAST_DAYS.length]).append("' END").toString();
	}

}
