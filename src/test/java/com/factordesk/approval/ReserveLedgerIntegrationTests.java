package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reserve ledger is append-only, whoever asks: SQL from the application's own
 * database user cannot update, delete or truncate an entry (a trigger refuses it with its
 * message); a mistake is undone by a REVERSAL entry, at most once. Each test books its
 * own entry for a client of its own; everything is rolled back (the refused statement
 * ends the transaction).
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.ledger", roles = "UNDERWRITER")
class ReserveLedgerIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private ReserveEntry entry;

	@BeforeEach
	void anEntryOfAClientOfItsOwn() {
		this.client = Clients.aClient().build();
		this.entities.persist(this.client);
		this.entry = this.ledger.book(this.client.getId(), ReserveEntryKind.RESERVE_CREATED, Money.of("2000.00"), TODAY,
				new ReserveEntry.Source(null, null, null, null), "opening reserve");
		this.entities.flush();
	}

	@Test
	void anEntryIsNotUpdatedBySql() {
		assertThatThrownBy(
				() -> this.jdbc.update("UPDATE reserve_entry SET amount = 1 WHERE id = ?", this.entry.getId()))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("reserve_entry is append-only: UPDATE is not allowed");
	}

	@Test
	void anEntryIsNotDeletedBySql() {
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM reserve_entry WHERE id = ?", this.entry.getId()))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("reserve_entry is append-only: DELETE is not allowed");
	}

	@Test
	void theLedgerIsNotTruncated() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE reserve_entry")).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("reserve_entry is append-only: TRUNCATE is not allowed");
	}

	@Test
	void aMistakeIsUndoneByAReversalOnce() {
		ReserveEntry reversal = this.ledger.reverse(this.entry, TODAY, "booked twice");

		assertThat(reversal.getKind()).isEqualTo(ReserveEntryKind.REVERSAL);
		assertThat(reversal.getAmount()).isEqualTo(Money.of("-2000.00"));
		assertThat(reversal.getReversesId()).isEqualTo(this.entry.getId());
		assertThat(this.ledger.position(this.client.getId()).balance()).isEqualTo(Money.ZERO);
		assertThatThrownBy(() -> this.ledger.reverse(this.entry, TODAY, "again"))
			.isInstanceOf(IllegalStateException.class);
	}

}
