package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rebate runs for one client at the same moment, on real PostgreSQL with committed
 * transactions: the rebate due is paid once, by one run, and the other is refused because
 * nothing is left. The client and its ledger stay (the ledger is append-only): a client
 * of its own each time.
 */
@IntegrationTest
class RebateRaceIntegrationTests {

	@Autowired
	private RebateRuns rebateRuns;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void twoRunsAtOncePayTheRebateOnce() throws Exception {
		Client client = this.transactions.execute((status) -> {
			Client created = Clients.aClient().named("Rebate Race B.V.").build();
			this.entities.persist(created);
			this.entities.flush();
			// 250.00 due: a reserve of 300.00 less a fee of 49.99 and a dilution of 0.01
			book(created.getId(), ReserveEntryKind.RESERVE_CREATED, "300.00");
			book(created.getId(), ReserveEntryKind.FEE, "49.99");
			book(created.getId(), ReserveEntryKind.DILUTION, "0.01");
			return created;
		});
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Future<Object> first = threads.submit(pay(start, client.getRef(), "uw1"));
			Future<Object> second = threads.submit(pay(start, client.getRef(), "uw2"));
			start.countDown();
			List<Object> results = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

			assertThat(results).filteredOn(RebateRun.class::isInstance)
				.singleElement()
				.satisfies((run) -> assertThat(((RebateRun) run).getTotal()).isEqualTo(Money.of("250.00")));
			assertThat(results).filteredOn(BusinessRefusal.class::isInstance)
				.singleElement()
				.satisfies((refusal) -> assertThat(((BusinessRefusal) refusal).getCode()).isEqualTo("rebate.nothing"));
		}
		finally {
			threads.shutdown();
			assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rebate_run WHERE client_id = ?", Long.class,
				client.getId()))
			.isOne();
		assertThat(this.jdbc.queryForObject(
				"SELECT SUM(amount) FROM reserve_entry WHERE client_id = ? AND kind = 'REBATE_PAID'", BigDecimal.class,
				client.getId()))
			.isEqualByComparingTo("-250.00");
		assertThat(this.jdbc.queryForObject("SELECT SUM(amount) FROM reserve_entry WHERE client_id = ?",
				BigDecimal.class, client.getId()))
			.isEqualByComparingTo("0.00");
	}

	private void book(long clientId, ReserveEntryKind kind, String amount) {
		this.ledger.book(clientId, kind, Money.of(amount), LocalDate.of(2026, 11, 2),
				new ReserveEntry.Source(null, null, null, null), "race " + kind);
	}

	private Callable<Object> pay(CountDownLatch start, String clientRef, String underwriter) {
		return () -> {
			start.await();
			CommittedBook.as(underwriter);
			try {
				return this.rebateRuns.pay(clientRef);
			}
			catch (BusinessRefusal ex) {
				return ex;
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		};
	}

}
