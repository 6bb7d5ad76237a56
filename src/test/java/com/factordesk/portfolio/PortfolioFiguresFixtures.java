package com.factordesk.portfolio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * Figures for the web slices that mock {@link PortfolioFigures}: an empty book, every
 * figure without a denominator.
 */
public final class PortfolioFiguresFixtures {

	private PortfolioFiguresFixtures() {
	}

	public static DsoFigures empty(LocalDate asOf, int days) {
		List<AgingBucket> byDue = new ArrayList<>();
		for (String bucket : AgingBucket.BUCKETS) {
			byDue.add(new AgingBucket(bucket, 0, Money.ZERO, java.math.BigDecimal.ZERO));
		}
		List<AgingBucket> byIssue = new ArrayList<>();
		for (String bucket : PortfolioFigures.ISSUE_BUCKETS) {
			byIssue.add(new AgingBucket(bucket, 0, Money.ZERO, java.math.BigDecimal.ZERO));
		}
		return new DsoFigures(asOf, days, Money.ZERO, 0, 0, 0, Money.ZERO, Money.ZERO, Money.ZERO, 0, Money.ZERO,
				Money.ZERO, null, null, null, null, null, Money.ZERO, Money.ZERO, null, null, Money.ZERO, null,
				Money.ZERO, null, new DsoFigures.Disputes(0, 0, null, 0, Money.ZERO, null), Money.ZERO, Money.ZERO,
				Money.ZERO, null, byDue, byIssue);
	}

}
