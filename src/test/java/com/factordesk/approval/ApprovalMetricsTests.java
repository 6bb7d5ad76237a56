package com.factordesk.approval;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A decision counts for operators once it committed: one rolled back never happened.
 */
class ApprovalMetricsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	// the gauges read the database only when scraped: never in these tests
	private final ApprovalMetrics metrics = new ApprovalMetrics(this.meters, mock(JdbcClient.class));

	@AfterEach
	void endTheTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void aDecisionCountsWhenItsTransactionCommits() {
		TransactionSynchronizationManager.initSynchronization();
		this.metrics.decided(DecisionKind.APPROVE);
		this.metrics.decided(DecisionKind.APPROVE);
		this.metrics.decided(DecisionKind.HOLD);
		assertThat(count(DecisionKind.APPROVE)).as("before the commit").isZero();

		TransactionSynchronizationUtils.triggerAfterCommit();

		assertThat(count(DecisionKind.APPROVE)).isEqualTo(2);
		assertThat(count(DecisionKind.HOLD)).isEqualTo(1);
		assertThat(count(DecisionKind.REJECT)).isZero();
	}

	@Test
	void aDecisionRolledBackDoesNotCount() {
		TransactionSynchronizationManager.initSynchronization();
		this.metrics.decided(DecisionKind.REJECT);

		TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

		assertThat(count(DecisionKind.REJECT)).isZero();
	}

	@Test
	void aBlockedApprovalCountsByTheLimitThatRefusedIt() {
		this.metrics.blocked(LimitKind.FACILITY_LIMIT);
		this.metrics.blocked(LimitKind.FACILITY_LIMIT);
		this.metrics.blocked(LimitKind.CREDIT_LIMIT);

		assertThat(this.meters.counter("factordesk.approvals.blocked", "limit", "FACILITY_LIMIT").count()).isEqualTo(2);
		assertThat(this.meters.counter("factordesk.approvals.blocked", "limit", "CREDIT_LIMIT").count()).isEqualTo(1);
	}

	private double count(DecisionKind kind) {
		return this.meters.counter("factordesk.decisions", "kind", kind.name()).count();
	}

}
