package com.factordesk.invoice;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.debtor.Debtors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The invoice repository's queue query and the invoice table's own rules, on the tests'
 * PostgreSQL with the schema Flyway migrates and Hibernate validates. A JPA slice: each
 * test's rows are rolled back, and since the shared database may or may not hold the demo
 * book, the tests look only at their own rows and at how the totals move.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
class InvoiceRepositoryTests {

	private static final LocalDate ISSUED = LocalDate.of(2026, 10, 1);

	@Autowired
	private InvoiceRepository invoices;

	@Autowired
	private ClientRepository clients;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Flyway flyway;

	@Test
	void flywayHasMigratedTheDatabase() {
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.info().current()).isNotNull();
	}

	@Test
	void theQueueHoldsSubmittedInvoicesOnlyAndPagesThem() {
		long before = queueSize();
		Client client = this.clients.save(Clients.aClient().build());
		Debtor debtor = this.debtors.save(Debtors.aDebtor().build());
		Invoice first = this.invoices.save(Invoices.anInvoice(client, debtor).issued(ISSUED).build());
		Invoice second = this.invoices.save(Invoices.anInvoice(client, debtor).issued(ISSUED.plusDays(1)).build());
		this.invoices.save(Invoices.anInvoice(client, debtor).approved("800.00").build());
		this.invoices.save(Invoices.anInvoice(client, debtor).fundedOn(ISSUED.plusDays(2)).build());
		this.invoices.flush();

		Page<QueueItem> onePerPage = this.invoices.findQueue(PageRequest.of(0, 1));
		assertThat(onePerPage.getTotalElements()).isEqualTo(before + 2);
		assertThat(onePerPage.getContent()).hasSize(1);
		assertThat(onePerPage.getTotalPages()).isEqualTo(before + 2);
		List<QueueItem> ours = this.invoices.findQueue(PageRequest.of(0, (int) before + 2))
			.getContent()
			.stream()
			.filter((item) -> item.clientRef().equals(client.getRef()))
			.toList();
		assertThat(ours).extracting(QueueItem::number).containsExactlyInAnyOrder(first.getNumber(), second.getNumber());
		assertThat(ours).allSatisfy((item) -> {
			assertThat(item.debtorRef()).isEqualTo(debtor.getRef());
			assertThat(item.amount()).isEqualTo(first.getAmount());
		});
	}

	@Test
	void theDatabaseRefusesAnApprovedAdvanceAboveTheFace() {
		Client client = this.clients.save(Clients.aClient().build());
		Debtor debtor = this.debtors.save(Debtors.aDebtor().build());
		long id = this.invoices
			.saveAndFlush(Invoices.anInvoice(client, debtor).amount("1000.00").approved("1000.00").build())
			.getId();
		assertThat(this.jdbc.queryForObject("SELECT approved_advance FROM invoice WHERE id = ?", String.class, id))
			.isEqualTo("1000.00");

		// the entity refuses such an advance itself: only a write around it reaches the
		// table's rule
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.jdbc.update("UPDATE invoice SET approved_advance = 1000.01 WHERE id = ?", id))
			.withMessageContaining("ck_invoice_approved_advance");
	}

	private long queueSize() {
		return this.invoices.findQueue(PageRequest.of(0, 1)).getTotalElements();
	}

}
