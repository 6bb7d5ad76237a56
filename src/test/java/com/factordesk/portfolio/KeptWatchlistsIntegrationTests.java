package com.factordesk.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.CommittedBook;
import com.factordesk.approval.WatchedTables;
import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept watchlists (V067, {@link KeptWatchlists}): the list of a scope is read again
 * from what was computed while none of its debtors changed, and each debtor that changed
 * since is computed afresh; a change of everything computes the whole list again; what a
 * transaction that wrote read is never kept; the list merged from a kept one is the list
 * computed afresh; every table the list reads is watched. Committed data of its own: a
 * client and a debtor with two submitted invoices of 5,000.00, whose approvals at 80 %
 * reserve 4,000.00 each; removed afterwards.
 */
@IntegrationTest
class KeptWatchlistsIntegrationTests {

	/**
	 * The change log itself.
	 */
	private static final Set<String> NOT_WATCHED = Set.of("flag_scope_change", "flag_scope_compacted");

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ExposureQueries queries;

	@Autowired
	private KeptWatchlists watchlists;

	@Autowired
	private PortfolioScopes scopes;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private EventRescoring rescoring;

	@Autowired
	private Clock clock;

	@Autowired
	private DataSource dataSource;

	private CommittedBook book;

	private long debtorId;

	private String debtorRef;

	@BeforeEach
	void createBook() {
		this.book = new CommittedBook(this.context).create(2);
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
		this.debtorId = this.jdbc.queryForObject("SELECT debtor_id FROM invoice WHERE id = ?", Long.class,
				this.book.invoiceIds().get(0));
		this.debtorRef = this.jdbc.queryForObject("SELECT ref FROM debtor WHERE id = ?", String.class, this.debtorId);
	}

	@AfterEach
	void removeBook() {
		this.watchlists.forget();
		this.book.remove();
		SecurityContextHolder.clearContext();
	}

