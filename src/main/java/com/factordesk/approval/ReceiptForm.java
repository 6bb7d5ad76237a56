package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.shared.Money;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that enters a receipt by hand.
 */
public class ReceiptForm {

	@NotNull
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate receivedOn;

	@NotNull
	@DecimalMin("0.01")
	@Digits(integer = 15, fraction = 2)
	private BigDecimal amount;

	@Size(max = 140)
	private String counterparty;

	@Size(max = 42)
	private String iban;

	@Size(max = 500)
	private String remittance;

	@Size(max = 32)
	private String debtorRef;

	RecordReceipt toCommand() {
		return new RecordReceipt(this.receivedOn, Money.of(this.amount), this.counterparty, this.iban, this.remittance,
				this.debtorRef);
	}

	public LocalDate getReceivedOn() {
		return this.receivedOn;
	}

	public void setReceivedOn(LocalDate receivedOn) {
		this.receivedOn = receivedOn;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public void setAmount(BigDecimal amount) {
		this.amount = amount;
	}

	public String getCounterparty() {
		return this.counterparty;
	}

	public void setCounterparty(String counterparty) {
		this.counterparty = counterparty;
	}

	public String getIban() {
		return this.iban;
	}

	public void setIban(String iban) {
		this.iban = iban;
	}

	public String getRemittance() {
		return this.remittance;
	}

	public void setRemittance(String remittance) {
		this.remittance = remittance;
	}

	public String getDebtorRef() {
		return this.debtorRef;
	}

	public void setDebtorRef(String debtorRef) {
		this.debtorRef = debtorRef;
	}

}
