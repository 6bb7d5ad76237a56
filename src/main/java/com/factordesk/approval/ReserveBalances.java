package com.factordesk.approval;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.factordesk.shared.AdvisoryLocks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clients' reserve balances as the ledger is booked (V056), and the reserves held on
 * their open funded invoices as advances are paid out and invoices funded, paid or
 * reopened (V060): every such write adds a change per client, without a lock; here, once
 * a minute and once across instances, the committed changes move into the kept figures,
 * so that a client's position is its kept figures and a few changes, never its whole
 * ledger or its open invoices' advances summed ({@code client_reserve_position()}).
 */
@Component
class ReserveBalances {

	private static final Logger logger = LoggerFactory.getLogger(ReserveBalances.class);

	/**
	 * The changes this statement's snapshot sees, deleted and added to their clients'
	 * kept figures in one statement: a change booked by a transaction still open is
	 * neither deleted nor added, and is moved by a later compaction. The balances (V056)
	 * and the held reserves (V060) alike.
	 */
	private static final String COMPACT = """
			WITH moved AS (
			    DELETE FROM %1$s_change RETURNING client_id, amount
			)
			INSERT INTO %1$s AS k (client_id, %2$s)
			SELECT m.client_id, SUM(m.amount) FROM moved m GROUP BY m.client_id ORDER BY m.client_id
			ON CONFLICT (client_id) DO UPDATE SET %2$s = k.%2$s + EXCLUDED.%2$s
			""";

	private static final String COMPACT_BALANCES = COMPACT.formatted("client_reserve_balance", "balance");

	private static final String COMPACT_HELD = COMPACT.formatted("client_reserve_held", "held");

	private final JdbcClient jdbc;

	private final AdvisoryLocks locks;

	private final TransactionTemplate transactions;

	ReserveBalances(JdbcClient jdbc, AdvisoryLocks locks, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.locks = locks;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${factordesk.reserve.compact-every:PT1M}",
			initialDelayString = "${factordesk.reserve.compact-every:PT1M}")
	@SchedulerLock(name = "reserve-balances")
	public void run() {
		int clients = compact();
		logger.debug("reserve balances of {} clients compacted", clients);
	}

	/**
	 * Moves the committed changes into the balances and the held reserves; returns the
	 * number of balances and held reserves that took changes. One compaction at a time
	 * (an advisory lock), also when called outside the schedule; in a transaction of its
	 * own.
	 */
	int compact() {
		Integer clients = this.transactions.execute((status) -> {
			this.locks.lockForTransaction(AdvisoryLocks.Key.RESERVE_BALANCES);
			return this.jdbc.sql(COMPACT_BALANCES).update() + this.jdbc.sql(COMPACT_HELD).update();
		});
		return (clients != null) ? clients : 0;
	}

}
