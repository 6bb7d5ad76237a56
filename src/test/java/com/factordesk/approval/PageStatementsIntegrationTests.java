package com.factordesk.approval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.factordesk.IntegrationTest;
import com.factordesk.SqlStatementCounter;
import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Schedule;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The queue page and the invoice page send a bounded number of SQL statements, whatever
 * the data: the same for a full page of rows as for a short one, for a page whose 25 rows
 * each have their own client and debtor as for the demo book's first page, and for an
 * invoice with a long history as for a new one; so do a schedule's page, however many
 * invoices it holds, and the funding page, however many approvals await funding. The
 * invoices a test adds are rolled back.
 */
@IntegrationTest
@Import(SqlStatementCounter.class)
// a context of its own (the counter wraps its DataSource): a small pool
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@Transactional
class PageStatementsIntegrationTests {

	/**
	 * The most statements either page may send: about a dozen to twenty-seven now (the
	 * queue 16, the flags of a page three of them: the plan mode, the flags, the mode
	 * back, and the quotes' two statements two more, their plan mode and the mode back;
	 * two more when some of the page's flags and quotes are kept: the checks of what is
	 * kept (KeptByScope), and one the invoices' clients and debtors for the quotes kept;
	 * the credit policy in force one; the invoice page 27, the flags three, the credit
	 * policy one of them, five its decision panel: the invoice's parties, the debtor's
	 * and the facility's exposure with their limits, the decisions, the debtor's
	 * contacts; one the debtor's score with its reasons, one the advance paid out (none
	 * yet on a queued invoice, the same statement); one more when the debtor is insured).
	 */
	private static final int BOUND = 28;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SqlStatementCounter counter;

	@Autowired
	private KeptByScope kept;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Test
	void theQueuePageSendsAsManyStatementsForAnyRowsOnIt() throws Exception {
		long queued = this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED')",
				Long.class);
		long lastPage = (queued + QueueController.PAGE_SIZE - 1) / QueueController.PAGE_SIZE;
		List<String> firstPage = queuePage(1, QueueController.PAGE_SIZE);
		List<String> shortPage = queuePage(lastPage, (int) (queued - (lastPage - 1) * QueueController.PAGE_SIZE));
		assertThat(firstPage).hasSizeLessThanOrEqualTo(BOUND);
		// a short last page spares the count: its total is known from its rows
		assertThat(shortPage).hasSizeBetween(firstPage.size() - 1, firstPage.size());

