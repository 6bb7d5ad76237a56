package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.factordesk.client.Client;
import com.factordesk.client.Facility;
import com.factordesk.client.FeeTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.CreditNote;
import com.factordesk.invoice.Dispute;
import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.InvoiceTransition;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * Everything the invoice page shows, as read models: the invoice with its client,
 * facility and debtor, its history, what was paid, credited and disputed on it, and where
 * its debtor stands across all clients. Pages get these records, never entities.
 */
public record InvoiceDetail(InvoiceView invoice, ClientView client, FacilityView facility, DebtorView debtor,
		List<Step> history, List<Collection> allocations, List<Credit> creditNotes, List<DisputeView> disputes,
		DebtorPosition debtorPosition) {

	static InvoiceDetail of(Invoice invoice, List<InvoiceTransition> history, List<PaymentAllocation> allocations,
			List<CreditNote> creditNotes, List<Dispute> disputes, DebtorPosition position) {
		Client client = invoice.getClient();
		Facility facility = client.getFacility();
		Debtor debtor = invoice.getDebtor();
		return new InvoiceDetail(
				new InvoiceView(invoice.getId(), invoice.getNumber(), invoice.getIssueDate(), invoice.getDueDate(),
						invoice.getAmount(), invoice.getCurrency(), invoice.getStatus(), invoice.getSubmittedAt(),
						invoice.getFundedOn(), invoice.getClosedOn(),
						(invoice.getSchedule() != null) ? invoice.getSchedule().getId() : null,
						(invoice.getSchedule() != null) ? invoice.getSchedule().getNumber() : null),
				new ClientView(client.getRef(), client.getLegalName(), client.getCountry(), client.getIndustry(),
						client.getOnboardedOn()),
				(facility != null) ? facility(facility) : null,
				new DebtorView(debtor.getRef(), debtor.getName(), debtor.getCreditLimit(), debtor.getInsurerLimit(),
						debtor.getInsurerLimitExpiresOn()),
				history.stream()
					.map((step) -> new Step(step.getFromStatus(), step.getToStatus(), step.getChangedBy(),
							step.getChangedAt(), step.getReason()))
					.toList(),
				allocations.stream()
					.map((allocation) -> new Collection(allocation.getPayment().getReference(),
							allocation.getReceivedOn(), allocation.getAmount(), allocation.getReversedOn()))
					.toList(),
				creditNotes.stream()
					.map((note) -> new Credit(note.getIssuedOn(), note.getAmount(), note.getReason()))
					.toList(),
				disputes.stream()
					.map((dispute) -> new DisputeView(dispute.getReason(), dispute.getOpenedOn(), dispute.getAmount(),
							dispute.getResolvedOn(), dispute.getOutcome()))
					.toList(),
				position);
	}

	private static FacilityView facility(Facility facility) {
		FeeTerms fees = facility.getFeeTerms();
		return new FacilityView(facility.getFacilityLimit(), facility.getDefaultAdvanceRate(), facility.isRecourse(),
				facility.getRecourseDays(), facility.isNotification(), facility.getConcentrationLimit(),
				fees.kind().name(), fees.periodDays(), fees.dayCount().name(), fees.clientDiscount());
	}

	/**
	 * What the debtor paid on the invoice, bounced payments left out.
	 */
	public Money paid() {
		return this.allocations.stream()
			.filter((allocation) -> allocation.reversedOn() == null)
			.map(Collection::amount)
			.reduce(Money.ZERO, Money::plus);
	}

	/**
	 * Whether a dispute is open on the invoice: a flag beside its status.
	 */
	public boolean disputed() {
		return this.disputes.stream().anyMatch(DisputeView::open);
	}

	public Money credited() {
		return this.creditNotes.stream().map(Credit::amount).reduce(Money.ZERO, Money::plus);
	}

	public Money outstanding() {
		return this.invoice.amount().minus(paid()).minus(credited());
	}

	public record InvoiceView(long id, String number, LocalDate issueDate, LocalDate dueDate, Money amount,
			String currency, InvoiceStatus status, Instant submittedAt, LocalDate fundedOn, LocalDate closedOn,
			Long scheduleId, String scheduleNumber) {

		public int daysPastDue(LocalDate today) {
			return (int) Math.max(0, ChronoUnit.DAYS.between(this.dueDate, today));
		}

		public int termsInDays() {
			return (int) ChronoUnit.DAYS.between(this.issueDate, this.dueDate);
		}

	}

	public record ClientView(String ref, String legalName, String country, String industry, LocalDate onboardedOn) {
	}

	public record FacilityView(Money facilityLimit, Rate defaultAdvanceRate, boolean recourse, Integer recourseDays,
			boolean notification, Rate concentrationLimit, String feeStructure, int feePeriodDays, String dayCount,
			Rate clientFeeDiscount) {
	}

	public record DebtorView(String ref, String name, Money creditLimit, Money insurerLimit,
			LocalDate insurerLimitExpiresOn) {
	}

	public record Step(InvoiceStatus fromStatus, InvoiceStatus toStatus, String changedBy, Instant changedAt,
			String reason) {
	}

	public record Collection(String paymentReference, LocalDate receivedOn, Money amount, LocalDate reversedOn) {
	}

	public record Credit(LocalDate issuedOn, Money amount, String reason) {
	}

	public record DisputeView(DisputeReason reason, LocalDate openedOn, Money amount, LocalDate resolvedOn,
			DisputeOutcome outcome) {

		public boolean open() {
			return this.outcome == null;
		}

	}

}
