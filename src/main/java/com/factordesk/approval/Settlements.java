package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.factordesk.client.Facility;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.invoice.PaymentAllocationRepository;
import com.factordesk.pricing.BandFeeRates;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settles funded invoices as they close (DESIGN section 4b), each in the transaction of
 * the change that closes it, and records every figure in a {@link Settlement} and the
 * client's reserve ledger:
 * <ul>
 * <li>paid in full (by {@link CashApplication#apply}, or a credit note that credits it to
 * nothing): the fee by the actual days from funding to the last collection, FEE;</li>
 * <li>closed as short paid (a decision): the fee to the day of the decision, FEE and
 * SHORT_PAY of what is left unpaid;</li>
 * <li>charged back (recourse, past the recourse period): FEE and CHARGEBACK of the
 * outstanding face;</li>
 * <li>written off (non-recourse): FEE only; the outstanding face is the factor's credit
 * loss;</li>
 * <li>a credit note entered by hand: DILUTION when it is issued.</li>
 * </ul>
 * The reserve was credited at funding (RESERVE_CREATED), so what the ledger holds for a
 * settled invoice is its rebate = reserve - fee - credited - shortfall. A closed invoice
 * carries no exposure: what was left of its advance is released on the exposure rows
 * (locked first, in the engine's order) and held approvals go on as headroom grows. A
 * bounced payment reverses the settlement of each invoice it reopens ({@link #reopen}).
 * <p>
 * The fee is not capped at the reserve: a late invoice can cost more than its reserve,
 * and the negative rebate is what the client owes. An advance taken over without a fee
 * rate (an imported book) is priced at the pricing band in force on its funding day for
 * the debtor's score on that day (the newest snapshot as of then, else its current score,
 * else the neutral 50), less the facility's negotiated discount; the tenor and
 * concentration surcharges of a quote are not applied to it.
 */
@Service
@Transactional
public class Settlements {

	/**
	 * The score a debtor without any snapshot is priced at: neutral, as a missing input.
	 */
	private static final BigDecimal NEUTRAL_SCORE = BigDecimal.valueOf(50);

	private static final int MAX_REASON = 200;

	private final ExposureEngine engine;

	private final Underwriting underwriting;

	private final Decisions decisions;

	private final ReserveLedger ledger;

	private final SettlementRepository settlements;

	private final ReserveEntryRepository entries;

	private final AdvanceRepository advances;

	private final InvoiceRepository invoices;

	private final PaymentAllocationRepository allocations;

	private final BandFeeRates bandFeeRates;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	private final Clock clock;

	Settlements(ExposureEngine engine, Underwriting underwriting, Decisions decisions, ReserveLedger ledger,
			SettlementRepository settlements, ReserveEntryRepository entries, AdvanceRepository advances,
			InvoiceRepository invoices, PaymentAllocationRepository allocations, BandFeeRates bandFeeRates,
			JdbcClient jdbc, EntityManager entityManager, Clock clock) {
		this.engine = engine;
		this.underwriting = underwriting;
		this.decisions = decisions;
		this.ledger = ledger;
		this.settlements = settlements;
		this.entries = entries;
		this.advances = advances;
		this.invoices = invoices;
		this.allocations = allocations;
		this.bandFeeRates = bandFeeRates;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.clock = clock;
	}

	/**
	 * Closes a partially paid invoice as short paid (a decision): what is left unpaid is
	 * the client's shortfall (SHORT_PAY), the fee runs to today.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Settlement closeShortPaid(long invoiceId, String reason) {
		String actor = actor();
		String why = requireReason(reason);
		Locked target = lock(invoiceId);
		Invoice invoice = target.invoice();
		return close(target, SettlementKind.SHORT_PAID, DecisionKind.SHORT_PAY, why, actor,
				() -> invoice.closeShortPaid(actor, "closed short paid: " + why, this.clock));
	}

	/**
	 * Closes a funded invoice by a decision ({@code verb}: short paid, charged back,
	 * written off): settles it, releases what was left of its advance on the exposure
	 * rows and records the decision.
	 */
	private Settlement close(Locked target, SettlementKind kind, DecisionKind decision, String why, String actor,
			Runnable verb) {
		Invoice invoice = target.invoice();
		Advance advance = requireAdvance(invoice);
		Money carried = carried(invoice, advance);
		InvoiceStatus from = invoice.getStatus();
		verb.run();
		Settlement settlement = settle(invoice, advance, kind, actor);
		release(target.exposures(), invoice, carried, actor);
		this.decisions.record(invoice.getId(), decision, actor, from, invoice.getStatus(), Decisions.Entry.note(why));
		return settlement;
	}

	/**
	 * The funded, open invoices of every recourse facility past its recourse period (days
	 * past due above the facility's recourse days), most days past due first.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public List<ChargebackCandidate> chargebackCandidates() {
		return candidates(null);
	}

	/**
	 * The chargeback candidates of one client.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public List<ChargebackCandidate> chargebackCandidates(long clientId) {
		return candidates(clientId);
	}

	/**
	 * Charges a recourse invoice past its recourse period back to the client: the client
	 * buys back the outstanding face (CHARGEBACK) and pays the fee to today. Refused on a
	 * non-recourse facility (write it off instead) and before the recourse period has
	 * run.
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Settlement chargeBack(long invoiceId, String reason) {
		String actor = actor();
		String why = requireReason(reason);
		Locked target = lock(invoiceId);
		Invoice invoice = target.invoice();
		Facility facility = invoice.getClient().getFacility();
		if (!facility.isRecourse()) {
			throw BusinessRefusal.of("settlement.chargeBack.nonRecourse",
					"Invoice " + invoice.getNumber() + " cannot be charged back: the facility of client "
							+ invoice.getClient().getRef() + " is non-recourse (write it off instead)",
					invoice.getNumber(), invoice.getClient().getRef());
		}
		int daysPastDue = invoice.daysPastDue(LocalDate.now(this.clock));
		if (isOpen(invoice) && daysPastDue <= facility.getRecourseDays()) {
			throw BusinessRefusal.of("settlement.chargeBack.tooEarly",
					"Invoice " + invoice.getNumber() + " is " + daysPastDue
							+ " days past due: it can be charged back after " + facility.getRecourseDays() + " days",
					invoice.getNumber(), daysPastDue, facility.getRecourseDays());
		}
		return close(target, SettlementKind.CHARGED_BACK, DecisionKind.CHARGEBACK, why, actor,
				() -> invoice.chargeBack(actor, "charged back: " + why, this.clock));
	}

	/**
	 * Writes off an unpaid invoice of a non-recourse facility: the outstanding face is
	 * the factor's credit loss, not a client debit; the client still pays the fee to
	 * today. Refused on a recourse facility (charge it back instead).
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public Settlement writeOff(long invoiceId, String reason) {
		String actor = actor();
		String why = requireReason(reason);
		Locked target = lock(invoiceId);
		Invoice invoice = target.invoice();
		if (invoice.getClient().getFacility().isRecourse()) {
			throw BusinessRefusal.of("settlement.writeOff.recourse",
					"Invoice " + invoice.getNumber() + " cannot be written off: the facility of client "
							+ invoice.getClient().getRef() + " is recourse (charge it back instead)",
					invoice.getNumber(), invoice.getClient().getRef());
		}
		return close(target, SettlementKind.WRITTEN_OFF, DecisionKind.WRITE_OFF, why, actor,
				() -> invoice.writeOff(actor, "written off: " + why, this.clock));
	}

	/**
	 * A credit note entered by hand on a funded invoice, issued today: what the debtor no
	 * longer owes is debited to the client's reserve (DILUTION) at once. A credit note
	 * that credits the invoice down to nothing closes it: it is settled as paid.
	 * @return the settlement, when the credit note closed the invoice
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<Settlement> creditNote(long invoiceId, Money amount, String reason) {
		return creditNoteAs(invoiceId, amount, reason, actor());
	}

	/**
	 * {@link #creditNote} for the desk's own intake of a disputes file
	 * ({@link DisputeFileIntake}), whose caller holds the import right, not a desk role.
	 */
	Optional<Settlement> creditNoteAs(long invoiceId, Money amount, String reason, String actor) {
		if (amount == null || !amount.isPositive()) {
			throw BusinessRefusal.onField("amount", "settlement.creditNote.notPositive",
					"The amount of a credit note must be above zero");
		}
		String why = requireReason(reason);
		Locked target = lock(invoiceId);
		Invoice invoice = target.invoice();
		Optional<Advance> advance = this.advances.findByInvoiceId(invoiceId);
		Money carried = advance.map((funded) -> carried(invoice, funded)).orElse(Money.ZERO);
		InvoiceStatus from = invoice.getStatus();
		LocalDate today = LocalDate.now(this.clock);
		invoice.credit(amount, null, today, why, actor, this.clock);
		this.ledger.book(invoice.getClient().getId(), ReserveEntryKind.DILUTION, amount, today,
				ReserveEntry.Source.invoice(invoiceId), "credit note on " + invoice.getNumber());
		Optional<Settlement> settlement = Optional.empty();
		if (invoice.getStatus() == InvoiceStatus.PAID) {
			settlement = advance.map((funded) -> settle(invoice, funded, SettlementKind.PAID, actor));
			release(target.exposures(), invoice, carried, actor);
		}
		this.decisions.record(invoiceId, DecisionKind.CREDIT_NOTE, actor, from, invoice.getStatus(),
				Decisions.Entry.note("credit note of " + amount + ": " + why));
		return settlement;
	}

	/**
	 * The settlement in force on an invoice, if it is settled.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public Optional<Settlement> of(long invoiceId) {
		return this.settlements.findLive(invoiceId);
	}

	/**
	 * Every settlement of an invoice, reversed ones too, oldest first.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public List<Settlement> history(long invoiceId) {
		return this.settlements.findByInvoiceIdOrderById(invoiceId);
	}

	/**
	 * Settles an invoice that cash application (or a credit note) has just made PAID, in
	 * the caller's transaction: the fee by the days from funding to the last collection.
	 * An invoice without an advance record has nothing to settle.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Settlement> settlePaid(Invoice invoice, String actor) {
		if (invoice.getStatus() != InvoiceStatus.PAID) {
			throw new IllegalStateException(
					"Invoice " + invoice.getNumber() + " is " + invoice.getStatus() + ", not PAID: nothing to settle");
		}
		return this.advances.findByInvoiceId(invoice.getId())
			.map((advance) -> settle(invoice, advance, SettlementKind.PAID, actor));
	}

	/**
	 * A bounced payment reopened the invoice: its settlement is reversed on {@code on},
	 * and each reserve entry it booked (the fee, a short pay) by a REVERSAL entry.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Settlement> reopen(Invoice invoice, LocalDate on, String reason) {
		Optional<Settlement> live = this.settlements.findLive(invoice.getId());
		live.ifPresent((settlement) -> {
			settlement.reverse(on);
			for (ReserveEntry entry : this.entries.findBySettlementIdOrderById(settlement.getId())) {
				if (entry.getKind() != ReserveEntryKind.REVERSAL && !this.entries.existsByReversesId(entry.getId())) {
					this.ledger.reverse(entry, on, note("reopened: " + reason));
				}
			}
			// the settlement's reversal is written before any new settlement of the
			// invoice
			this.entityManager.flush();
		});
		return live;
	}

	/**
	 * What an invoice carries on the exposure rows: what is left of its advance while it
	 * is open (advance - collected, never below zero), nothing once it is closed.
	 */
	static Money carried(Invoice invoice, Advance advance) {
		if (!isOpen(invoice)) {
			return Money.ZERO;
		}
		Money left = advance.getAmount().minus(invoice.collected());
		return left.isPositive() ? left : Money.ZERO;
	}

	/**
	 * A reason given for a decision here: required, at most 200 characters.
	 */
	static String requireReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw BusinessRefusal.onField("reason", "settlement.reason.required", "Give a reason");
		}
		String stripped = reason.strip();
		if (stripped.length() > MAX_REASON) {
			throw BusinessRefusal.onField("reason", "settlement.reason.tooLong",
					"A reason has at most " + MAX_REASON + " characters", MAX_REASON);
		}
		return stripped;
	}

	private Settlement settle(Invoice invoice, Advance advance, SettlementKind kind, String actor) {
		// the allocation this transaction applied is read with the others
		this.entityManager.flush();
		List<SettlementFees.Collection> collections = this.allocations.findByInvoiceId(invoice.getId())
			.stream()
			.filter((allocation) -> !allocation.isReversed())
			.map(Settlements::collection)
			.toList();
		LocalDate settledOn = settlingDay(invoice, advance, kind, collections);
		SettlementFees.SettledFee fee = SettlementFees.fee(advance.getFeeStructure(), advance.getFeePeriodDays(),
				advance.getDayCount(), advance.getFace(), advance.getAmount(), feeRate(invoice, advance),
				advance.getFundedOn(), settledOn, collections);
		Money outstanding = invoice.outstanding();
		Money shortfall = (kind == SettlementKind.SHORT_PAID || kind == SettlementKind.CHARGED_BACK) ? outstanding
				: Money.ZERO;
		Money creditLoss = (kind == SettlementKind.WRITTEN_OFF) ? outstanding : Money.ZERO;
		long clientId = invoice.getClient().getId();
		Settlement settlement = this.settlements
			.save(new Settlement(invoice.getId(), clientId, kind, settledOn, advance, invoice.collected(),
					invoice.credited(), fee, shortfall, creditLoss, actor, this.clock.instant()));
		ReserveEntry.Source source = ReserveEntry.Source.settlement(invoice.getId(), settlement.getId());
		if (fee.fee().isPositive()) {
			this.ledger.book(clientId, ReserveEntryKind.FEE, fee.fee(), settledOn, source,
					"fee on " + invoice.getNumber() + ", " + fee.days() + " days");
		}
		if (shortfall.isPositive()) {
			ReserveEntryKind debit = (kind == SettlementKind.SHORT_PAID) ? ReserveEntryKind.SHORT_PAY
					: ReserveEntryKind.CHARGEBACK;
			this.ledger.book(clientId, debit, shortfall, settledOn, source,
					((kind == SettlementKind.SHORT_PAID) ? "short paid: " : "charged back: ") + invoice.getNumber());
		}
		return settlement;
	}

	/**
	 * Paid: the day the last of it came in (the latest collection, or the credit note
	 * that closed it); closed by a decision: today. Never before the funding day.
	 */
	private LocalDate settlingDay(Invoice invoice, Advance advance, SettlementKind kind,
			List<SettlementFees.Collection> collections) {
		LocalDate day = (kind == SettlementKind.PAID && invoice.getClosedOn() != null) ? invoice.getClosedOn()
				: LocalDate.now(this.clock);
		if (kind == SettlementKind.PAID) {
			for (SettlementFees.Collection collection : collections) {
				if (collection.on().isAfter(day)) {
					day = collection.on();
				}
			}
		}
		return day.isBefore(advance.getFundedOn()) ? advance.getFundedOn() : day;
	}

	/**
	 * The advance's own fee rate; for an advance taken over without one, the band in
	 * force on its funding day for the debtor's score then, less the facility's discount.
	 */
	private Rate feeRate(Invoice invoice, Advance advance) {
		if (advance.getFeeRate() != null) {
			return advance.getFeeRate();
		}
		long debtorId = invoice.getDebtor().getId();
		BigDecimal score = this.jdbc.sql("SELECT score FROM debtor_score_on(:debtorId, :day)")
			.param("debtorId", debtorId)
			.param("day", advance.getFundedOn())
			.query(BigDecimal.class)
			.optional()
			.or(() -> this.jdbc.sql("SELECT score FROM debtor_current_score WHERE debtor_id = :debtorId")
				.param("debtorId", debtorId)
				.query(BigDecimal.class)
				.optional())
			.orElse(NEUTRAL_SCORE);
		Rate band = this.bandFeeRates.on(advance.getFundedOn(), score)
			.map(BandFeeRates.BandFee::feeRate)
			.orElse(Rate.ZERO);
		BigDecimal discounted = band.fraction()
			.subtract(invoice.getClient().getFacility().getFeeTerms().clientDiscount().fraction());
		return new Rate(discounted.signum() > 0 ? discounted : BigDecimal.ZERO);
	}

	/**
	 * The invoice closed: what it carried on the exposure rows is released, and held
	 * approvals go on as headroom grows.
	 */
	private void release(Exposures exposures, Invoice invoice, Money carriedBefore, String actor) {
		long debtorId = invoice.getDebtor().getId();
		long clientId = invoice.getClient().getId();
		if (carriedBefore.isPositive()) {
			this.engine.repay(exposures, debtorId, clientId, carriedBefore);
		}
		this.underwriting.releaseHeld(exposures, Set.of(debtorId), Set.of(clientId), actor);
	}

	private Advance requireAdvance(Invoice invoice) {
		return this.advances.findByInvoiceId(invoice.getId())
			.orElseThrow(() -> BusinessRefusal.of("settlement.noAdvance",
					"Invoice " + invoice.getNumber() + " has no advance on record: there is nothing to settle",
					invoice.getNumber()));
	}

	/**
	 * Locks the exposure rows of the invoice's debtor and facility (the engine's order),
	 * then the invoice, and reads it as it is now.
	 */
	private Locked lock(long invoiceId) {
		Invoice invoice = this.invoices.findById(invoiceId)
			.orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
		Exposures exposures = this.engine.lock(Set.of(invoice.getDebtor().getId()),
				Set.of(invoice.getClient().getId()));
		this.entityManager.refresh(invoice, LockModeType.PESSIMISTIC_WRITE);
		return new Locked(invoice, exposures);
	}

	private List<ChargebackCandidate> candidates(Long clientId) {
		String sql = """
				SELECT i.id, i.number, c.id AS client_id, c.ref AS client_ref, c.legal_name AS client_name,
				       d.ref AS debtor_ref, d.name AS debtor_name, i.due_date, f.recourse_days,
				       CAST(:today AS date) - i.due_date AS days_past_due, i.amount, b.outstanding
				FROM invoice i
				JOIN facility_terms f ON f.client_id = i.client_id
				JOIN client c ON c.id = i.client_id
				JOIN debtor d ON d.id = i.debtor_id
				JOIN invoice_balance(CAST(:today AS date)) b ON b.invoice_id = i.id
				WHERE i.status IN ('FUNDED', 'PARTIALLY_PAID') AND i.funded_on IS NOT NULL AND i.closed_on IS NULL
				  AND f.recourse AND CAST(:today AS date) - i.due_date > f.recourse_days
				""" + ((clientId != null) ? " AND i.client_id = :clientId" : "") + """

				ORDER BY days_past_due DESC, i.id
				""";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param("today", LocalDate.now(this.clock));
		if (clientId != null) {
			statement = statement.param("clientId", clientId);
		}
		return statement
			.query((rs, row) -> new ChargebackCandidate(rs.getLong("id"), rs.getString("number"),
					rs.getLong("client_id"), rs.getString("client_ref"), rs.getString("client_name"),
					rs.getString("debtor_ref"), rs.getString("debtor_name"), rs.getObject("due_date", LocalDate.class),
					rs.getInt("days_past_due"), rs.getInt("recourse_days"), Money.of(rs.getBigDecimal("amount")),
					Money.of(rs.getBigDecimal("outstanding"))))
			.list();
	}

	private static SettlementFees.Collection collection(PaymentAllocation allocation) {
		return new SettlementFees.Collection(allocation.getReceivedOn(), allocation.getAmount());
	}

	private static boolean isOpen(Invoice invoice) {
		return invoice.getStatus() == InvoiceStatus.FUNDED || invoice.getStatus() == InvoiceStatus.PARTIALLY_PAID;
	}

	private static String note(String text) {
		return (text.length() <= MAX_REASON) ? text : text.substring(0, MAX_REASON);
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication.getName();
	}

	/**
	 * A recourse invoice past its facility's recourse period, to be charged back.
	 *
	 * @param invoiceId the invoice
	 * @param number its number
	 * @param clientId the client who factored it
	 * @param clientRef the client's reference
	 * @param clientName the client's legal name
	 * @param debtorRef the debtor's reference
	 * @param debtorName the debtor's name
	 * @param dueDate when it fell due
	 * @param daysPastDue days past due today
	 * @param recourseDays the facility's recourse period
	 * @param face the invoice's face
	 * @param outstanding what the debtor still owes: what the client would buy back
	 */
	public record ChargebackCandidate(long invoiceId, String number, long clientId, String clientRef, String clientName,
			String debtorRef, String debtorName, LocalDate dueDate, int daysPastDue, int recourseDays, Money face,
			Money outstanding) {
	}

	private record Locked(Invoice invoice, Exposures exposures) {
	}

}
