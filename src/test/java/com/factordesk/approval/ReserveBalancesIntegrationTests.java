package com.factordesk.approval;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's reserve balance is kept as entries are booked (V056) and always equals its
 * ledger's sum, before and after the changes are compacted into it, whatever the order in
 * which the booking transactions and a compaction commit; two transactions booking for
 * one client never wait for each other. The clients are committed (a compaction and a
 * second connection must see them) and removed afterwards with everything they booked.
 */
@IntegrationTest
class ReserveBalancesIntegrationTests {

	private static final String BOOK = """
			INSERT INTO reserve_entry (client_id, kind, amount, booked_on, note, created_by, created_at)
			VALUES (?, ?, ?, DATE '2026-11-25', 'reserve balances test', 'test', now())
			""";

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private ReserveBalances balances;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	private Long clientId;

	@Test
	void theBalanceIsTheLedgersSumBeforeAndAfterACompaction() {
		this.clientId = aCommittedClient();
		book(ReserveEntryKind.RESERVE_CREATED, "2000.00");
		book(ReserveEntryKind.FEE, "-150.25");
		this.transactions.executeWithoutResult((status) -> {
			book(ReserveEntryKind.SHORT_PAY, "-33.10");
			book(ReserveEntryKind.RESERVE_CREATED, "0.01");
		});
		// 2,000.00 - 150.25 - 33.10 + 0.01
		assertThat(balance()).isEqualByComparingTo("1816.66");
		assertThat(balance()).isEqualByComparingTo(ledgerSum());

		assertThat(this.balances.compact()).isGreaterThanOrEqualTo(1);
		assertThat(changes()).isZero();
		assertThat(kept()).isEqualByComparingTo("1816.66");
		assertThat(balance()).isEqualByComparingTo("1816.66");

		book(ReserveEntryKind.REBATE_PAID, "-1816.66");
		assertThat(balance()).isEqualByComparingTo("0.00");
		assertThat(this.ledger.position(this.clientId).balance()).isEqualTo(Money.of("0.00"));
	}

	@Test
	void anEntryStillBeingBookedDuringACompactionIsCountedOnceItCommits() throws Exception {
		this.clientId = aCommittedClient();
		book(ReserveEntryKind.RESERVE_CREATED, "500.00");
		try (Connection open = this.dataSource.getConnection()) {
			open.setAutoCommit(false);
			insert(open, ReserveEntryKind.RESERVE_CREATED, "70.00");
			// another transaction books for the same client meanwhile: it does not wait
			CompletableFuture.runAsync(() -> book(ReserveEntryKind.FEE, "-20.00")).get(10, TimeUnit.SECONDS);
			// a compaction meanwhile neither waits for the open transaction nor moves its
			// change
			CompletableFuture.supplyAsync(this.balances::compact).get(10, TimeUnit.SECONDS);
			assertThat(kept()).isEqualByComparingTo("480.00");
			assertThat(balance()).isEqualByComparingTo("480.00");
			open.commit();
		}
		assertThat(balance()).isEqualByComparingTo("550.00");
		assertThat(balance()).isEqualByComparingTo(ledgerSum());
		this.balances.compact();
		assertThat(kept()).isEqualByComparingTo("550.00");
		assertThat(balance()).isEqualByComparingTo("550.00");
	}

	@Test
	void aClientWithoutEntriesHasABalanceOfNothing() {
		this.clientId = aCommittedClient();
		assertThat(balance()).isEqualByComparingTo("0");
		this.balances.compact();
		assertThat(balance()).isEqualByComparingTo("0");
	}

	@AfterEach
	void removeTheClient() {
		if (this.clientId == null) {
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL session_replication_role = replica");
			this.jdbc.update("DELETE FROM reserve_entry WHERE client_id = ?", this.clientId);
			this.jdbc.execute("SET LOCAL session_replication_role = origin");
			CommittedBook.removeReserveBalance(this.jdbc, this.clientId);
			this.jdbc.update("DELETE FROM facility_exposure WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM facility WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM client WHERE id = ?", this.clientId);
		});
	}

	private long aCommittedClient() {
		return this.transactions.execute((status) -> {
			Client client = Clients.aClient().build();
			this.entities.persist(client);
			this.entities.flush();
			return client.getId();
		});
	}

	private void book(ReserveEntryKind kind, String amount) {
		this.jdbc.update(BOOK, this.clientId, kind.name(), new BigDecimal(amount));
	}

	private void insert(Connection connection, ReserveEntryKind kind, String amount) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(BOOK)) {
			statement.setLong(1, this.clientId);
			statement.setString(2, kind.name());
			statement.setBigDecimal(3, new BigDecimal(amount));
			statement.executeUpdate();
		}
	}

	private BigDecimal balance() {
		return this.jdbc.queryForObject("SELECT balance FROM client_reserve_position() WHERE client_id = ?",
				BigDecimal.class, this.clientId);
	}

	private BigDecimal ledgerSum() {
		return this.jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM reserve_entry WHERE client_id = ?",
				BigDecimal.class, this.clientId);
	}

	private BigDecimal kept() {
		return this.jdbc.queryForObject(
				"SELECT COALESCE((SELECT balance FROM client_reserve_balance WHERE client_id = ?), 0)",
				BigDecimal.class, this.clientId);
	}

	private int changes() {
		Integer changes = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM client_reserve_balance_change WHERE client_id = ?", Integer.class, this.clientId);
		return (changes != null) ? changes : 0;
	}

}
