package com.factordesk.approval;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AdvanceRepository extends JpaRepository<Advance, Long> {

	@Query("""
			select a from Advance a join fetch a.invoice i join fetch i.debtor
			where a.fundingRun.id = :runId order by i.number
			""")
	List<Advance> findByRun(long runId);

	@Query("select a from Advance a left join fetch a.fundingRun where a.invoice.id = :invoiceId")
	Optional<Advance> findByInvoiceId(long invoiceId);

}
