package com.factordesk.invoice;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.factordesk.shared.AdvisoryLocks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each (client, debtor)'s open funded book as invoices change (V059): every statement
 * that moves a pair's book adds a change, without a lock; here, once a minute and once
 * across instances, the committed changes move into the kept books, so that a client's
 * book is a row per debtor and a few changes ({@code open_book(d)}), never its open
 * invoices summed. The whole book's credit sales per (issue date, funding day) (V064,
 * {@code book_sales(d)}) are compacted with them.
 */
@Component
class OpenBooks {

	private static final Logger logger = LoggerFactory.getLogger(OpenBooks.class);

	/**
	 * The changes this statement's snapshot sees, deleted and added to their pairs' books
	 * in one statement: a change written by a transaction still open is neither deleted
	 * nor added, and is moved by a later compaction.
	 */
	private static final String COMPACT = """
			WITH moved AS (
			    DELETE FROM pair_book_change RETURNING client_id, debtor_id, amount
			)
			INSERT INTO pair_book AS b (client_id, debtor_id, outstanding)
			SELECT m.client_id, m.debtor_id, SUM(m.amount) FROM moved m
			GROUP BY m.client_id, m.debtor_id ORDER BY m.client_id, m.debtor_id
			ON CONFLICT (client_id, debtor_id) DO UPDATE SET outstanding = b.outstanding + EXCLUDED.outstanding
			""";

	/**
	 * A pair whose book is settled keeps no row (one that owes again gets a new one).
	 */
	private static final String SETTLED = "DELETE FROM pair_book WHERE outstanding = 0";

	/**
	 * The book's credit sales per (issue date, funding day) (V064), moved the same way.
	 */
	private static final String COMPACT_SALES = """
			WITH moved AS (
			    DELETE FROM sales_day_change RETURNING issue_date, funded_on, amount
			)
			INSERT INTO sales_day AS s (issue_date, funded_on, amount)
			SELECT m.issue_date, m.funded_on, SUM(m.amount) FROM moved m
			GROUP BY m.issue_date, m.funded_on ORDER BY m.issue_date, m.funded_on
			ON CONFLICT (issue_date, funded_on) DO UPDATE SET amount = s.amount + EXCLUDED.amount
			""";

	/** A day whose sales are gone (its invoices deleted or moved) keeps no row. */
	private static final String NO_SALES = "DELETE FROM sales_day WHERE amount = 0";

	private final JdbcClient jdbc;

	private final AdvisoryLocks locks;

	private final TransactionTemplate transactions;

	OpenBooks(JdbcClient jdbc, AdvisoryLocks locks, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.locks = locks;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${factordesk.open-books.compact-every:PT1M}",
			initialDelayString = "${factordesk.open-books.compact-every:PT1M}")
	@SchedulerLock(name = "open-books")
	public void run() {
		int pairs = compact();
		logger.debug("open books of {} (client, debtor) pairs compacted", pairs);
	}

	/**
	 * Moves the committed changes into the books and the sales and drops the settled
	 * ones; returns the number of pairs whose book took changes. One compaction at a time
	 * (an advisory lock), also when called outside the schedule; in a transaction of its
	 * own.
	 */
	int compact() {
		Integer pairs = this.transactions.execute((status) -> {
			this.locks.lockForTransaction(AdvisoryLocks.Key.OPEN_BOOKS);
			int moved = this.jdbc.sql(COMPACT).update();
			this.jdbc.sql(SETTLED).update();
			this.jdbc.sql(COMPACT_SALES).update();
			this.jdbc.sql(NO_SALES).update();
			return moved;
		});
		return (pairs != null) ? pairs : 0;
	}

}