		// 30 older invoices, each of its own client and debtor pair: the first page is 25
		// of them, and the last page moves on
		List<long[]> pairs = distinctClientsAndDebtors(30);
		for (int i = 0; i < pairs.size(); i++) {
			Invoice invoice = Invoices
				.anInvoice(this.entities.find(Client.class, pairs.get(i)[0]),
						this.entities.find(Debtor.class, pairs.get(i)[1]))
				.issued(LocalDate.of(2024, 1, 1).plusDays(i))
				.amount("1234.56")
				.build();
			this.entities.persist(invoice);
		}
		this.entities.flush();
		long more = queued + pairs.size();
		long newLastPage = (more + QueueController.PAGE_SIZE - 1) / QueueController.PAGE_SIZE;
		List<String> newFirstPage = queuePage(1, QueueController.PAGE_SIZE);
		List<String> newShortPage = queuePage(newLastPage,
				(int) (more - (newLastPage - 1) * QueueController.PAGE_SIZE));
		assertThat(newFirstPage).as("statements of the first page, of 25 clients and debtors").hasSameSizeAs(firstPage);
		assertThat(newShortPage).hasSizeBetween(firstPage.size() - 1, firstPage.size());
	}

	@Test
	void aQueuePageWhoseFlagsAndQuotesAreKeptSendsFewerStatements() throws Exception {
		List<String> computed = queuePage(1, QueueController.PAGE_SIZE);
		List<String> kept = this.counter.statementsOf(
				() -> this.mvc.perform(get("/queue").param("page", "1").with(user("underwriter").roles("UNDERWRITER")))
					.andExpect(status().isOk()));
		print("GET /queue?page=1, kept", kept);
		// the flags and the quotes' facts and books not read: two checks of what is kept
		assertThat(kept).hasSizeLessThan(computed.size())
			.noneMatch((sql) -> sql.contains("DOUBLE_PLEDGING") || sql.contains("open_book("))
			.filteredOn((sql) -> sql.contains("flag_scope_change"))
			.hasSize(2);
	}

	@Test
	void theQueueFilteredByAFlagSendsAsManyStatementsForAnyRowsOnIt() throws Exception {
		List<String> unfiltered = queuePage(1, QueueController.PAGE_SIZE);
		long flagged = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice i WHERE i.status IN ('SUBMITTED', 'VERIFIED')
				AND NOT EXISTS (SELECT 1 FROM bureau_score b WHERE b.debtor_id = i.debtor_id
				                AND b.as_of >= DATE '2026-11-25' - 180)
				""", Long.class);
		List<String> before = filteredPage((int) Math.min(flagged, QueueController.PAGE_SIZE));
		// 30 more invoices with the flag, each of its own client and debtor, none with a
		// bureau reading
		for (long[] pair : distinctClientsAndDebtors(30)) {
			this.jdbc.update("DELETE FROM bureau_score WHERE debtor_id = ?", pair[1]);
			this.entities.persist(Invoices
				.anInvoice(this.entities.find(Client.class, pair[0]), this.entities.find(Debtor.class, pair[1]))
				.issued(LocalDate.of(2024, 1, 1))
				.amount("1234.56")
				.build());
		}
		this.entities.flush();
		List<String> after = filteredPage(QueueController.PAGE_SIZE);
		// the filtered page reads its rows and their total in one statement, in place of
		// the unfiltered page's two
		assertThat(before).hasSizeLessThanOrEqualTo(unfiltered.size());
		assertThat(after).as("statements of a full filtered page").hasSameSizeAs(before);
	}

	@Test
	void theQueueWithEveryFilterSendsNoMoreStatementsThanTheWholeQueue() throws Exception {
		List<String> unfiltered = queuePage(1, QueueController.PAGE_SIZE);
		for (String query : List.of("status=HELD", "status=VERIFIED&grade=B&min=100&max=900000&sort=grade&dir=desc",
				"client=C&debtor=D&grade=C&min=1000&max=50000&flag=STALE_BUREAU&sort=amount",
				"status=SUBMITTED&debtor=a&flag=CROSS_AGED&page=2", "min=abc&grade=Z&status=PAID")) {
			for (boolean htmx : new boolean[] { false, true }) {
				this.kept.forget();
				List<String> statements = this.counter.statementsOf(
						() -> this.mvc
							.perform(get("/queue?" + query).header("HX-Request", Boolean.toString(htmx))
								.with(user("underwriter").roles("UNDERWRITER")))
							.andExpect(status().isOk()));
				print("GET /queue?" + query + (htmx ? " (htmx)" : ""), statements);
				// a filtered page reads its rows and total in one statement (and, asked
				// past
				// its last page, the total once more and the last page)
				assertThat(statements).as("statements of /queue?%s", query)
					.hasSizeLessThanOrEqualTo(unfiltered.size() + 2);
				assertThat(statements).hasSizeLessThanOrEqualTo(BOUND);
			}
		}
	}

	private List<String> filteredPage(int rows) throws Exception {
		this.kept.forget();
		List<String> statements = this.counter.statementsOf(() -> this.mvc
			.perform(get("/queue").param("flag", "STALE_BUREAU").with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect((result) -> assertThat(
					result.getResponse().getContentAsString().split("href=\"/invoices/\\d+\"", -1).length - 1)
				.as("rows on the filtered page")
				.isEqualTo(rows)));
		print("GET /queue?flag=STALE_BUREAU (" + rows + " rows)", statements);
		return statements;
	}

	@Test
	void theInvoicePageSendsAsManyStatementsForANewInvoiceAsForALongHistory() throws Exception {
		long submitted = this.jdbc.queryForObject(
				"SELECT id FROM invoice WHERE status = 'SUBMITTED' ORDER BY submitted_at, id LIMIT 1", Long.class);
		Map<String, Object> busiest = this.jdbc.queryForMap("""
				SELECT i.id,
				       (SELECT COUNT(*) FROM payment_allocation a WHERE a.invoice_id = i.id) AS allocations,
				       (SELECT COUNT(*) FROM credit_note c WHERE c.invoice_id = i.id) AS credits,
				       (SELECT COUNT(*) FROM dispute d WHERE d.invoice_id = i.id) AS disputes,
				       (SELECT COUNT(*) FROM invoice_transition t WHERE t.invoice_id = i.id) AS steps
				FROM invoice i
				ORDER BY (SELECT COUNT(*) FROM payment_allocation a WHERE a.invoice_id = i.id)
				       + (SELECT COUNT(*) FROM credit_note c WHERE c.invoice_id = i.id)
				       + (SELECT COUNT(*) FROM dispute d WHERE d.invoice_id = i.id) DESC, i.id
				LIMIT 1
				""");
		// the busiest invoice has several rows of each list the page shows
		assertThat((Long) busiest.get("allocations") + (Long) busiest.get("credits") + (Long) busiest.get("disputes"))
			.isGreaterThanOrEqualTo(3);
		assertThat((Long) busiest.get("steps")).isGreaterThanOrEqualTo(3);

		List<String> fresh = invoicePage(submitted);
		List<String> longHistory = invoicePage(((Number) busiest.get("id")).longValue());
		assertThat(fresh).hasSizeLessThanOrEqualTo(BOUND);
		assertThat(longHistory).as("statements of an invoice with a long history").hasSameSizeAs(fresh);
	}

	@Test
	void theSchedulePageSendsAsManyStatementsForAnyNumberOfInvoicesOnIt() throws Exception {
		// a schedule of the demo book with invoices in the queue, as it stands
		long scheduleId = this.jdbc.queryForObject("""
				SELECT schedule_id FROM invoice WHERE status = 'SUBMITTED' AND schedule_id IS NOT NULL
				GROUP BY schedule_id ORDER BY COUNT(*), schedule_id LIMIT 1
				""", Long.class);
		Schedule schedule = this.entities.find(Schedule.class, scheduleId);
		long before = this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE schedule_id = ?", Long.class,
				scheduleId);
		List<String> small = schedulePage(scheduleId);
		assertThat(small).hasSizeLessThanOrEqualTo(BOUND);

		// 30 more invoices on it, each on a debtor of its own: the page lists them all
		for (long[] pair : distinctClientsAndDebtors(30)) {
			this.entities.persist(Invoices.anInvoice(schedule.getClient(), this.entities.find(Debtor.class, pair[1]))
				.inSchedule(schedule)
				.issued(LocalDate.of(2026, 11, 10))
				.amount("1234.56")
				.build());
		}
		this.entities.flush();
		List<String> large = schedulePage(scheduleId);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE schedule_id = ?", Long.class, scheduleId))
			.isEqualTo(before + 30);
		assertThat(large).as("statements of a schedule of %d invoices", before + 30).hasSameSizeAs(small);
	}

	@Test
	void theFundingPageSendsAsManyStatementsForAnyNumberOfApprovalsAwaitingFunding() throws Exception {
		List<String> before = fundingPage();
		assertThat(before).hasSizeLessThanOrEqualTo(BOUND);
		// 30 approvals awaiting funding, each of a client and debtor of its own
		for (long[] pair : distinctClientsAndDebtors(30)) {
			this.entities.persist(Invoices
				.anInvoice(this.entities.find(Client.class, pair[0]), this.entities.find(Debtor.class, pair[1]))
				.issued(LocalDate.of(2026, 11, 10))
				.amount("1234.56")
				.approved("1000.00")
				.build());
		}
		this.entities.flush();
		assertThat(fundingPage()).as("statements of the funding page with 30 more approvals").hasSameSizeAs(before);
	}

	private List<String> schedulePage(long id) throws Exception {
		this.kept.forget();
		// both readings start from an empty persistence context, as a request does
		this.entities.clear();
		List<String> statements = this.counter
			.statementsOf(() -> this.mvc.perform(get("/schedules/" + id).with(user("underwriter").roles("UNDERWRITER")))
				.andExpect(status().isOk()));
		print("GET /schedules/" + id, statements);
		return statements;
	}

	private List<String> fundingPage() throws Exception {
		this.kept.forget();
		this.entities.clear();
		List<String> statements = this.counter
			.statementsOf(() -> this.mvc.perform(get("/funding").with(user("manager").roles("MANAGER")))
				.andExpect(status().isOk()));
		print("GET /funding", statements);
		return statements;
	}

	private List<String> queuePage(long page, int rows) throws Exception {
		// computed afresh, as after a change: what another request kept would spare some
		this.kept.forget();
		List<String> statements = this.counter.statementsOf(() -> this.mvc
			.perform(get("/queue").param("page", Long.toString(page)).with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect((result) -> assertThat(
					result.getResponse().getContentAsString().split("href=\"/invoices/\\d+\"", -1).length - 1)
				.as("rows on page %d", page)
				.isEqualTo(rows)));
		print("GET /queue?page=" + page + " (" + rows + " rows)", statements);
		return statements;
	}

	private List<String> invoicePage(long id) throws Exception {
		this.kept.forget();
		List<String> statements = this.counter
			.statementsOf(() -> this.mvc.perform(get("/invoices/" + id).with(user("underwriter").roles("UNDERWRITER")))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("lang=\"en\""))));
		print("GET /invoices/" + id, statements);
		return statements;
	}

	private static void print(String request, List<String> statements) {
		System.out.printf("%s: %d statements%n", request, statements.size());
		statements.forEach((sql) -> System.out.println("  " + sql.replaceAll("\\s+", " ").trim()));
	}

	/**
	 * Pairs of a demo client and a scored demo debtor, no client and no debtor twice
	 * where the book allows (40 clients).
	 */
	private List<long[]> distinctClientsAndDebtors(int count) {
		List<long[]> pairs = new ArrayList<>();
		Set<Long> clients = new HashSet<>();
		Set<Long> debtors = new HashSet<>();
		this.jdbc.query("""
				SELECT DISTINCT i.client_id, i.debtor_id FROM invoice i
				JOIN debtor_current_score r ON r.debtor_id = i.debtor_id
				ORDER BY i.client_id, i.debtor_id
				""", (org.springframework.jdbc.core.RowCallbackHandler) (row) -> {
			long client = row.getLong(1);
			long debtor = row.getLong(2);
			if (pairs.size() < count && !clients.contains(client) && !debtors.contains(debtor)) {
				pairs.add(new long[] { client, debtor });
				clients.add(client);
				debtors.add(debtor);
			}
		});
		assertThat(pairs).hasSize(count);
		return pairs;
	}

}
