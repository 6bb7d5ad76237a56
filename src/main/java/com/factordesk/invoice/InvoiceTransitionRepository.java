package com.factordesk.invoice;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface InvoiceTransitionRepository extends JpaRepository<InvoiceTransition, Long> {

	List<InvoiceTransition> findByInvoiceIdOrderByChangedAtAscIdAsc(Long invoiceId);

}
