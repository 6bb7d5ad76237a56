package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;

/**
 * A schedule as its page shows it: who submitted it and when, and each of its invoices
 * with its debtor, grade, quoted (or approved) advance and flags, with the totals.
 *
 * @param id the schedule's id
 * @param number the client's number of the schedule
 * @param clientRef the client's reference
 * @param clientName the client's legal name
 * @param submittedAt when the schedule was submitted
 * @param submittedBy who submitted it
 * @param invoices its invoices, by number
 */
public record ScheduleView(long id, String number, String clientRef, String clientName, Instant submittedAt,
		String submittedBy, List<Line> invoices) {

	public ScheduleView {
		invoices = List.copyOf(invoices);
	}

	/**
	 * The face of all the schedule's invoices.
	 */
	public Money total() {
		return this.invoices.stream().map(Line::amount).reduce(Money.ZERO, Money::plus);
	}

	/**
	 * The advances the page shows: quoted on the queued invoices, approved on the decided
	 * ones.
	 */
	public Money advanceTotal() {
		return this.invoices.stream().map(Line::advance).flatMap(Optional::stream).reduce(Money.ZERO, Money::plus);
	}

	/**
	 * The invoices an approval of all eligible ones would approve.
	 */
	public List<Line> eligible() {
		return this.invoices.stream().filter(Line::eligible).toList();
	}

	/**
	 * The quoted advances of the eligible invoices.
	 */
	public Money eligibleAdvance() {
		return eligible().stream().map(Line::advance).flatMap(Optional::stream).reduce(Money.ZERO, Money::plus);
	}

	/**
	 * The invoices still waiting for a decision.
	 */
	public long queuedCount() {
		return this.invoices.stream().filter(Line::queued).count();
	}

	/**
	 * One invoice of the schedule.
	 *
	 * @param id the invoice's id
	 * @param number its number
	 * @param status its status
	 * @param debtorRef its debtor's reference
	 * @param debtorName its debtor's name
	 * @param amount its face
	 * @param grade its debtor's grade, {@code null} when the debtor has no score
	 * @param score its debtor's score, {@code null} when none
	 * @param quotedAdvance the advance quoted now, {@code null} when not queued or not
	 * quoted
	 * @param declined whether the quote declines it
	 * @param approvedAdvance the advance approved, {@code null} when none
	 * @param flags its flags, errors first
	 */
	public record Line(long id, String number, InvoiceStatus status, String debtorRef, String debtorName, Money amount,
			Grade grade, BigDecimal score, Money quotedAdvance, boolean declined, Money approvedAdvance,
			List<Flag> flags) {

		public Line {
			flags = List.copyOf(flags);
		}

		/**
		 * Whether the invoice waits for a decision.
		 */
		public boolean queued() {
			return this.status == InvoiceStatus.SUBMITTED || this.status == InvoiceStatus.VERIFIED;
		}

		/**
		 * The first flag of error severity, if any.
		 */
		public Optional<Flag> errorFlag() {
			return this.flags.stream().filter((flag) -> flag.severity() == FlagSeverity.ERROR).findFirst();
		}

		/**
		 * Whether "approve all eligible" would approve it: queued, quoted, not declined,
		 * no error flag.
		 */
		public boolean eligible() {
			return queued() && this.quotedAdvance != null && !this.declined && errorFlag().isEmpty();
		}

		/**
		 * The advance the page shows: the quoted one while queued, the approved one once
		 * decided.
		 */
		public Optional<Money> advance() {
			return queued() ? Optional.ofNullable(this.declined ? null : this.quotedAdvance)
					: Optional.ofNullable(this.approvedAdvance);
		}

	}

}
