package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.TestDatabase;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.Enforcement;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Underwriters racing each other on real PostgreSQL: 60 threads approve at once against
 * one debtor's credit limit, or one facility's limit, or the same invoice. The limits
 * hold to the cent, every loser gets a refusal that says why (never an error), and the
 * exposure rows equal what the invoices say afterwards. On a database of its own, so the
 * approvals committed here are seen by no other test.
 */
@SpringBootTest(properties = { "spring.profiles.active=production-like", TestDatabase.FRESH + "=true",
		"factordesk.test.context=exposure-races" })
class ExposureRacesIntegrationTests {

	private static final int THREADS = 60;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private RiskScoring scoring;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private jakarta.persistence.EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void sixtyApprovalsAgainstOneDebtorsCreditLimitStopAtTheLimit() throws Exception {
		Client client = client(Money.of("10000000.00"), Enforcement.BLOCK);
		Debtor debtor = debtor();
		List<Long> invoices = invoices(client, List.of(debtor), THREADS);
		Money advance = quotedAdvance(invoices.get(0));
		// room for 20 advances and a half: exactly 20 fit
		Money limit = times(advance, 20).plus(advance.times(Rate.percent("50")));
		creditLimit(debtor, limit);

		Map<String, List<Long>> outcomes = race(invoices, (invoiceId) -> approve(invoiceId));

		assertThat(outcomes.get("APPROVED")).hasSize(20);
		assertThat(outcomes.get("decision.blocked")).hasSize(THREADS - 20);
		assertThat(outcomes).containsOnlyKeys("APPROVED", "decision.blocked");
		assertThat(reserved("debtor_exposure", "debtor_id", debtor.getId())).isEqualTo(times(advance, 20))
			.isLessThanOrEqualTo(limit);
		assertRowsMatchTheBook(client, List.of(debtor));
	}

	@Test
	void sixtyApprovalsOnThreeDebtorsStopAtTheFacilityLimit() throws Exception {
		Client client = client(Money.of("1.00"), Enforcement.BLOCK);
		List<Debtor> debtors = List.of(debtor(), debtor(), debtor());
		List<Long> invoices = invoices(client, debtors, THREADS);
		Money advance = quotedAdvance(invoices.get(0));
		// room for 15 advances and a half across the three debtors
		Money limit = times(advance, 15).plus(advance.times(Rate.percent("50")));
		facilityLimit(client, limit);

		Map<String, List<Long>> outcomes = race(invoices, (invoiceId) -> approve(invoiceId));

		assertThat(outcomes.get("APPROVED")).hasSize(15);
		assertThat(outcomes.get("decision.blocked")).hasSize(THREADS - 15);
		assertThat(reserved("facility_exposure", "client_id", client.getId())).isEqualTo(times(advance, 15));
		assertRowsMatchTheBook(client, debtors);
	}

	@Test
	void underHoldTheLosersWaitWithoutReservingAndNothingExceedsTheLimit() throws Exception {
		Client client = client(Money.of("10000000.00"), Enforcement.HOLD);
		Debtor debtor = debtor();
		List<Long> invoices = invoices(client, List.of(debtor), THREADS);
		Money advance = quotedAdvance(invoices.get(0));
		creditLimit(debtor, times(advance, 25));

		Map<String, List<Long>> outcomes = race(invoices, (invoiceId) -> approve(invoiceId));

		assertThat(outcomes.get("APPROVED")).hasSize(25);
		assertThat(outcomes.get("HELD")).hasSize(THREADS - 25);
		assertThat(reserved("debtor_exposure", "debtor_id", debtor.getId())).isEqualTo(times(advance, 25));
		assertRowsMatchTheBook(client, List.of(debtor));
	}

