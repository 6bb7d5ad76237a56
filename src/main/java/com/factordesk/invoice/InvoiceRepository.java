package com.factordesk.invoice;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

	@Query(value = """
			select new com.factordesk.invoice.QueueItem(i.id, c.ref, c.legalName, d.ref, d.name, i.number, i.amount,
				i.issueDate, i.dueDate, i.submittedAt, i.status)
			from Invoice i join i.client c join i.debtor d
			where i.status in (com.factordesk.invoice.InvoiceStatus.SUBMITTED,
				com.factordesk.invoice.InvoiceStatus.VERIFIED)
			""", countQuery = """
			select count(i) from Invoice i where i.status in (com.factordesk.invoice.InvoiceStatus.SUBMITTED,
				com.factordesk.invoice.InvoiceStatus.VERIFIED)
			""")
	Page<QueueItem> findQueue(Pageable pageable);

	@Query("""
			select i from Invoice i join fetch i.client c left join fetch c.facility join fetch i.debtor
			left join fetch i.schedule where i.id = :id
			""")
	Optional<Invoice> findDetailById(Long id);

	@Query("select i.client.id from Invoice i where i.id = :id")
	Optional<Long> findClientIdById(Long id);

}
