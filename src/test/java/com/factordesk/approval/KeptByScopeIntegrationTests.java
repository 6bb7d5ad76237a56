package com.factordesk.approval;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.factordesk.IntegrationTest;
import com.factordesk.invoice.InvoiceDebtors;
import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.pricing.Quote;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept flags and quotes (V062, {@link KeptByScope}): a page's flags and quotes are
 * read again from what was computed while nothing their client or debtor depends on
 * changed, and computed afresh after a committed change, whatever the order in which
 * concurrent writers commit; what a transaction that wrote read is never kept; every
 * table the flags statement reads, and the pricing tables, are watched. Committed data of
 * its own (a client, a debtor, two queued invoices of 5,000.00 quoted at 80 %: an advance
 * of 4,000.00 each), removed afterwards.
 */
@IntegrationTest
@WithMockUser(roles = "UNDERWRITER")
class KeptByScopeIntegrationTests {

	/**
	 * Tables the flags read that are kept from watched ones by triggers (V056, V059,
	 * V060): a change of theirs follows a change of what they are kept from.
	 */
	private static final Set<String> KEPT_FROM_WATCHED = Set.of("pair_book", "pair_book_change",
			"client_reserve_balance", "client_reserve_balance_change", "client_reserve_held",
			"client_reserve_held_change");

	@Autowired
	private ApplicationContext context;

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private QueueQuotes quotes;

	@Autowired
	private KeptByScope kept;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private InvoiceDebtors debtors;

	@Autowired
	private EventRescoring rescoring;

	private CommittedBook book;

	private long invoice;

	@BeforeEach
	void createBook() {
		this.book = new CommittedBook(this.context).create(2);
		this.invoice = this.book.invoiceIds().get(0);
		// the re-scores the new invoice asked for change the debtor: done before anything
		// is kept
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
	}

	@AfterEach
	void removeBook() {
		this.jdbc.update("DELETE FROM notice_of_assignment WHERE client_id = ?", this.book.clientId());
		this.book.remove();
	}

