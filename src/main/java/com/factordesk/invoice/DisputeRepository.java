package com.factordesk.invoice;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DisputeRepository extends JpaRepository<Dispute, Long> {

	List<Dispute> findByInvoiceIdOrderByOpenedOn(Long invoiceId);

	List<Dispute> findByInvoiceIdIn(java.util.Collection<Long> invoiceIds);

}
