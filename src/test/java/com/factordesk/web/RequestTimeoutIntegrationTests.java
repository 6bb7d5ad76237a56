package com.factordesk.web;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The database work of a web request has a time limit
 * ({@code factordesk.database.request-timeout}, here 2 s): an underwriter's approval that
 * waits on an invoice another transaction holds answers 503 within about the limit and
 * changes nothing, instead of holding a thread and a connection for as long as the other
 * transaction lasts. An import ({@code LongRunning}) has the longer limit, and work
 * outside a request none. Nothing is written: the approval is cancelled, the import file
 * is rejected.
 */
@IntegrationTest
@TestPropertySource(
		properties = { "factordesk.database.request-timeout=2s", "factordesk.database.long-request-timeout=30s" })
class RequestTimeoutIntegrationTests {

	private static final long IMPORT_LOCK = 0x0FAC71B0L;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void anApprovalWaitingOnAnInvoiceHeldElsewhereAnswers503InAboutTheLimitAndChangesNothing() throws Exception {
		long invoice = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);
		long decisionsBefore = decisions(invoice);
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("SELECT id FROM invoice WHERE id = " + invoice + " FOR UPDATE");
			long started = System.nanoTime();
			MvcResult result = this.mvc
				.perform(post("/invoices/{id}/approve", invoice).with(user("uw1").roles("UNDERWRITER"))
					.with(csrf())
					.param("amount", "1.00"))
				.andReturn();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			holder.rollback();

			assertThat(result.getResponse().getStatus()).isEqualTo(503);
			assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("5");
			assertThat(result.getResponse().getContentAsString()).contains("The database took too long",
					"nothing was changed");
			assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
		}
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoice))
			.isEqualTo("SUBMITTED");
		assertThat(this.jdbc.queryForObject("SELECT approved_advance FROM invoice WHERE id = ?", BigDecimal.class,
				invoice))
			.isNull();
		assertThat(decisions(invoice)).isEqualTo(decisionsBefore);
	}

	@Test
	void anImportWaitsForTheImportBeforeItLongerThanAPageMay() throws Exception {
		CompletableFuture<Void> released = new CompletableFuture<>();
		CompletableFuture<Void> held = new CompletableFuture<>();
		CompletableFuture<Void> otherImport = CompletableFuture.runAsync(() -> {
			try (Connection holder = this.dataSource.getConnection()) {
				holder.setAutoCommit(false);
				holder.createStatement().execute("SELECT pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
				held.complete(null);
				released.get(20, TimeUnit.SECONDS);
				holder.rollback();
			}
			catch (Exception ex) {
				held.completeExceptionally(ex);
				throw new IllegalStateException(ex);
			}
		});
		held.get(10, TimeUnit.SECONDS);
		CompletableFuture.delayedExecutor(3500, TimeUnit.MILLISECONDS).execute(() -> released.complete(null));
		long started = System.nanoTime();
		MvcResult result = this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", "fd-demo-integration-key")
				.contentType("text/csv")
				.content("client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency\n"
						+ "NO-SUCH-CLIENT,NO-SUCH-DEBTOR,Waiting B.V.,TIMEOUT-1,2026-11-02,2026-12-02,-5.00,EUR\n"))
			.andReturn();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		otherImport.get(20, TimeUnit.SECONDS);

		// it waited out the other import (3.5 s, over the page's 2 s) and then read the
		// file: its row is refused, nothing written
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
		assertThat(result.getResponse().getStatus()).isEqualTo(422);
		assertThat(result.getResponse().getContentAsString()).contains("\"line\":2", "amount");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE number = 'TIMEOUT-1'", Long.class))
			.isZero();
	}

	@Test
	void workOutsideARequestHasNoLimit() throws Exception {
		// a thread of its own, as a scheduled job's: the test's thread is bound to a mock
		// request
		TransactionTemplate template = new TransactionTemplate(this.transactions);
		long started = System.nanoTime();
		Integer slept = CompletableFuture
			.supplyAsync(() -> template
				.execute((status) -> this.jdbc.queryForObject("SELECT 1 FROM pg_sleep(2.5)", Integer.class)))
			.get(20, TimeUnit.SECONDS);
		assertThat(slept).isEqualTo(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
	}

	private long decisions(long invoice) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice_decision WHERE invoice_id = ?", Long.class,
				invoice);
	}

}
