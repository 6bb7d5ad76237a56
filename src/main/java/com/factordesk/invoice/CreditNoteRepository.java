package com.factordesk.invoice;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CreditNoteRepository extends JpaRepository<CreditNote, Long> {

	List<CreditNote> findByInvoiceIdOrderByIssuedOn(Long invoiceId);

}
