package com.factordesk.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are the database being away (a 503, try again) and which are not (a bug,
 * or a refusal another handler answers): as the cluster proof met them when PostgreSQL
 * was stopped under load.
 */
class DatabaseUnavailableFilterTests {

	@Test
	void noConnectionInTimeIsTheDatabaseAway() {
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(
				new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
						new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.isTrue();
	}

	@Test
	void aServerThatEndedTheConnectionIsTheDatabaseAway() {
		// FATAL: terminating connection due to administrator command
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new DataAccessResourceFailureException(
				"PreparedStatementCallback", new SQLException("terminating connection", "57P01"))))
			.isTrue();
		// refused, or broken in the middle of a statement
		assertThat(DatabaseUnavailableFilter
			.databaseUnavailable(new RuntimeException(new SQLException("Connection refused", "08001")))).isTrue();
		assertThat(DatabaseUnavailableFilter
			.databaseUnavailable(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
	}

	@Test
	void aRollbackOnAConnectionTheServerClosedIsTheDatabaseAway() {
		// the server's own error is lost: "Application exception overridden by rollback
		// exception"
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new JpaSystemException(new TransactionException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))))
			.isTrue();
	}

	@Test
	void aStatementCancelledAtTheRequestsLimitIsTheDatabaseTooSlow() {
		// ERROR: canceling statement due to user request (the driver's query timeout)
		SQLException cancelled = new SQLException("canceling statement due to user request", "57014");
		assertThat(DatabaseUnavailableFilter.tooSlow(new QueryTimeoutException("PreparedStatementCallback", cancelled)))
			.isTrue();
		assertThat(DatabaseUnavailableFilter.tooSlow(new RuntimeException(cancelled))).isTrue();
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new RuntimeException(cancelled))).isFalse();
		// the deadline passed before the next statement began
		assertThat(DatabaseUnavailableFilter
			.tooSlow(new TransactionTimedOutException("Transaction timed out: deadline was Sat Dec 05"))).isTrue();
		assertThat(DatabaseUnavailableFilter.tooSlow(new SQLException("duplicate", "23505"))).isFalse();
		assertThat(DatabaseUnavailableFilter.tooSlow(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void otherFailuresAreNot() {
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(
				new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505"))))
			.isFalse();
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new SQLException("Connection is closed", "XX000")))
			.isFalse();
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseUnavailableFilter.databaseUnavailable(new SQLException("syntax error", "42601"))).isFalse();
	}

}