	@Test
	void theKeptListIsReadAgainUntilOneOfItsDebtorsChanges() {
		// a credit limit of 4,400.00: within 10 % of it is 3,960.00 or more
		committed("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
		// nothing funded, nothing approved: the debtor has nothing open, not on the list
		assertThat(clientsList()).isEmpty();
		// one approval reserves 4,000.00: its decision and exposure row change the debtor
		approve(0, "uw.one");
		assertThat(clientsList()).singleElement().satisfies((watched) -> {
			assertThat(watched.ref()).isEqualTo(this.debtorRef);
			assertThat(watched.nearLimit()).isTrue();
			assertThat(watched.exposure()).isEqualTo(Money.of("4000.00"));
			assertThat(watched.limit()).isEqualTo(Money.of("4400.00"));
			assertThat(watched.limitKind()).isEqualTo("CREDIT");
		});
		// the limit raised to 100,000.00 with the watching trigger off: the kept list,
		// which cannot see it, is read again as it was
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE debtor DISABLE TRIGGER debtor_flags_updated");
			this.jdbc.update("UPDATE debtor SET credit_limit = 100000.00 WHERE id = ?", this.debtorId);
			this.jdbc.execute("ALTER TABLE debtor ENABLE TRIGGER debtor_flags_updated");
		});
		assertThat(clientsList()).as("kept").extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
		// written again, watched: 4,000.00 is 4 % of 100,000.00
		committed("UPDATE debtor SET credit_limit = 100000.00 WHERE id = ?", this.debtorId);
		assertThat(clientsList()).isEmpty();
		// the second approval: 8,000.00 of 100,000.00, still off the list
		approve(1, "uw.two");
		assertThat(clientsList()).isEmpty();
		// 8,000.00 of 8,500.00 is 94 %
		committed("UPDATE debtor SET credit_limit = 8500.00 WHERE id = ?", this.debtorId);
		assertThat(clientsList()).singleElement().satisfies((watched) -> {
			assertThat(watched.exposure()).isEqualTo(Money.of("8000.00"));
			assertThat(watched.limit()).isEqualTo(Money.of("8500.00"));
		});
	}

	@Test
	void aChangeOfEverythingComputesTheWholeListAgain() {
		approve(0, "uw.one");
		assertThat(clientsList()).isEmpty();
		// unwatched: not seen by the kept list
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("ALTER TABLE debtor DISABLE TRIGGER debtor_flags_updated");
			this.jdbc.update("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
			this.jdbc.execute("ALTER TABLE debtor ENABLE TRIGGER debtor_flags_updated");
		});
		assertThat(clientsList()).as("kept").isEmpty();
		// a client renamed is a change of everything (its name is in every debtor's
		// double-pledging flag, V062): the whole list is computed again
		committed("UPDATE client SET legal_name = legal_name || ' (renamed)' WHERE ref = ?", this.book.clientRef());
		assertThat(clientsList()).extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
	}

	@Test
	void aListReadByATransactionThatWroteIsNotKept() {
		approve(0, "uw.one");
		assertThat(clientsList()).isEmpty();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
			// its own change is seen
			assertThat(clientsList()).extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
			status.setRollbackOnly();
		});
		// rolled back: the change is gone, and so is what was read with it
		assertThat(clientsList()).isEmpty();
	}

	@Test
	void theWholeBooksListMergedFromAKeptOneIsTheListComputedAfresh() {
		LocalDate today = LocalDate.now(this.clock);
		asManager();
		PortfolioScope book = this.scopes.resolve(today, null, null);
		List<ExposureView.Watched> before = this.queries.watchlist(book);
		assertThat(before).extracting(ExposureView.Watched::ref).doesNotContain(this.debtorRef);
		approve(0, "uw.one");
		committed("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
		asManager();
		List<ExposureView.Watched> merged = this.queries.watchlist(book);
		assertThat(merged).hasSize(before.size() + 1).extracting(ExposureView.Watched::ref).contains(this.debtorRef);
		this.watchlists.forget();
		assertThat(this.queries.watchlist(book)).isEqualTo(merged);
	}

	@Test
	void theDebtorsChangedSinceASnapshotAreThoseWrittenAfterIt() {
		String kept = this.jdbc.queryForObject(
				"SELECT CAST(pg_current_snapshot() AS text) || '@' || CAST(pg_postmaster_start_time() AS text)",
				String.class);
		assertThat(changedSince(kept)).doesNotContain(this.debtorId);
		committed("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
		assertThat(changedSince(kept)).contains(this.debtorId).doesNotContainNull();
		// the same snapshot from another server: it cannot tell (a row without a debtor)
		assertThat(changedSince(kept.substring(0, kept.indexOf('@')) + "@another")).contains((Long) null);
	}

	@Test
	void aChangeOfATransactionRunningWhenTheListWasComputedIsSeenOnceItCommits() throws Exception {
		approve(0, "uw.one");
		try (Connection writer = this.dataSource.getConnection()) {
			writer.setAutoCommit(false);
			try (PreparedStatement update = writer
				.prepareStatement("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?")) {
				update.setLong(1, this.debtorId);
				update.executeUpdate();
			}
			// computed and kept while the writer runs: it cannot see the change
			assertThat(clientsList()).isEmpty();
			writer.commit();
		}
		// committed after the list's snapshot was taken: its debtor is computed again
		assertThat(clientsList()).extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
	}

	@Test
	void aListReadInARepeatableReadTransactionIsNeitherKeptNorMerged() {
		approve(0, "uw.one");
		committed("UPDATE debtor SET credit_limit = 4400.00 WHERE id = ?", this.debtorId);
		assertThat(clientsList()).extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
		TransactionTemplate repeatable = new TransactionTemplate(this.transactions.getTransactionManager());
		repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		repeatable.setReadOnly(true);
		TransactionTemplate apart = new TransactionTemplate(this.transactions.getTransactionManager());
		apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		repeatable.executeWithoutResult((status) -> {
			// its snapshot: the limit of 4,400.00
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			// meanwhile the limit is raised and the list read and kept in a newer
			// snapshot
			apart.executeWithoutResult((other) -> this.jdbc
				.update("UPDATE debtor SET credit_limit = 100000.00 WHERE id = ?", this.debtorId));
			List<ExposureView.Watched> newer = apart.execute((other) -> clientsList());
			assertThat(newer).as("kept, newer").isEmpty();
			// this transaction still sees 4,000.00 of 4,400.00: not the kept list
			assertThat(clientsList()).extracting(ExposureView.Watched::ref).containsExactly(this.debtorRef);
		});
		assertThat(clientsList()).isEmpty();
	}

	private List<Long> changedSince(String kept) {
		return this.jdbc.queryForList("SELECT c.debtor_id FROM debtors_changed_since(?) c", Long.class, kept);
	}

	@Test
	void everyTableTheListReadsIsWatched() {
		Set<String> read = WatchedTables.readBy(this.jdbc, ExposureQueries.WATCHLIST);
		assertThat(read).contains("invoice", "invoice_decision", "advance", "payment_allocation", "risk_score",
				"debtor", "debtor_exposure");
		read.removeAll(NOT_WATCHED);
		WatchedTables.assertWatched(this.jdbc, read);
	}

	private List<ExposureView.Watched> clientsList() {
		asManager();
		return this.queries.watchlist(this.scopes.resolve(LocalDate.now(this.clock), this.book.clientRef(), null));
	}

	private static void asManager() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("manager", null,
					AuthorityUtils.createAuthorityList("ROLE_MANAGER")));
	}

	/**
	 * An underwriter approves an invoice, and the debtor's re-scores it asked for have
	 * run: nothing changes the debtor after.
	 */
	private void approve(int invoice, String underwriter) {
		this.book.approve(this.book.invoiceIds().get(invoice), underwriter);
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
	}

	private void committed(String sql, Object... arguments) {
		this.transactions.executeWithoutResult((status) -> this.jdbc.update(sql, arguments));
	}

}
