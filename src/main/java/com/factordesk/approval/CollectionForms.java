package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.Money;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The forms of a debtor's collections page. Each holds what was typed (a value that
 * cannot be read is a field error of its own) and turns into its command; the rules are
 * the service's ({@link CollectionActions}), shown on the form's fields.
 */
final class CollectionForms {

	private CollectionForms() {
	}

	private static Money money(BigDecimal amount) {
		return (amount != null) ? Money.of(amount.setScale(2, java.math.RoundingMode.UNNECESSARY)) : null;
	}

	static class NoteForm {

		private Long invoiceId;

		@Size(max = CollectionNote.TEXT_LENGTH)
		private String text = "";

		private NextAction nextAction;

		@SaneDate
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private LocalDate nextActionOn;

		CollectionActions.AddNote toCommand(String debtorRef) {
			return new CollectionActions.AddNote(debtorRef, this.invoiceId, this.text, this.nextAction,
					this.nextActionOn);
		}

		public Long getInvoiceId() {
			return this.invoiceId;
		}

		public void setInvoiceId(Long invoiceId) {
			this.invoiceId = invoiceId;
		}

		public String getText() {
			return this.text;
		}

		public void setText(String text) {
			this.text = text;
		}

		public NextAction getNextAction() {
			return this.nextAction;
		}

		public void setNextAction(NextAction nextAction) {
			this.nextAction = nextAction;
		}

		public LocalDate getNextActionOn() {
			return this.nextActionOn;
		}

		public void setNextActionOn(LocalDate nextActionOn) {
			this.nextActionOn = nextActionOn;
		}

	}

	static class PromiseForm {

		private Long invoiceId;

		@SaneDate
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private LocalDate promisedOn;

		@Digits(integer = 17, fraction = 2)
		private BigDecimal amount;

		CollectionActions.RecordPromise toCommand(String debtorRef) {
			return new CollectionActions.RecordPromise(debtorRef, this.invoiceId, this.promisedOn, money(this.amount));
		}

		public Long getInvoiceId() {
			return this.invoiceId;
		}

		public void setInvoiceId(Long invoiceId) {
			this.invoiceId = invoiceId;
		}

		public LocalDate getPromisedOn() {
			return this.promisedOn;
		}

		public void setPromisedOn(LocalDate promisedOn) {
			this.promisedOn = promisedOn;
		}

		public BigDecimal getAmount() {
			return this.amount;
		}

		public void setAmount(BigDecimal amount) {
			this.amount = amount;
		}

	}

	static class DisputeForm {

		private Long invoiceId;

		private DisputeReason reason;

		@Digits(integer = 17, fraction = 2)
		private BigDecimal amount;

		@SaneDate
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private LocalDate openedOn;

		CollectionActions.OpenDispute toCommand(String debtorRef) {
			return new CollectionActions.OpenDispute(debtorRef, this.invoiceId, this.reason, money(this.amount),
					this.openedOn);
		}

		public Long getInvoiceId() {
			return this.invoiceId;
		}

		public void setInvoiceId(Long invoiceId) {
			this.invoiceId = invoiceId;
		}

		public DisputeReason getReason() {
			return this.reason;
		}

		public void setReason(DisputeReason reason) {
			this.reason = reason;
		}

		public BigDecimal getAmount() {
			return this.amount;
		}

		public void setAmount(BigDecimal amount) {
			this.amount = amount;
		}

		public LocalDate getOpenedOn() {
			return this.openedOn;
		}

		public void setOpenedOn(LocalDate openedOn) {
			this.openedOn = openedOn;
		}

	}

	static class ResolveForm {

		private Long disputeId;

		private DisputeOutcome outcome = DisputeOutcome.WITHDRAWN;

		@SaneDate
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private LocalDate resolvedOn;

		CollectionActions.ResolveDispute toCommand(String debtorRef) {
			return new CollectionActions.ResolveDispute(debtorRef, (this.disputeId != null) ? this.disputeId : -1,
					this.outcome, this.resolvedOn);
		}

		public Long getDisputeId() {
			return this.disputeId;
		}

		public void setDisputeId(Long disputeId) {
			this.disputeId = disputeId;
		}

		public DisputeOutcome getOutcome() {
			return this.outcome;
		}

		public void setOutcome(DisputeOutcome outcome) {
			this.outcome = outcome;
		}

		public LocalDate getResolvedOn() {
			return this.resolvedOn;
		}

		public void setResolvedOn(LocalDate resolvedOn) {
			this.resolvedOn = resolvedOn;
		}

	}

	static class CreditNoteForm {

		private Long invoiceId;

		@Digits(integer = 17, fraction = 2)
		private BigDecimal amount;

		@Size(max = 200)
		private String reason = "";

		private Long disputeId;

		CollectionActions.EnterCreditNote toCommand(String debtorRef) {
			return new CollectionActions.EnterCreditNote(debtorRef, this.invoiceId, money(this.amount), this.reason,
					this.disputeId);
		}

		public Long getInvoiceId() {
			return this.invoiceId;
		}

		public void setInvoiceId(Long invoiceId) {
			this.invoiceId = invoiceId;
		}

		public BigDecimal getAmount() {
			return this.amount;
		}

		public void setAmount(BigDecimal amount) {
			this.amount = amount;
		}

		public String getReason() {
			return this.reason;
		}

		public void setReason(String reason) {
			this.reason = reason;
		}

		public Long getDisputeId() {
			return this.disputeId;
		}

		public void setDisputeId(Long disputeId) {
			this.disputeId = disputeId;
		}

	}

	/**
	 * Closes an invoice unpaid: short paid, charged back or written off.
	 */
	static class SettleForm {

		private Long invoiceId;

		@Size(max = 200)
		private String reason = "";

		CollectionActions.SettleInvoice toCommand(String debtorRef) {
			return new CollectionActions.SettleInvoice(debtorRef, this.invoiceId, this.reason);
		}

		public Long getInvoiceId() {
			return this.invoiceId;
		}

		public void setInvoiceId(Long invoiceId) {
			this.invoiceId = invoiceId;
		}

		public String getReason() {
			return this.reason;
		}

		public void setReason(String reason) {
			this.reason = reason;
		}

	}

}
