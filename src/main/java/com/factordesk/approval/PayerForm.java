package com.factordesk.approval;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

/**
 * The small forms of a receipt's page: who paid it (a debtor's reference), and what of it
 * is passed on to which client (a client's reference, an amount, a note).
 */
public class PayerForm {

	@Size(max = 32)
	private String debtorRef;

	@Size(max = 32)
	private String clientRef;

	@DecimalMin("0.01")
	@Digits(integer = 15, fraction = 2)
	private BigDecimal amount;

	@Size(max = 200)
	private String note;

	public String getDebtorRef() {
		return this.debtorRef;
	}

	public void setDebtorRef(String debtorRef) {
		this.debtorRef = debtorRef;
	}

	public String getClientRef() {
		return this.clientRef;
	}

	public void setClientRef(String clientRef) {
		this.clientRef = clientRef;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public void setAmount(BigDecimal amount) {
		this.amount = amount;
	}

	public String getNote() {
		return this.note;
	}

	public void setNote(String note) {
		this.note = note;
	}

}
