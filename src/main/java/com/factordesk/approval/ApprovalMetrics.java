package com.factordesk.approval;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the desk decides, for operators (Prometheus at {@code /actuator/prometheus}):
 * decisions by kind, counted when they commit ({@code factordesk_decisions_total}, an
 * approval held for headroom is {@code kind="HOLD"}); approvals the exposure engine
 * refused by limit ({@code factordesk_approvals_blocked_total}); and, read from the
 * database when scraped, the queue's length and the exposure against the debtors' credit
 * limits and the clients' facility limits (the headroom used is {@code used / limit};
 * amounts of every currency summed as they stand).
 */
@Component
class ApprovalMetrics {

	private final MeterRegistry registry;

	ApprovalMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.registry = registry;
		Gauge
			.builder("factordesk.queue.invoices", jdbc,
					(sql) -> sql.sql("SELECT COUNT(*) FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED')")
						.query(Long.class)
						.single())
			.description("Invoices in the underwriters' queue (submitted or verified)")
			.register(registry);
		Gauge
			.builder("factordesk.exposure.debtors", jdbc,
					(sql) -> sql.sql("SELECT COALESCE(SUM(funded + reserved), 0) FROM debtor_exposure")
						.query(Double.class)
						.single())
			.description("Funded and reserved advances against the debtors' credit limits")
			.register(registry);
		Gauge
			.builder("factordesk.limits.debtors", jdbc,
					(sql) -> sql.sql("SELECT COALESCE(SUM(credit_limit), 0) FROM debtor").query(Double.class).single())
			.description("The debtors' credit limits, summed")
			.register(registry);
		Gauge
			.builder("factordesk.exposure.facilities", jdbc,
					(sql) -> sql.sql("SELECT COALESCE(SUM(funded + reserved), 0) FROM facility_exposure")
						.query(Double.class)
						.single())
			.description("Funded and reserved advances against the clients' facility limits")
			.register(registry);
		Gauge
			.builder("factordesk.limits.facilities", jdbc,
					(sql) -> sql.sql("SELECT COALESCE(SUM(facility_limit), 0) FROM facility_terms")
						.query(Double.class)
						.single())
			.description("The clients' facility limits, summed")
			.register(registry);
	}

	/**
	 * Counts a decision once its transaction commits (a rolled back one never happened).
	 */
	void decided(DecisionKind kind) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					count(kind);
				}
			});
		}
		else {
			count(kind);
		}
	}

	/**
	 * Counts an approval the exposure engine refused: it would have gone over the limit
	 * of a facility that blocks.
	 */
	void blocked(LimitKind limit) {
		this.registry.counter("factordesk.approvals.blocked", "limit", limit.name()).increment();
	}

	private void count(DecisionKind kind) {
		this.registry.counter("factordesk.decisions", "kind", kind.name()).increment();
	}

}
