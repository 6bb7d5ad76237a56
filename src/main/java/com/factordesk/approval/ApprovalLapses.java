package com.factordesk.approval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every night, approvals not funded within the policy's days lapse (DESIGN section 1),
 * once across all instances; each in a transaction of its own, so that one lapse never
 * holds the locks of another.
 */
@Component
class ApprovalLapses {

	private static final Logger logger = LoggerFactory.getLogger(ApprovalLapses.class);

	private final Underwriting underwriting;

	private final TransactionTemplate transactions;

	private final java.time.Clock clock;

	ApprovalLapses(Underwriting underwriting, TransactionTemplate transactions, java.time.Clock clock) {
		this.clock = clock;
		this.underwriting = underwriting;
		this.transactions = transactions;
	}

	@Scheduled(cron = "${factordesk.policy.lapse-cron:0 30 0 * * *}", zone = "${factordesk.clock.zone}")
	@SchedulerLock(name = "approval-lapse", lockAtLeastFor = "PT1M")
	public void run() {
		int lapsed = lapseDue();
		if (lapsed > 0) {
			logger.info("{} approvals lapsed: not funded within the policy's days", lapsed);
		}
	}

	/**
	 * Lapses every approval due; returns how many lapsed.
	 */
	int lapseDue() {
		int lapsed = 0;
		for (long invoiceId : this.underwriting.lapsing(this.clock.instant())) {
			Boolean done = this.transactions.execute((status) -> this.underwriting.lapse(invoiceId));
			if (Boolean.TRUE.equals(done)) {
				lapsed++;
			}
		}
		return lapsed;
	}

}
