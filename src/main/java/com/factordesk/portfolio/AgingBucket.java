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

	static final String[] BUCKETS = { "current", "1-30", "31-60", "61-90", "91-120", "120+" };

}
