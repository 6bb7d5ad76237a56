package com.factordesk.portfolio;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * The portfolio as of a date: open AR, aging by days past due and the largest debtors.
 */
public record PortfolioOverview(LocalDate asOf, Money openAr, long openInvoices, long debtors, long clients,
		List<AgingBucket> aging, List<TopDebtor> topDebtors) {

	public Money pastDue() {
		return this.aging.stream()
			.filter((bucket) -> !bucket.bucket().equals("current"))
			.map(AgingBucket::amount)
			.reduce(Money.ZERO, Money::plus);
	}

}
