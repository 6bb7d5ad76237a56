package com.factordesk.approval;

import java.util.List;

import com.factordesk.invoice.CreditNote;
import com.factordesk.invoice.Dispute;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceTransition;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.shared.Money;

/**
 * Everything the invoice page shows: the invoice with its client and debtor, its history,
 * what was paid, credited and disputed on it, and where its debtor stands across all
 * clients.
 */
public record InvoiceDetail(Invoice invoice, List<InvoiceTransition> history, List<PaymentAllocation> allocations,
		List<CreditNote> creditNotes, List<Dispute> disputes, DebtorPosition debtorPosition) {

	public Money paid() {
		return this.allocations.stream().map(PaymentAllocation::getAmount).reduce(Money.ZERO, Money::plus);
	}

	public Money credited() {
		return this.creditNotes.stream().map(CreditNote::getAmount).reduce(Money.ZERO, Money::plus);
	}

	public Money outstanding() {
		return this.invoice.getAmount().minus(paid()).minus(credited());
	}

}
