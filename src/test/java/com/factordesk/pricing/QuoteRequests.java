package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * Test data: a quote request, by default 10,000.00 issued and funded on 2026-09-01, due
 * in 30 days, on a debtor scoring 85 (A) that pays on time, with the default bands, a 90
 * % facility, a 25 % concentration limit the debtor stays under (10 %), no discount and a
 * fee per started 30 days.
 */
final class QuoteRequests {

	static final LocalDate ISSUED = LocalDate.of(2026, 9, 1);

	private Money face = Money.of("10000.00");

	private LocalDate dueDate = ISSUED.plusDays(30);

	private LocalDate fundingDate = ISSUED;

	private BigDecimal score = new BigDecimal("85");

	private BigDecimal adbt = BigDecimal.ZERO;

	private PricingBandSet bandSet = PricingBandSet.defaults();

	private Rate facilityAdvanceRate = Rate.percent("90");

	private Rate concentrationLimit = Rate.percent("25");

	private QuoteRequest.Concentration concentration = new QuoteRequest.Concentration(Money.of("10000.00"),
			Money.of("100000.00"));

	private Rate discount = Rate.ZERO;

	private FeeStructure feeStructure = new FeeStructure.Tiered(30);

	private QuoteRequests() {
	}

	static QuoteRequests anInvoice() {
		return new QuoteRequests();
	}

	QuoteRequests face(String amount) {
		this.face = Money.of(amount);
		return this;
	}

	QuoteRequests dueInDays(int days) {
		this.dueDate = ISSUED.plusDays(days);
		return this;
	}

	QuoteRequests fundedAfterDays(int days) {
		this.fundingDate = ISSUED.plusDays(days);
		return this;
	}

	QuoteRequests score(String score) {
		this.score = new BigDecimal(score);
		return this;
	}

	QuoteRequests adbt(String days) {
		this.adbt = new BigDecimal(days);
		return this;
	}

	QuoteRequests bands(PricingBandSet bandSet) {
		this.bandSet = bandSet;
		return this;
	}

	QuoteRequests facilityAdvance(String percent) {
		this.facilityAdvanceRate = Rate.percent(percent);
		return this;
	}

	QuoteRequests concentration(String debtorOwed, String clientBook) {
		this.concentration = new QuoteRequest.Concentration(Money.of(debtorOwed), Money.of(clientBook));
		return this;
	}

	QuoteRequests discount(String percent) {
		this.discount = Rate.percent(percent);
		return this;
	}

	QuoteRequests fees(FeeStructure feeStructure) {
		this.feeStructure = feeStructure;
		return this;
	}

	QuoteRequest build() {
		return new QuoteRequest(this.face, ISSUED, this.dueDate, this.fundingDate, this.score, Grade.of(this.score),
				this.adbt, this.bandSet, this.facilityAdvanceRate, this.concentrationLimit, this.concentration,
				this.discount, this.feeStructure);
	}

}
