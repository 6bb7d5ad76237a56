package com.factordesk.approval;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReserveEntryRepository extends JpaRepository<ReserveEntry, Long> {

	List<ReserveEntry> findByInvoiceIdOrderById(long invoiceId);

	boolean existsByReversesId(long reversesId);

	List<ReserveEntry> findBySettlementIdOrderById(long settlementId);

	List<ReserveEntry> findByClientIdOrderById(long clientId);

}
