package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Enforcement;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import com.factordesk.shared.BusinessRefusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Funding runs racing each other and racing approvals, on real PostgreSQL with committed
 * transactions: every invoice is funded exactly once, each run pays exactly its advances,
 * and the facility's and the debtor's exposure rows equal what exposure_book(today) adds
 * up afterwards. The client, its debtor and their invoices are removed after each test.
 */
@IntegrationTest
class FundingRaceIntegrationTests {

	/**
	 * 12 invoices of 5,000.00, each approved at its quoted advance (at most 80 %:
	 * 4,000.00; at most 48,000.00 in all, under the four-eyes threshold).
	 */
	private static final int INVOICES = 12;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private FundingRuns fundingRuns;

	@Autowired
	private JdbcTemplate jdbc;

	private CommittedBook book;

	private ExecutorService threads;

	@BeforeEach
	void aBookOfItsOwn() {
		this.book = new CommittedBook(this.context).create(INVOICES);
		this.threads = Executors.newFixedThreadPool(8);
	}

	@AfterEach
	void removeIt() throws InterruptedException {
		this.threads.shutdown();
		assertThat(this.threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		SecurityContextHolder.clearContext();
		this.book.remove();
	}

	@Test
	void twoRunsForTheSameClientAtOnceFundEachInvoiceOnce() throws Exception {
		List<Long> ids = this.book.invoiceIds();
		ids.forEach((id) -> this.book.approve(id, "uw1"));
		CountDownLatch start = new CountDownLatch(1);
		// one underwriter funds them all, another the first half, at the same moment
		Future<Object> all = this.threads.submit(run(start, "uw1", FundClient.all(this.book.clientRef())));
		Future<Object> half = this.threads
			.submit(run(start, "uw2", FundClient.selected(this.book.clientRef(), Set.copyOf(ids.subList(0, 6)))));
		start.countDown();
		List<Object> results = List.of(all.get(60, TimeUnit.SECONDS), half.get(60, TimeUnit.SECONDS));

		List<FundingOutcome> runs = results.stream()
			.filter(FundingOutcome.class::isInstance)
			.map(FundingOutcome.class::cast)
			.toList();
		assertThat(runs).as("at least one run funds").isNotEmpty();
		// a run that found nothing left is refused, not made
		results.stream()
			.filter(BusinessRefusal.class::isInstance)
			.forEach((refusal) -> assertThat(((BusinessRefusal) refusal).getCode()).isEqualTo("funding.nothing"));
		assertFundedOnceEach(Set.copyOf(ids), runs);
		this.book.assertRowsMatchTheBook();
	}

	@Test
	void approvalsRacingAFundingRunAreFundedOnceEachByItOrByTheNext() throws Exception {
		List<Long> ids = this.book.invoiceIds();
		ids.subList(0, 6).forEach((id) -> this.book.approve(id, "uw1"));
		CountDownLatch start = new CountDownLatch(1);
		Future<Object> fund = this.threads.submit(run(start, "uw1", FundClient.all(this.book.clientRef())));
		List<Future<Object>> approvals = new ArrayList<>();
		for (long id : ids.subList(6, INVOICES)) {
			approvals.add(this.threads.submit(() -> {
				start.await();
				CommittedBook.as("uw2");
				this.book.approve(id, "uw2");
				return id;
			}));
		}
		start.countDown();
		FundingOutcome first = (FundingOutcome) fund.get(60, TimeUnit.SECONDS);
		for (Future<Object> approval : approvals) {
			approval.get(60, TimeUnit.SECONDS);
		}

		// the run funded the 6 approved before it and any of the racing ones it saw
		assertThat(first.funded()).hasSizeBetween(6, INVOICES);
		Map<String, Object> afterFirst = this.jdbc.queryForMap("""
				SELECT COUNT(*) FILTER (WHERE status = 'FUNDED') AS funded,
				       COUNT(*) FILTER (WHERE status = 'APPROVED') AS approved
				FROM invoice WHERE client_id = ?
				""", this.book.clientId());
		assertThat(((Number) afterFirst.get("funded")).intValue()).isEqualTo(first.funded().size());
		assertThat(((Number) afterFirst.get("funded")).intValue() + ((Number) afterFirst.get("approved")).intValue())
			.isEqualTo(INVOICES);
		this.book.assertRowsMatchTheBook();

		// the next run funds what the first did not see
		List<FundingOutcome> runs = new ArrayList<>(List.of(first));
		if (first.funded().size() < INVOICES) {
			CommittedBook.as("uw1");
			runs.add(this.fundingRuns.fund(FundClient.all(this.book.clientRef())));
		}
		assertFundedOnceEach(Set.copyOf(ids), runs);
		this.book.assertRowsMatchTheBook();
	}

	@Test
	void sixtyApprovalsAndSixFundingRunsAtOnceNeverPassTheLimitsAndFundEachInvoiceOnce() throws Exception {
		CommittedBook big = new CommittedBook(this.context);
		ExecutorService many = Executors.newFixedThreadPool(24);
		try {
			big.create(60);
			List<Long> ids = big.invoiceIds();
			CommittedBook.as("setup.underwriter");
			Money advance = this.context.getBean(InvoiceQuotes.class).quote(ids.get(0)).orElseThrow().quote().advance();
			// room for 25 advances on the facility (blocking over it) and 30 on the
			// debtor
			Money facilityLimit = times(advance, 25).plus(advance.times(Rate.percent("50")));
			Money creditLimit = times(advance, 30).plus(advance.times(Rate.percent("50")));
			TransactionTemplate transactions = this.context.getBean(TransactionTemplate.class);
			EntityManager entities = this.context.getBean(EntityManager.class);
			transactions.executeWithoutResult((status) -> {
				Client client = entities.find(Client.class, big.clientId());
				client.getFacility().setLimit(facilityLimit);
				client.getFacility().enforce(Enforcement.BLOCK);
				entities.find(Debtor.class, big.debtorId()).setCreditLimit(creditLimit, null);
			});

			CountDownLatch start = new CountDownLatch(1);
			List<Future<Object>> approvals = new ArrayList<>();
			List<Future<Object>> runs = new ArrayList<>();
			for (int i = 0; i < ids.size(); i++) {
				long id = ids.get(i);
				String underwriter = "uw" + (i % 6);
				approvals.add(many.submit(() -> {
					start.await();
					CommittedBook.as(underwriter);
					try {
						return this.context.getBean(Underwriting.class)
							.approve(id, Optional.empty(), Optional.empty(), "race")
							.status();
					}
					catch (BusinessRefusal refusal) {
						return refusal;
					}
					finally {
						SecurityContextHolder.clearContext();
					}
				}));
				if (i % 10 == 5) {
					runs.add(many.submit(run(start, "funder" + i, FundClient.all(big.clientRef()))));
				}
			}
			start.countDown();
			int approved = 0;
			for (Future<Object> approval : approvals) {
				Object result = approval.get(120, TimeUnit.SECONDS);
				if (result instanceof BusinessRefusal refusal) {
					// the loser is told which limit and by how much
					assertThat(refusal.getCode()).isEqualTo("decision.blocked");
					assertThat(refusal.getMessage()).contains("would take FACILITY_LIMIT to")
						.contains("the facility blocks approvals over a limit");
				}
				else {
					assertThat(result).isEqualTo(InvoiceStatus.APPROVED);
					approved++;
				}
			}
			List<FundingOutcome> funded = new ArrayList<>();
			for (Future<Object> run : runs) {
				if (run.get(120, TimeUnit.SECONDS) instanceof FundingOutcome outcome) {
					funded.add(outcome);
				}
			}
			assertThat(approved).as("approvals the facility had room for").isEqualTo(25);
			big.assertRowsMatchTheBook();
			Map<String, Object> facility = this.jdbc.queryForMap(
					"SELECT funded + reserved AS total FROM facility_exposure WHERE client_id = ?", big.clientId());
			assertThat((BigDecimal) facility.get("total")).isLessThanOrEqualTo(facilityLimit.amount())
				.isEqualByComparingTo(times(advance, 25).amount());
			assertThat(this.jdbc.queryForObject("SELECT funded + reserved FROM debtor_exposure WHERE debtor_id = ?",
					BigDecimal.class, big.debtorId()))
				.isLessThanOrEqualTo(creditLimit.amount());
			// what the racing runs did not fund, a last run does; each approved invoice
			// once
			CommittedBook.as("funder");
			if (this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE client_id = ? AND status = 'APPROVED'",
					Long.class, big.clientId()) > 0) {
				funded.add(this.fundingRuns.fund(FundClient.all(big.clientRef())));
			}
			Set<String> fundedNumbers = new HashSet<>();
			funded.forEach((run) -> run.funded()
				.forEach((invoice) -> assertThat(fundedNumbers.add(invoice)).as("invoice %s funded once", invoice)
					.isTrue()));
			assertThat(fundedNumbers).hasSize(25);
			assertThat(this.jdbc.queryForObject("""
					SELECT COUNT(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id WHERE i.client_id = ?
					""", Long.class, big.clientId())).isEqualTo(25);
			big.assertRowsMatchTheBook();
		}
		finally {
			// the workers stopped first, then the book removed whatever happened
			many.shutdownNow();
			boolean stopped = many.awaitTermination(60, TimeUnit.SECONDS);
			SecurityContextHolder.clearContext();
			big.remove();
			assertThat(stopped).as("the racing threads stopped").isTrue();
		}
	}