	@Test
	void sixtyUnderwritersOnOneInvoiceDecideItOnceAndTheOthersAreToldWhoDid() throws Exception {
		Client client = client(Money.of("10000000.00"), Enforcement.BLOCK);
		Debtor debtor = debtor();
		long invoiceId = invoices(client, List.of(debtor), 1).get(0);
		Money advance = quotedAdvance(invoiceId);
		List<Long> sameInvoice = java.util.Collections.nCopies(THREADS, invoiceId);

		Map<String, List<Long>> outcomes = race(sameInvoice, (id) -> approve(id));

		assertThat(outcomes.get("APPROVED")).hasSize(1);
		assertThat(outcomes.get("decision.alreadyDecided")).hasSize(THREADS - 1);
		assertThat(reserved("debtor_exposure", "debtor_id", debtor.getId())).isEqualTo(advance);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice_decision WHERE invoice_id = ?", Long.class,
				invoiceId))
			.isOne();
	}

	private String approve(long invoiceId) {
		return this.underwriting.approve(invoiceId, Optional.empty(), Optional.empty(), null).status().name();
	}

	/**
	 * Runs one action per invoice, each on a thread of its own as another underwriter,
	 * all released at once; groups the invoices by what happened: the status reached or
	 * the refusal's code.
	 */
	private Map<String, List<Long>> race(List<Long> invoiceIds, Function<Long, String> action) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(invoiceIds.size());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> results = new ArrayList<>();
		try {
			for (int i = 0; i < invoiceIds.size(); i++) {
				long invoiceId = invoiceIds.get(i);
				String user = "uw" + i;
				Callable<String> task = () -> {
					SecurityContextHolder.getContext()
						.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
								AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
					start.await();
					try {
						return action.apply(invoiceId);
					}
					catch (BusinessRefusal refusal) {
						return refusal.getCode();
					}
					finally {
						SecurityContextHolder.clearContext();
					}
				};
				results.add(threads.submit(task));
			}
			start.countDown();
			Map<String, List<Long>> outcomes = new java.util.TreeMap<>();
			for (int i = 0; i < results.size(); i++) {
				outcomes.computeIfAbsent(results.get(i).get(2, TimeUnit.MINUTES), (key) -> new ArrayList<>())
					.add(invoiceIds.get(i));
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private Client client(Money facilityLimit, Enforcement enforcement) {
		return this.transactions.execute((status) -> {
			Client client = Clients.aClient()
				.facility(new FacilityTerms(facilityLimit, Rate.percent("80"), null, false, Rate.percent("100")))
				.build();
			client.getFacility().enforce(enforcement);
			this.entities.persist(client);
			return client;
		});
	}

	private Debtor debtor() {
		Debtor debtor = this.transactions.execute((status) -> {
			Debtor saved = Debtors.aDebtor().creditLimit("10000000.00").build();
			this.entities.persist(saved);
			return saved;
		});
		this.scoring.rescore(debtor.getId(), ScoreTrigger.MANUAL);
		return debtor;
	}

	private List<Long> invoices(Client client, List<Debtor> debtors, int count) {
		return this.transactions.execute((status) -> {
			Client managed = this.entities.find(Client.class, client.getId());
			List<Long> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Debtor debtor = this.entities.find(Debtor.class, debtors.get(i % debtors.size()).getId());
				LocalDate today = LocalDate.now(this.clock);
				Invoice invoice = Invoices.anInvoice(managed, debtor)
					.issued(today.minusDays(2))
					.due(today.plusDays(28))
					.amount("1000.00")
					.build();
				this.entities.persist(invoice);
				this.entities.flush();
				ids.add(invoice.getId());
			}
			return ids;
		});
	}

	private Money quotedAdvance(long invoiceId) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("reader", "n/a",
					AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
		Money advance = this.quotes.quote(invoiceId).orElseThrow().quote().advance();
		SecurityContextHolder.clearContext();
		assertThat(advance.isPositive()).as("a priced invoice").isTrue();
		return advance;
	}

	private void creditLimit(Debtor debtor, Money limit) {
		this.transactions.executeWithoutResult(
				(status) -> this.entities.find(Debtor.class, debtor.getId()).setCreditLimit(limit, null));
	}

	private void facilityLimit(Client client, Money limit) {
		this.transactions.executeWithoutResult(
				(status) -> this.entities.find(Client.class, client.getId()).getFacility().setLimit(limit));
	}

	private Money reserved(String table, String key, long id) {
		return Money.of(this.jdbc.queryForObject("SELECT reserved FROM " + table + " WHERE " + key + " = ?",
				BigDecimal.class, id));
	}

	private static Money times(Money amount, int count) {
		return Money.of(amount.amount().multiply(BigDecimal.valueOf(count)));
	}

	private void assertRowsMatchTheBook(Client client, List<Debtor> debtors) {
		LocalDate today = LocalDate.now(this.clock);
		for (Debtor debtor : debtors) {
			assertThat(reserved("debtor_exposure", "debtor_id", debtor.getId()).amount()).isEqualByComparingTo(this.jdbc
				.queryForObject("SELECT COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE debtor_id = ?",
						BigDecimal.class, today, debtor.getId()));
		}
		assertThat(reserved("facility_exposure", "client_id", client.getId()).amount()).isEqualByComparingTo(
				this.jdbc.queryForObject("SELECT COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE client_id = ?",
						BigDecimal.class, today, client.getId()));
		Map<String, Long> statuses = this.jdbc
			.queryForList("SELECT status FROM invoice WHERE client_id = ?", String.class, client.getId())
			.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(statuses).doesNotContainKey("FUNDED");
	}

}
