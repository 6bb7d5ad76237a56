package com.factordesk.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.factordesk.debtor.DebtorInputsChanged;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.DependsOn;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Re-scores a debtor right after a change to its inputs commits, or at once when the
 * change was made outside a transaction. A transaction that changes many facts of one
 * debtor (an import, a payment applied to ten invoices) re-scores it once; one that rolls
 * back re-scores nothing; a transaction nested in another (REQUIRES_NEW) keeps its own
 * list.
 * <p>
 * The re-scores run on one background thread, in the order the changes committed: the
 * request that made the change neither waits for them nor holds a second database
 * connection while its own is still open, and a re-score that waits on the nightly run's
 * row locks waits there.
 */
@Component
@DependsOn("entityManagerFactory") // stopped before it: the last re-scores still need
									// JPA's transactions
class EventRescoring {

	private static final Logger logger = LoggerFactory.getLogger(EventRescoring.class);

	private static final int LOOKUP_SLICE = 10_000;

	private final RiskScoring scoring;

	private final JdbcClient jdbc;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "event-rescoring");
		thread.setDaemon(true);
		return thread;
	});

	EventRescoring(RiskScoring scoring, JdbcClient jdbc) {
		this.scoring = scoring;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(DebtorInputsChanged event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			Pending now = new Pending();
			now.add(event);
			submit(now);
			return;
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.add(event);
	}

	/**
	 * Waits until every re-score submitted so far has run.
	 * @throws IllegalStateException when they take longer than {@code timeout}
	 */
	void awaitRescores(Duration timeout) {
		try {
			this.worker.submit(() -> {
			}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for re-scores", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Re-scores did not finish within " + timeout, ex);
		}
	}

	@PreDestroy
	void finishPendingRescores() throws InterruptedException {
		this.worker.shutdown();
		if (!this.worker.awaitTermination(30, TimeUnit.SECONDS)) {
			int dropped = this.worker.shutdownNow().size();
			logger.warn("{} event re-score batches dropped at shutdown; the nightly re-score will catch up", dropped);
		}
	}

	private void submit(Pending changes) {
		try {
			this.worker.execute(() -> {
				String cause = String.join(", ", changes.causes);
				for (long debtorId : changes.debtors()) {
					rescore(debtorId, cause);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the change has committed, the nightly re-score catches up
			logger.warn("Shutting down: debtors of {} not re-scored now", changes.causes);
		}
	}

	private void rescore(long debtorId, String cause) {
		try {
			RiskAssessment assessment = this.scoring.rescore(debtorId, ScoreTrigger.EVENT);
			logger.debug("Re-scored debtor {} after {}: {} {}", debtorId, cause, assessment.score(),
					assessment.grade());
		}
		catch (RuntimeException ex) {
			// the change itself has committed; the nightly re-score catches up
			logger.warn("Could not re-score debtor {} after {}", debtorId, cause, ex);
		}
	}

	/**
	 * The changes of one transaction, re-scored once per debtor after it commits.
	 */
	private final class Pending implements TransactionSynchronization {

		private final Set<Long> debtorIds = new LinkedHashSet<>();

		private final Set<Long> invoiceIds = new LinkedHashSet<>();

		private final Set<String> causes = new LinkedHashSet<>();

		void add(DebtorInputsChanged event) {
			if (event.debtorId() != null) {
				this.debtorIds.add(event.debtorId());
			}
			else {
				this.invoiceIds.add(event.invoiceId());
			}
			this.causes.add(event.cause());
		}

		/**
		 * The debtors named, and those of the invoices named, read once committed.
		 */
		Set<Long> debtors() {
			Set<Long> debtors = new LinkedHashSet<>(this.debtorIds);
			if (!this.invoiceIds.isEmpty()) {
				List<Long> ids = new ArrayList<>(this.invoiceIds);
				// in slices: a large import must not outgrow the bind parameters of one
				// statement
				for (int from = 0; from < ids.size(); from += LOOKUP_SLICE) {
					List<Long> slice = ids.subList(from, Math.min(ids.size(), from + LOOKUP_SLICE));
					try {
						debtors.addAll(EventRescoring.this.jdbc
							.sql("SELECT DISTINCT debtor_id FROM invoice WHERE id IN (:ids) ORDER BY debtor_id")
							.param("ids", slice)
							.query(Long.class)
							.list());
					}
					catch (RuntimeException ex) {
						logger.warn("Could not find the debtors of {} invoices to re-score", slice.size(), ex);
					}
				}
			}
			return debtors;
		}

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(EventRescoring.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(EventRescoring.this, this);
		}

		@Override
		public void afterCommit() {
			submit(this);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(EventRescoring.this);
		}

	}

}
