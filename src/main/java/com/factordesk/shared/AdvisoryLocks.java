package com.factordesk.shared;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL advisory locks: work that must not run twice at once, across every instance
 * of the application on one database. A transaction lock is released when the transaction
 * ends; a session lock is held on a connection of its own for as long as the work runs.
 */
@Component
public class AdvisoryLocks {

	/**
	 * Every advisory lock key the application takes, in one place so that no two uses
	 * share a key by accident.
	 */
	public enum Key {

		/**
		 * Publishing a scoring model (exclusive), and re-scoring with the current one
		 * (shared).
		 */
		SCORING_PUBLICATION(0x0FAC75C0L),

		/**
		 * Publishing a pricing band set.
		 */
		PRICING_PUBLICATION(0x0FAC7B4DL),

		/**
		 * Seeding the demo portfolio into an empty database.
		 */
		DEMO_SEED(0x0FAC7D35L),

		/**
		 * Paying a client its rebates: one rebate run per client at a time (taken per
		 * client, {@link AdvisoryLocks#lockForTransaction(Key, long)}).
		 */
		REBATE_RUN(0x0FAC7EB8L),

		/**
		 * Importing a file: one import at a time, so that a file's rows are checked
		 * against the book they are written into.
		 */
		IMPORT(0x0FAC71B0L),

		/**
		 * Publishing a version of the credit policy.
		 */
		POLICY_PUBLICATION(0x0FAC7A11L),

		/**
		 * The users an instance creates at start-up (the demo users, the first
		 * administrator): one instance at a time, so that the second finds them made.
		 */
		START_UP_USERS(0x0FAC75E5L),

		/**
		 * Scoring an unscored book at start-up: one instance does it, another that finds
		 * it being done goes on starting.
		 */
		INITIAL_SCORING(0x0FAC7150L),

		/**
		 * Moving the changes of the clients' reserve balances into the balances: one
		 * compaction at a time.
		 */
		RESERVE_BALANCES(0x0FAC7BA1L),

		/**
		 * Moving the changes of the (client, debtor) open books into the books: one
		 * compaction at a time.
		 */
		OPEN_BOOKS(0x0FAC70B0L);

		private final long value;

		Key(long value) {
			this.value = value;
		}

		public long value() {
			return this.value;
		}

	}

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	AdvisoryLocks(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * Waits for the lock and holds it, exclusively, until the current transaction ends.
	 * @throws IllegalStateException outside a transaction
	 */
	public void lockForTransaction(Key key) {
		requireTransaction(key);
		this.jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
			.param("key", key.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Waits for the lock of one thing of a kind (a client's rebate run) and holds it,
	 * exclusively, until the current transaction ends: the key in the high 32 bits, the
	 * id in the low 32 bits, so that different ids of one key never wait for each other.
	 * @throws IllegalStateException outside a transaction
	 */
	public void lockForTransaction(Key key, long id) {
		requireTransaction(key);
		this.jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
			.param("key", (key.value() << 32) | (id & 0xFFFFFFFFL))
			.query(Integer.class)
			.single();
	}

	/**
	 * Waits for the lock and holds it, shared with other shared holders, until the
	 * current transaction ends.
	 * @throws IllegalStateException outside a transaction
	 */
	public void lockSharedForTransaction(Key key) {
		requireTransaction(key);
		this.jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(:key)) AS locked")
			.param("key", key.value())
			.query(Integer.class)
			.single();
	}

	/**
	 * Takes the lock exclusively until the current transaction ends, if no one holds it.
	 * @return whether the lock was taken
	 * @throws IllegalStateException outside a transaction
	 */
	public boolean tryLockForTransaction(Key key) {
		requireTransaction(key);
		return this.jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
			.param("key", key.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Runs the work while holding the lock exclusively on a connection of its own, which
	 * it waits for; the lock is released when the work ends, however it ends.
	 */
	public void runExclusively(Key key, Runnable work) {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			session.queryForObject("SELECT 1 FROM (SELECT pg_advisory_lock(?)) AS locked", Integer.class, key.value());
			try {
				work.run();
			}
			finally {
				session.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, key.value());
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not hold the advisory lock " + key, ex);
		}
	}

	/**
	 * Runs the work while holding the lock exclusively on a connection of its own, if no
	 * one holds it; the lock is released when the work ends, however it ends.
	 * @return whether the work ran: false when another holder had the lock
	 */
	public boolean tryRunExclusively(Key key, Runnable work) {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			if (!Boolean.TRUE
				.equals(session.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class, key.value()))) {
				return false;
			}
			try {
				work.run();
				return true;
			}
			finally {
				session.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, key.value());
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not hold the advisory lock " + key, ex);
		}
	}

	private static void requireTransaction(Key key) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The advisory lock " + key + " is held for a transaction: start one");
		}
	}

}
