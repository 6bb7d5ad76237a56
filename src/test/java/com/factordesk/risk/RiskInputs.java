package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.DebtorRiskInputs.Disputes;
import com.factordesk.risk.DebtorRiskInputs.OpenItems;
import com.factordesk.risk.DebtorRiskInputs.Payments;
import com.factordesk.shared.Money;

/**
 * Test data: a debtor's risk inputs, by default a clean payer as of 2026-09-01 with 40
 * invoices paid on time for 3 clients, nothing past due, no disputes on 50 invoices, a
 * fresh PAYDEX 80, and a portfolio whose mean payment history is 70 and whose dispute
 * rates are 0.
 */
final class RiskInputs {

	static final LocalDate AS_OF = LocalDate.of(2026, 9, 1);

	private int paidCount = 40;

	private String adbt = "0";

	private String lateShare = "0";

	private int clients = 3;

	private int recentCount = 0;

	private String recentAdbt = "0";

	private OpenItems open = OpenItems.NONE;

	private Disputes disputes = new Disputes(50, Money.of("100000.00"), 0, Money.ZERO, 0, Money.ZERO);

	private List<BureauReading> bureau = new ArrayList<>(
			List.of(new BureauReading(BureauProvider.PAYDEX, 80, LocalDate.of(2026, 8, 1))));

	private String mean = "70";

	private String disputeRateByCount = "0";

	private String disputeRateByAmount = "0";

	private RiskInputs() {
	}

	static RiskInputs aDebtor() {
		return new RiskInputs();
	}

	RiskInputs paid(int count, String adbtDays, String lateShare, int clients) {
		this.paidCount = count;
		this.adbt = adbtDays;
		this.lateShare = lateShare;
		this.clients = clients;
		return this;
	}

	RiskInputs recent(int count, String adbtDays) {
		this.recentCount = count;
		this.recentAdbt = adbtDays;
		return this;
	}

	RiskInputs open(int count, String amount, int maxDaysPastDue, String amount60Plus) {
		this.open = new OpenItems(count, Money.of(amount), maxDaysPastDue, Money.of(amount60Plus));
		return this;
	}

	RiskInputs disputes(int invoiced, String invoicedAmount, int disputed, String disputedAmount, int open) {
		return disputes(invoiced, invoicedAmount, disputed, disputedAmount, open, "0.00");
	}

	RiskInputs disputes(int invoiced, String invoicedAmount, int disputed, String disputedAmount, int open,
			String openAmount) {
		this.disputes = new Disputes(invoiced, Money.of(invoicedAmount), disputed, Money.of(disputedAmount), open,
				Money.of(openAmount));
		return this;
	}

	RiskInputs noInvoices() {
		this.paidCount = 0;
		this.recentCount = 0;
		this.open = OpenItems.NONE;
		this.disputes = Disputes.NONE;
		return this;
	}

	RiskInputs bureau(BureauProvider provider, int score, LocalDate asOf) {
		this.bureau.add(new BureauReading(provider, score, asOf));
		return this;
	}

	RiskInputs onlyBureau(BureauProvider provider, int score, LocalDate asOf) {
		this.bureau.clear();
		return bureau(provider, score, asOf);
	}

	RiskInputs noBureau() {
		this.bureau.clear();
		return this;
	}

	/**
	 * The portfolio's mean payment history.
	 */
	RiskInputs mean(String mean) {
		this.mean = mean;
		return this;
	}

	/**
	 * The portfolio's dispute rates by count and by amount, open disputes counted twice.
	 */
	RiskInputs portfolioDisputeRates(String byCount, String byAmount) {
		this.disputeRateByCount = byCount;
		this.disputeRateByAmount = byAmount;
		return this;
	}

	DebtorRiskInputs build() {
		Payments payments = (this.paidCount == 0 && this.recentCount == 0) ? Payments.NONE
				: new Payments(this.paidCount, new BigDecimal(this.adbt), new BigDecimal(this.lateShare), this.clients,
						this.recentCount, new BigDecimal(this.recentAdbt));
		PortfolioMeans means = new PortfolioMeans(new BigDecimal(this.mean), 1000,
				new BigDecimal(this.disputeRateByCount), new BigDecimal(this.disputeRateByAmount), 20000);
		return new DebtorRiskInputs(AS_OF, payments, this.open, this.disputes, this.bureau, means);
	}

}
