package com.factordesk.approval;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SettlementRepository extends JpaRepository<Settlement, Long> {

	@Query("select s from Settlement s where s.invoiceId = :invoiceId and s.reversedOn is null")
	Optional<Settlement> findLive(long invoiceId);

	List<Settlement> findByInvoiceIdOrderById(long invoiceId);

	List<Settlement> findByClientIdOrderById(long clientId);

}