	@Test
	void keptFlagsAreReadAgainUntilTheDebtorOrTheClientChanges() {
		// both invoices' flags computed and kept
		assertThat(this.flags.of(this.book.invoiceIds()).values()).hasSize(2)
			.allSatisfy((flags) -> assertThat(flags).extracting(Flag::code)
				.doesNotContain(FlagCode.OVER_CREDIT_LIMIT, FlagCode.OVER_FACILITY));
		// written with the watching trigger off: the kept flags, which did not see it,
		// are
		// read again as they were
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE debtor DISABLE TRIGGER debtor_flags_updated");
			this.jdbc.update("UPDATE debtor SET credit_limit = 100.00 WHERE id = ?", this.book.debtorId());
			this.jdbc.execute("ALTER TABLE debtor ENABLE TRIGGER debtor_flags_updated");
		});
		assertThat(codes()).as("kept").doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
		assertThat(this.flags.of(this.book.invoiceIds()).values()).as("both kept")
			.allSatisfy((flags) -> assertThat(flags).extracting(Flag::code).doesNotContain(FlagCode.OVER_CREDIT_LIMIT));
		// the same limit written again, watched: 4,000.00 over a limit of 100.00
		committed("UPDATE debtor SET credit_limit = 100.00 WHERE id = ?", this.book.debtorId());
		assertThat(codes()).contains(FlagCode.OVER_CREDIT_LIMIT).doesNotContain(FlagCode.OVER_FACILITY);
		// the client's facility lowered to 1,000.00
		committed("UPDATE facility SET facility_limit = 1000.00 WHERE client_id = ?", this.book.clientId());
		assertThat(codes()).contains(FlagCode.OVER_CREDIT_LIMIT, FlagCode.OVER_FACILITY);
		// a notification facility without a notice for this debtor, then the notice
		committed("UPDATE facility SET notification = TRUE WHERE client_id = ?", this.book.clientId());
		assertThat(codes()).contains(FlagCode.NO_NOTICE);
		committed("""
				INSERT INTO notice_of_assignment (client_id, debtor_id, sent_on, reference, recorded_by, recorded_at)
				VALUES (?, ?, DATE '2026-11-20', 'NOA-1', 'tester', now())""", this.book.clientId(),
				this.book.debtorId());
		assertThat(codes()).doesNotContain(FlagCode.NO_NOTICE);
	}

	@Test
	void keptQuotesAreReadAgainUntilTheInvoiceChanges() {
		Quote first = quote();
		assertThat(first.advance()).isEqualTo(Money.of("5000.00").times(first.advanceRate()));
		// the face raised to 6,000.00 with the watching trigger off: the kept quote is
		// read
		// again as it was
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE invoice DISABLE TRIGGER invoice_flags_updated");
			this.jdbc.update("UPDATE invoice SET amount = 6000.00 WHERE id = ?", this.invoice);
			this.jdbc.execute("ALTER TABLE invoice ENABLE TRIGGER invoice_flags_updated");
		});
		assertThat(quote()).as("kept").isEqualTo(first);
		// written again, watched: the quote of 6,000.00
		committed("UPDATE invoice SET amount = 6000.00 WHERE id = ?", this.invoice);
		Quote second = quote();
		assertThat(second.advance()).isEqualTo(Money.of("6000.00").times(second.advanceRate()))
			.isNotEqualTo(first.advance());
	}

	@Test
	void aChangeOfATransactionRunningWhenTheFlagsWereComputedIsSeenOnceItCommitsWhateverTheOrder() throws Exception {
		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			try (Statement limit = first.createStatement(); Statement bureau = second.createStatement()) {
				// the first writer starts, the second starts after it and commits first
				limit.executeUpdate("UPDATE debtor SET credit_limit = 100.00 WHERE id = " + this.book.debtorId());
				bureau.executeUpdate("INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES ("
						+ this.book.debtorId() + ", 'GRAYDON', 81, DATE '2026-11-24')");
				second.commit();
				assertThat(codes()).as("computed and kept while the first is running")
					.doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
				assertThat(codes()).doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
				first.commit();
			}
			finally {
				first.rollback();
				second.rollback();
			}
		}
		assertThat(codes()).as("after the first commits").contains(FlagCode.OVER_CREDIT_LIMIT);
	}

	@Test
	void aDisputeWrittenWhileItsInvoiceMovesToAnotherDebtorMarksTheNewDebtor() throws Exception {
		long other = this.jdbc.queryForObject("SELECT MIN(id) FROM debtor WHERE id <> ?", Long.class,
				this.book.debtorId());
		CountDownLatch moved = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> merge = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.debtors.move(this.book.debtorId(), other);
				moved.countDown();
				await(release);
			}));
		try {
			assertThat(moved.await(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Long> dispute = CompletableFuture
				.supplyAsync(() -> this.transactions.execute((status) -> {
					this.jdbc.update("INSERT INTO dispute (invoice_id, reason, opened_on, amount) "
							+ "VALUES (?, 'PRICE', DATE '2026-11-24', 10.00)", this.invoice);
					return this.jdbc.queryForObject("SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)",
							Long.class);
				}));
			Thread.sleep(500);
			assertThat(dispute).as("waits for the move").isNotDone();
			release.countDown();
			merge.get(30, TimeUnit.SECONDS);
			long xid = dispute.get(30, TimeUnit.SECONDS);
			assertThat(this.jdbc.queryForList(
					"SELECT debtor_id FROM flag_scope_change WHERE xid = CAST(CAST(? AS TEXT) AS XID8)", Long.class,
					xid))
				.as("the debtor the invoice moved to")
				.containsExactly(other);
		}
		finally {
			release.countDown();
			merge.get(30, TimeUnit.SECONDS);
			this.jdbc.update("DELETE FROM dispute WHERE invoice_id = ?", this.invoice);
			this.jdbc.update("UPDATE invoice SET debtor_id = ? WHERE id = ?", this.book.debtorId(), this.invoice);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void flagsReadByATransactionThatWroteAreNotKept() {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("UPDATE debtor SET credit_limit = 100.00 WHERE id = ?", this.book.debtorId());
			assertThat(codes()).contains(FlagCode.OVER_CREDIT_LIMIT);
			status.setRollbackOnly();
		});
		assertThat(codes()).as("after the rollback").doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
	}

	@Test
	void theCompactionDeletesOnlyChangesEveryKeptSnapshotSees() {
		long xid = this.transactions.execute((status) -> {
			this.jdbc.update("UPDATE debtor SET credit_limit = 100.00 WHERE id = ?", this.book.debtorId());
			return this.jdbc.queryForObject("SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)", Long.class);
		});
		assertThat(changes(xid)).isOne();
		// the horizons of the last minutes are too recent for it
		this.kept.compact();
		assertThat(changes(xid)).as("kept within the keeping time").isOne();
		// a horizon taken long ago: the change is deleted when it had ended by then, kept
		// when it was still running; each tried in a transaction rolled back
		this.transactions.executeWithoutResult((status) -> {
			horizonLongAgo(xid + 1);
			this.kept.compact();
			assertThat(changes(xid)).as("ended before the horizon").isZero();
			status.setRollbackOnly();
		});
		this.transactions.executeWithoutResult((status) -> {
			horizonLongAgo(xid);
			this.kept.compact();
			assertThat(changes(xid)).as("running at the horizon").isOne();
			status.setRollbackOnly();
		});
		assertThat(changes(xid)).isOne();
		assertThat(codes()).contains(FlagCode.OVER_CREDIT_LIMIT);

		// a kept value whose snapshot is older than what a compaction deleted is computed
		// afresh: the limit restored unwatched is seen once the compaction passed it
		long unwatched = this.transactions.execute((status) -> {
			this.jdbc.execute("ALTER TABLE debtor DISABLE TRIGGER debtor_flags_updated");
			this.jdbc.update("UPDATE debtor SET credit_limit = 5000000.00 WHERE id = ?", this.book.debtorId());
			this.jdbc.execute("ALTER TABLE debtor ENABLE TRIGGER debtor_flags_updated");
			return this.jdbc.queryForObject("SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)", Long.class);
		});
		assertThat(codes()).as("kept").contains(FlagCode.OVER_CREDIT_LIMIT);
		try {
			horizonLongAgo(unwatched + 1);
			this.kept.compact();
			assertThat(changes(xid)).as("deleted").isZero();
			assertThat(codes()).as("computed afresh").doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
		}
		finally {
			this.jdbc.update("DELETE FROM flag_scope_horizon WHERE taken_at < now() - INTERVAL '12 hours'");
		}
	}

	private void horizonLongAgo(long oldestRunning) {
		this.jdbc.update("INSERT INTO flag_scope_horizon (taken_at, oldest_running) "
				+ "VALUES (now() - INTERVAL '1 day', CAST(CAST(? AS TEXT) AS XID8))", oldestRunning);
	}

	@Test
	void everyTableTheFlagsAndQuotesReadIsWatched() {
		Set<String> read = WatchedTables.readBy(this.jdbc, InvoiceFlags.flagged("TRUE"));
		assertThat(read).contains("invoice", "payment_allocation", "risk_score", "debtor_exposure", "related_party",
				"pair_book");
		read.removeAll(KEPT_FROM_WATCHED);
		// and what the quotes read beside them
		read.addAll(List.of("pricing_band_set", "pricing_band", "pricing_parameter_set"));
		WatchedTables.assertWatched(this.jdbc, read);
	}

	private Quote quote() {
		return this.quotes.of(List.of(this.invoice)).get(this.invoice).quote();
	}

	private List<FlagCode> codes() {
		return this.flags.of(this.invoice).stream().map(Flag::code).toList();
	}

	private void committed(String sql, Object... arguments) {
		this.transactions.executeWithoutResult((status) -> this.jdbc.update(sql, arguments));
	}

	private int changes(long xid) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM flag_scope_change WHERE debtor_id = ? AND xid = CAST(CAST(? AS TEXT) AS XID8)",
				Integer.class, this.book.debtorId(), xid);
	}

}
