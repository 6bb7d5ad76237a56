package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.client.Enforcement;
import com.factordesk.client.FeeTerms;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.data.domain.Page;

/**
 * The client page (DESIGN section 7): who the client is, its facility and how much of it
 * is in use, the approved invoices awaiting funding, its funding runs, its invoices
 * (newest first, paged) and its debtors with their exposure and concentration.
 */
public record ClientOverview(Header header, FacilityUsage facility, Payments payments, List<Awaiting> awaiting,
		List<Run> runs, Page<InvoiceRow> invoices, List<DebtorRow> debtors) {

	public record Header(long id, String ref, String legalName, String registrationNumber, String country,
			String industry, LocalDate onboardedOn, String iban, String bic) {
	}

	/**
	 * The facility: its terms (the fee terms among them), and in use = funded + reserved
	 * (approvals awaiting funding), from the facility's exposure row.
	 */
	public record FacilityUsage(Money limit, Money funded, Money reserved, Rate advanceRate, boolean recourse,
			Integer recourseDays, boolean notification, Rate concentrationLimit, Enforcement enforcement,
			FeeTerms feeTerms) {

		public Money inUse() {
			return this.funded.plus(this.reserved);
		}

		/** What is left of the limit; below zero when the facility is over it. */
		public Money headroom() {
			return this.limit.minus(inUse());
		}

		/** In use as a share of the limit (1.0 = 100 %). */
		public BigDecimal usedShare() {
			return inUse().amount().divide(this.limit.amount(), 4, java.math.RoundingMode.HALF_EVEN);
		}

		/** The share for the usage bar's width: 0 to 100. */
		public int barPercent() {
			return usedShare().movePointRight(2).min(BigDecimal.valueOf(100)).max(BigDecimal.ZERO).intValue();
		}

		public boolean isOver() {
			return headroom().isNegative();
		}

	}

	/**
	 * How the client's debtors paid its invoices over the last 365 days; no paid invoice
	 * yet reads as such, not as 0 % late.
	 */
	public record Payments(long paidInvoices, BigDecimal lateShare) {

		public boolean nonePaid() {
			return this.paidInvoices == 0;
		}

	}

	public record Awaiting(long invoiceId, String number, String debtorRef, String debtorName, LocalDate dueDate,
			Money amount, Money advance, String approvedBy) {
	}

	public record Run(long id, LocalDate runOn, Money total, int invoiceCount, String createdBy, String paidBy,
			Instant paidAt) {

		public boolean paid() {
			return this.paidAt != null;
		}

	}

	public record InvoiceRow(long id, String number, String debtorRef, String debtorName, LocalDate issueDate,
			LocalDate dueDate, Money amount, String status) {
	}

	/**
	 * A debtor of the client: what we have in use on it for this client (funded +
	 * reserved), its open funded face and that face's share of the client's open funded
	 * face (concentration), against the facility's concentration limit.
	 */
	public record DebtorRow(String ref, String name, Money exposure, Money openFace, BigDecimal concentration,
			boolean overConcentration) {
	}

}