	private static Money times(Money amount, int count) {
		return Money.of(amount.amount().multiply(BigDecimal.valueOf(count)));
	}

	private Callable<Object> run(CountDownLatch start, String underwriter, FundClient command) {
		return () -> {
			start.await();
			CommittedBook.as(underwriter);
			try {
				return this.fundingRuns.fund(command);
			}
			catch (BusinessRefusal ex) {
				return ex;
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		};
	}

	/**
	 * Every invoice is funded, by exactly one advance (the one approved; advance +
	 * reserve = face) in exactly one of the runs, and each run's total and count are its
	 * advances'.
	 */
	private void assertFundedOnceEach(Set<Long> ids, List<FundingOutcome> runs) {
		assertThat(this.jdbc.queryForList("SELECT status FROM invoice WHERE client_id = ?", String.class,
				this.book.clientId()))
			.hasSize(ids.size())
			.containsOnly("FUNDED");
		List<Map<String, Object>> advances = this.jdbc.queryForList("""
				SELECT a.invoice_id, a.amount, a.reserve, a.funding_run_id,
				       (SELECT d.advance FROM invoice_decision d WHERE d.invoice_id = a.invoice_id
				        AND d.kind = 'APPROVE') AS approved
				FROM advance a JOIN invoice i ON i.id = a.invoice_id WHERE i.client_id = ?
				""", this.book.clientId());
		assertThat(advances).hasSize(ids.size());
		assertThat(advances.stream().map((row) -> ((Number) row.get("invoice_id")).longValue()).toList())
			.containsExactlyInAnyOrderElementsOf(ids);
		advances.forEach((row) -> {
			// the advance approved, and the rest of the 5,000.00 face kept as the reserve
			assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo((BigDecimal) row.get("approved"));
			assertThat(((BigDecimal) row.get("amount")).add((BigDecimal) row.get("reserve")))
				.isEqualByComparingTo(CommittedBook.FACE);
		});
		Set<Long> runIds = new HashSet<>();
		int funded = 0;
		for (FundingOutcome run : runs) {
			runIds.add(run.runId());
			funded += run.funded().size();
			Map<String, Object> row = this.jdbc.queryForMap("""
					SELECT r.total, r.invoice_count, r.client_id, COALESCE(SUM(a.amount), 0) AS advances,
					       COUNT(a.id) AS advance_count
					FROM funding_run r LEFT JOIN advance a ON a.funding_run_id = r.id
					WHERE r.id = ? GROUP BY r.id
					""", run.runId());
			assertThat((BigDecimal) row.get("total")).isEqualByComparingTo((BigDecimal) row.get("advances"))
				.isEqualByComparingTo(run.total());
			assertThat(((Number) row.get("invoice_count")).intValue())
				.isEqualTo(((Number) row.get("advance_count")).intValue())
				.isEqualTo(run.funded().size());
			assertThat(((Number) row.get("client_id")).longValue()).isEqualTo(this.book.clientId());
		}
		assertThat(funded).as("invoices funded by the runs, each once").isEqualTo(ids.size());
		assertThat(this.jdbc.queryForList("SELECT id FROM funding_run WHERE client_id = ?", Long.class,
				this.book.clientId()))
			.containsExactlyInAnyOrderElementsOf(runIds);
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice_decision d JOIN invoice i ON i.id = d.invoice_id
				WHERE i.client_id = ? AND d.kind = 'FUND'
				""", Long.class, this.book.clientId())).as("one FUND decision per invoice").isEqualTo(ids.size());
	}

}
