package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * The settlement of a funded invoice once it is closed (DESIGN section 4b): the fee by
 * the actual days from funding to the settling day, with the figures that redo it by
 * hand, and what the client's reserve releases: rebate = reserve - fee - credited -
 * shortfall (negative: what the client owes). A write-off's uncollected face is the
 * factor's credit loss, not the client's. A bounced payment that reopens the invoice
 * reverses it ({@link #getReversedOn()}); an invoice has at most one live settlement. Per
 * settlement: collected - advance - rebate = fee - credit loss, to the cent.
 */
@Entity
public class Settlement {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long invoiceId;

	private long clientId;

	@Enumerated(EnumType.STRING)
	private SettlementKind kind;

	private LocalDate settledOn;

	private int days;

	private Money face;

	private Money advance;

	private Money reserve;

	private Money collected;

	private Money credited;

	private Money fee;

	private Rate feeRate;

	private int feePeriods;

	private Money shortfall;

	private Money creditLoss;

	private Money rebate;

	private String settledBy;

	private Instant settledAt;

	private LocalDate reversedOn;

	protected Settlement() {
	}

	Settlement(long invoiceId, long clientId, SettlementKind kind, LocalDate settledOn, Advance advance,
			Money collected, Money credited, SettlementFees.SettledFee fee, Money shortfall, Money creditLoss,
			String settledBy, Instant settledAt) {
		this.invoiceId = invoiceId;
		this.clientId = clientId;
		this.kind = kind;
		this.settledOn = settledOn;
		this.days = fee.days();
		this.face = advance.getFace();
		this.advance = advance.getAmount();
		this.reserve = advance.getReserve();
		this.collected = collected;
		this.credited = credited;
		this.fee = fee.fee();
		this.feeRate = fee.rate();
		this.feePeriods = fee.periods();
		this.shortfall = shortfall;
		this.creditLoss = creditLoss;
		this.rebate = this.reserve.minus(this.fee).minus(credited).minus(shortfall);
		this.settledBy = settledBy;
		this.settledAt = settledAt;
	}

	/**
	 * A bounced payment reopened the invoice: from {@code on} this settlement no longer
	 * counts.
	 */
	void reverse(LocalDate on) {
		if (this.reversedOn != null) {
			throw new IllegalStateException("Settlement " + this.id + " is reversed already");
		}
		this.reversedOn = on;
	}

	public boolean isReversed() {
		return this.reversedOn != null;
	}

	public Long getId() {
		return this.id;
	}

	public long getInvoiceId() {
		return this.invoiceId;
	}

	public long getClientId() {
		return this.clientId;
	}

	public SettlementKind getKind() {
		return this.kind;
	}

	public LocalDate getSettledOn() {
		return this.settledOn;
	}

	/**
	 * Days from funding to the settling day.
	 */
	public int getDays() {
		return this.days;
	}

	public Money getFace() {
		return this.face;
	}

	public Money getAdvance() {
		return this.advance;
	}

	public Money getReserve() {
		return this.reserve;
	}

	/**
	 * What the debtor paid on the invoice (reversed payments left out).
	 */
	public Money getCollected() {
		return this.collected;
	}

	/**
	 * What credit notes took off the invoice (dilution).
	 */
	public Money getCredited() {
		return this.credited;
	}

	public Money getFee() {
		return this.fee;
	}

	/**
	 * The rate charged: per period (tiered), once (flat), a year (daily).
	 */
	public Rate getFeeRate() {
		return this.feeRate;
	}

	/**
	 * The started periods (tiered), 1 (flat), the days (daily).
	 */
	public int getFeePeriods() {
		return this.feePeriods;
	}

	/**
	 * What the client owes of the face left unpaid: short paid, or charged back.
	 */
	public Money getShortfall() {
		return this.shortfall;
	}

	/**
	 * What the factor lost on a written-off invoice.
	 */
	public Money getCreditLoss() {
		return this.creditLoss;
	}

	/**
	 * What the reserve releases to the client: reserve - fee - credited - shortfall.
	 */
	public Money getRebate() {
		return this.rebate;
	}

	public String getSettledBy() {
		return this.settledBy;
	}

	public Instant getSettledAt() {
		return this.settledAt;
	}

	public LocalDate getReversedOn() {
		return this.reversedOn;
	}

}
