package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.invoice.Invoice;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * What we paid the client for one funded invoice (DESIGN section 4b): the advance, the
 * reserve (face - advance), the advance rate, and the fee terms and pricing-band version
 * it was funded at, as the approval froze them. One per invoice, never changed.
 */
@Entity
public class Advance {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "invoice_id")
	private Invoice invoice;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "funding_run_id")
	private FundingRun fundingRun;

	private LocalDate fundedOn;

	private Money face;

	private Money amount;

	private Money reserve;

	private Rate advanceRate;

	private Rate feeRate;

	@Enumerated(EnumType.STRING)
	private FeeKind feeStructure;

	private int feePeriodDays;

	@Enumerated(EnumType.STRING)
	private DayCount dayCount;

	private Integer bandSetVersion;

	private Integer termsVersion;

	private Long decisionId;

	protected Advance() {
	}

	/**
	 * The advance of an invoice funded by a run today: the reserve is what is left of the
	 * face.
	 */
	Advance(Invoice invoice, FundingRun run, Money amount, Rate advanceRate, Rate feeRate, FeeTerms feeTerms,
			Integer bandSetVersion, Long decisionId) {
		if (!amount.isPositive() || amount.isGreaterThan(invoice.getAmount())) {
			throw new IllegalArgumentException("An advance is above zero and at most the face, got " + amount
					+ " on invoice " + invoice.getNumber() + " of " + invoice.getAmount());
		}
		this.invoice = invoice;
		this.fundingRun = run;
		this.fundedOn = run.getRunOn();
		this.face = invoice.getAmount();
		this.amount = amount;
		this.reserve = this.face.minus(amount);
		this.advanceRate = advanceRate;
		this.feeRate = feeRate;
		this.feeStructure = feeTerms.kind();
		this.feePeriodDays = feeTerms.periodDays();
		this.dayCount = feeTerms.dayCount();
		this.bandSetVersion = bandSetVersion;
		this.termsVersion = invoice.getClient().getFacility().getTermsVersion();
		this.decisionId = decisionId;
	}

	public Long getId() {
		return this.id;
	}

	public Invoice getInvoice() {
		return this.invoice;
	}

	public FundingRun getFundingRun() {
		return this.fundingRun;
	}

	public LocalDate getFundedOn() {
		return this.fundedOn;
	}

	public Money getFace() {
		return this.face;
	}

	public Money getAmount() {
		return this.amount;
	}

	public Money getReserve() {
		return this.reserve;
	}

	public Rate getAdvanceRate() {
		return this.advanceRate;
	}

	public Rate getFeeRate() {
		return this.feeRate;
	}

	public FeeKind getFeeStructure() {
		return this.feeStructure;
	}

	public int getFeePeriodDays() {
		return this.feePeriodDays;
	}

	public DayCount getDayCount() {
		return this.dayCount;
	}

	public Integer getBandSetVersion() {
		return this.bandSetVersion;
	}

	/**
	 * The version of the facility's terms the advance was made under.
	 */
	public Integer getTermsVersion() {
		return this.termsVersion;
	}

	public Long getDecisionId() {
		return this.decisionId;
	}

}
