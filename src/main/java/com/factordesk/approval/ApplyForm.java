package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;

/**
 * The apply form of a receipt: the allocations (suggested, or added by number), each with
 * the amount to apply and whether it is kept, and an invoice number to add.
 */
public class ApplyForm {

	@Valid
	@Size(max = 200)
	private List<Row> rows = new ArrayList<>();

	@Size(max = 64)
	private String addNumber;

	public List<Row> getRows() {
		return this.rows;
	}

	public void setRows(List<Row> rows) {
		this.rows = rows;
	}

	public String getAddNumber() {
		return this.addNumber;
	}

	public void setAddNumber(String addNumber) {
		this.addNumber = addNumber;
	}

	/**
	 * One invoice on the form.
	 */
	public static class Row {

		private Long invoiceId;

		@DecimalMin("0.01")
		@Digits(integer = 15, fraction = 2)
		private BigDecimal amount;

		private boolean keep = true;

		private SuggestedAllocation.Reason reason;

		public Row() {
		}

		Row(long invoiceId, BigDecimal amount, SuggestedAllocation.Reason reason) {
			this.invoiceId = invoiceId;
			this.amount = amount;
			this.reason = reason;
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

		public boolean isKeep() {
			return this.keep;
		}

		public void setKeep(boolean keep) {
			this.keep = keep;
		}

		public SuggestedAllocation.Reason getReason() {
			return this.reason;
		}

		public void setReason(SuggestedAllocation.Reason reason) {
			this.reason = reason;
		}

	}

}
