package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.client.FeeKind;
import com.factordesk.invoice.CreditNoteRepository;
import com.factordesk.invoice.DisputeRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceTransitionRepository;
import com.factordesk.invoice.PaymentAllocationRepository;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads an invoice with its history and its debtor's position across all clients.
 */
@Service
@Transactional(readOnly = true)
public class InvoiceDetails {

	private static final String DEBTOR_POSITION = """
			WITH open_item AS (
			    SELECT client_id, due_date, outstanding FROM open_receivable(CAST(:today AS date))
			    WHERE debtor_id = :debtorId
			)
			SELECT COALESCE(SUM(outstanding), 0) AS open_amount,
			       COUNT(*) AS open_invoices,
			       COUNT(DISTINCT client_id) AS clients,
			       COUNT(*) FILTER (WHERE due_date < :today) AS past_due_invoices,
			       COALESCE(SUM(outstanding) FILTER (WHERE due_date < :today), 0) AS past_due_amount,
			       (SELECT COUNT(*) FROM dispute_fact d JOIN invoice di ON di.id = d.invoice_id
			        WHERE di.debtor_id = :debtorId AND d.outcome IS NULL) AS open_disputes,
			       -- the invoice's client: what the debtor owes it, out of the client's whole open funded book
			       -- (the quote's concentration bases), through the open invoices' client index
			       COALESCE(SUM(outstanding) FILTER (WHERE client_id = :clientId), 0) AS client_open_amount,
			       (SELECT COALESCE(SUM(b.outstanding), 0) FROM open_receivable(CAST(:today AS date)) b
			        WHERE b.client_id = :clientId) AS client_book
			FROM open_item
			""";

	private final InvoiceRepository invoices;

	private final InvoiceTransitionRepository transitions;

	private final PaymentAllocationRepository allocations;

	private final CreditNoteRepository creditNotes;

	private final DisputeRepository disputes;

	private final AdvanceRepository advances;

	private final JdbcClient jdbc;

	private final Clock clock;

	InvoiceDetails(InvoiceRepository invoices, InvoiceTransitionRepository transitions,
			PaymentAllocationRepository allocations, CreditNoteRepository creditNotes, DisputeRepository disputes,
			AdvanceRepository advances, JdbcClient jdbc, Clock clock) {
		this.advances = advances;
		this.invoices = invoices;
		this.transitions = transitions;
		this.allocations = allocations;
		this.creditNotes = creditNotes;
		this.disputes = disputes;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public InvoiceDetail find(long id) {
		Invoice invoice = this.invoices.findDetailById(id).orElseThrow(() -> new NotFoundException("Invoice", id));
		return InvoiceDetail.of(invoice, this.transitions.findByInvoiceIdOrderByChangedAtAscIdAsc(id),
				this.allocations.findByInvoiceId(id), this.creditNotes.findByInvoiceIdOrderByIssuedOn(id),
				this.disputes.findByInvoiceIdOrderByOpenedOn(id),
				debtorPosition(invoice.getDebtor().getId(), invoice.getClient().getId()));
	}

	/**
	 * What was paid out on a funded invoice, as its advance record holds it: the amount,
	 * the rate, the reserve, the fee terms and the band version, the day and the funding
	 * run; empty before funding. One statement either way, so the page sends as many for
	 * a queued invoice as for a funded one.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<AdvanceView> advance(long invoiceId) {
		return this.advances.findByInvoiceId(invoiceId)
			.map((advance) -> new AdvanceView(advance.getFundedOn(), advance.getAmount(), advance.getAdvanceRate(),
					advance.getReserve(), advance.getFeeRate(), advance.getFeeStructure(),
					(advance.getFeeStructure() == FeeKind.DAILY && advance.getDayCount() != null)
							? advance.getDayCount().daysInYear() : advance.getFeePeriodDays(),
					advance.getBandSetVersion(),
					(advance.getFundingRun() != null) ? advance.getFundingRun().getId() : null));
	}

	/**
	 * An invoice's advance record, for its page; {@code feeDays} is the fee's period, or
	 * the days of the year of a daily fee.
	 */
	public record AdvanceView(LocalDate fundedOn, Money amount, Rate advanceRate, Money reserve, Rate feeRate,
			FeeKind feeStructure, int feeDays, Integer bandSetVersion, Long fundingRunId) {
	}

	DebtorPosition debtorPosition(long debtorId, long clientId) {
		LocalDate today = LocalDate.now(this.clock);
		return this.jdbc.sql(DEBTOR_POSITION)
			.param("debtorId", debtorId)
			.param("clientId", clientId)
			.param("today", today)
			.query((rs, row) -> new DebtorPosition(Money.of(rs.getBigDecimal("open_amount")),
					rs.getLong("open_invoices"), rs.getLong("clients"), rs.getLong("past_due_invoices"),
					Money.of(rs.getBigDecimal("past_due_amount")), rs.getLong("open_disputes"),
					Money.of(rs.getBigDecimal("client_open_amount")), Money.of(rs.getBigDecimal("client_book"))))
			.single();
	}

}
