package com.factordesk.invoice;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PaymentAllocationRepository extends JpaRepository<PaymentAllocation, Long> {

	@Query("select a from PaymentAllocation a join fetch a.payment where a.invoice.id = :invoiceId order by a.receivedOn, a.id")
	List<PaymentAllocation> findByInvoiceId(Long invoiceId);

}
