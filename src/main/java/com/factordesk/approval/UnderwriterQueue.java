package com.factordesk.approval;

import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.QueueItem;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue of SUBMITTED invoices waiting for an underwriter's decision.
 */
@Service
@Transactional(readOnly = true)
public class UnderwriterQueue {

	private final InvoiceRepository invoices;

	UnderwriterQueue(InvoiceRepository invoices) {
		this.invoices = invoices;
	}

	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<QueueItem> page(Pageable pageable) {
		return this.invoices.findQueue(pageable);
	}

}
