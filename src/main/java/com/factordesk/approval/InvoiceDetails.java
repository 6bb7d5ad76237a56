package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.invoice.CreditNoteRepository;
import com.factordesk.invoice.DisputeRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceTransitionRepository;
import com.factordesk.invoice.PaymentAllocationRepository;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;

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

	private final JdbcClient jdbc;

	private final Clock clock;

	InvoiceDetails(InvoiceRepository invoices, InvoiceTransitionRepository transitions,
			PaymentAllocationRepository allocations, CreditNoteRepository creditNotes, DisputeRepository disputes,
			JdbcClient jdbc, Clock clock) {
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
