package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.SqlStatementCounter;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The collections pages send a bounded number of SQL statements whatever the data: the
 * worklist reads a page of debtors with their aggregates, latest note and promise in one
 * statement, for the demo book's first page as for a page of 25 debtors of their own with
 * notes and promises; a debtor's page reads the same number for a debtor with a long
 * history as for one with none. The rows a test adds are rolled back.
 */
@IntegrationTest
@Import(SqlStatementCounter.class)
// the same context as PageStatementsIntegrationTests (the counter wraps its DataSource)
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@Transactional
class CollectionsStatementsIntegrationTests {

	/** The most statements either page may send. */
	private static final int BOUND = 8;

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SqlStatementCounter counter;

	@Autowired
	private EntityManager entities;

	@Test
	void theWorklistSendsAsManyStatementsForAPageOfDebtorsWithHistoryAsForTheDemoBook() throws Exception {
		List<String> demo = page("/collections");
		Client client = Clients.aClient().build();
		this.entities.persist(client);
		for (int i = 0; i < 30; i++) {
			Debtor debtor = Debtors.aDebtor().build();
			this.entities.persist(debtor);
			Invoice invoice = funded(client, debtor, TODAY.minusDays(10 + i));
			this.entities.flush();
			for (int n = 0; n < 3; n++) {
				this.entities.persist(new CollectionNote(debtor.getId(), invoice.getId(), "note " + n, NextAction.CALL,
						TODAY.plusDays(n), "underwriter", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(n)));
				this.entities.persist(new PromiseToPay(debtor.getId(), invoice.getId(), TODAY.minusDays(5),
						TODAY.minusDays(n), Money.of("100.00"), "underwriter", Instant.parse("2026-11-20T10:00:00Z")));
			}
		}
		this.entities.flush();
		List<String> mine = page("/collections?client=" + client.getRef());
		List<String> second = page("/collections?client=" + client.getRef() + "&page=2&broken=true");
		assertThat(demo).hasSizeLessThanOrEqualTo(BOUND);
		assertThat(mine).as("a page of 25 debtors of the test's own").hasSameSizeAs(demo);
		assertThat(second).as("the last page, filtered").hasSameSizeAs(demo);
		assertThat(page("/collections")).as("the demo book's first page again").hasSameSizeAs(demo);
	}

	@Test
	void aDebtorsPageSendsAsManyStatementsForALongHistoryAsForNone() throws Exception {
		Client client = Clients.aClient().build();
		this.entities.persist(client);
		Debtor quiet = Debtors.aDebtor().build();
		Debtor busy = Debtors.aDebtor().build();
		this.entities.persist(quiet);
		this.entities.persist(busy);
		funded(client, quiet, TODAY.minusDays(3));
		for (int i = 0; i < 10; i++) {
			Invoice invoice = funded(client, busy, TODAY.minusDays(5 + i));
			invoice.dispute(DisputeReason.PRICE, TODAY.minusDays(1), Money.of("10.00"), "underwriter",
					Invoices.on(TODAY));
			this.entities.flush();
			this.entities.persist(new CollectionNote(busy.getId(), invoice.getId(), "note " + i, NextAction.EMAIL,
					TODAY, "underwriter", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i)));
			this.entities.persist(new PromiseToPay(busy.getId(), invoice.getId(), TODAY.minusDays(5), TODAY,
					Money.of("50.00"), "underwriter", Instant.parse("2026-11-20T10:00:00Z")));
		}
		this.entities.flush();
		List<String> none = page("/collections/debtors/" + quiet.getRef());
		List<String> longHistory = page("/collections/debtors/" + busy.getRef());
		assertThat(none).hasSizeLessThanOrEqualTo(BOUND);
		assertThat(longHistory).as("statements of a debtor with 10 invoices, disputes, notes and promises")
			.hasSameSizeAs(none);
	}

	private Invoice funded(Client client, Debtor debtor, LocalDate due) {
		Invoice invoice = Invoices.anInvoice(client, debtor)
			.issued(due.minusDays(30))
			.due(due)
			.amount("1000.00")
			.fundedOn(due.minusDays(28))
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private List<String> page(String path) throws Exception {
		List<String> statements = this.counter
			.statementsOf(() -> this.mvc.perform(get(path).with(user("underwriter").roles("UNDERWRITER")))
				.andExpect(status().isOk()));
		System.out.printf("GET %s: %d statements%n", path, statements.size());
		statements.forEach((sql) -> System.out.println("  " + sql.replaceAll("\\s+", " ").trim()));
		return statements;
	}

}
