package com.factordesk.risk.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.factordesk.risk.RiskAssessment;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import com.factordesk.debtor.DebtorInputsChanged;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Re-scores a debtor right after a change to its inputs commits, or at once when the
 * change was made outside a transaction. A transaction that changes many facts of one
 * debtor (an import, a payment applied to ten invoices) re-scores it once; one that rolls
 * back re-scores nothing; a transaction nested in another (REQUIRES_NEW) keeps its own
 * list.
 * <p>
 * The changes of a transaction are collected while it runs and published as one
 * {@link RescoreRequested} just before it commits, so the event publication registry
 * records it in that transaction; the re-score marks it completed. One that has not
 * finished when the application stops is run again at the next start.
 * <p>
 * A transaction that changed the inputs of many debtors (at least
 * {@code factordesk.risk.batch-rescore-from}, 1,000 by default: a large import) re-scores
 * them in one set-based pass ({@link RiskScoring#rescoreMany}) instead of one at a time.
 * <p>
 * The re-scores run on one background thread, in the order the changes committed: the
 * request that made the change neither waits for them nor holds a second database
 * connection while its own is still open, and a re-score that waits on the nightly run's
 * row locks waits there.
 */
@Component
public class EventRescoring {

	private static final Logger logger = LoggerFactory.getLogger(EventRescoring.class);

	private static final int LOOKUP_SLICE = 10_000;

	private final RiskScoring scoring;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final EntityManagerFactory entityManagerFactory;

	private final ThreadPoolTaskExecutor worker;

	private final int batchFrom;

	EventRescoring(RiskScoring scoring, JdbcClient jdbc, ApplicationEventPublisher events,
			EntityManagerFactory entityManagerFactory,
			@Qualifier(RiskScheduling.RESCORING_EXECUTOR) ThreadPoolTaskExecutor worker,
			@Value("${factordesk.risk.batch-rescore-from:1000}") int batchFrom) {
		this.batchFrom = batchFrom;
		this.scoring = scoring;
		this.jdbc = jdbc;
		this.events = events;
		this.entityManagerFactory = entityManagerFactory;
		this.worker = worker;
	}

	@EventListener
	public void collect(DebtorInputsChanged change) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			Pending now = new Pending();
			now.add(change);
			this.events.publishEvent(now.request());
			return;
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.add(change);
	}

	/**
	 * Re-scores the debtors of one committed transaction, on the re-scoring thread. A
	 * debtor that cannot be re-scored leaves the publication incomplete, to be run again;
	 * the nightly re-score catches up meanwhile.
	 */
	@Async(RiskScheduling.RESCORING_EXECUTOR)
	@TransactionalEventListener(fallbackExecution = true)
	public void rescore(RescoreRequested request) {
		String cause = String.join(", ", request.causes());
		Set<Long> debtors = debtors(request);
		if (debtors.size() >= this.batchFrom) {
			int rescored = this.scoring.rescoreMany(debtors, ScoreTrigger.EVENT);
			logger.info("Re-scored {} debtors in one pass after {}", rescored, cause);
			return;
		}
		RuntimeException failure = null;
		for (long debtorId : debtors) {
			try {
				RiskAssessment assessment = this.scoring.rescore(debtorId, ScoreTrigger.EVENT);
				logger.debug("Re-scored debtor {} after {}: {} {}", debtorId, cause, assessment.score(),
						assessment.grade());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not re-score debtor {} after {}", debtorId, cause, ex);
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Waits until every re-score submitted so far has run.
	 * @throws IllegalStateException when they take longer than {@code timeout}
	 */
	public void awaitRescores(Duration timeout) {
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

	/**
	 * The debtors named, and those of the invoices named, read once committed.
	 */
	private Set<Long> debtors(RescoreRequested request) {
		Set<Long> debtors = new LinkedHashSet<>(request.debtorIds());
		List<Long> ids = new ArrayList<>(request.invoiceIds());
		// in slices: a large import must not outgrow the bind parameters of one statement
		for (int from = 0; from < ids.size(); from += LOOKUP_SLICE) {
			List<Long> slice = ids.subList(from, Math.min(ids.size(), from + LOOKUP_SLICE));
			debtors.addAll(this.jdbc.sql("SELECT DISTINCT debtor_id FROM invoice WHERE id IN (:ids) ORDER BY debtor_id")
				.param("ids", slice)
				.query(Long.class)
				.list());
		}
		return debtors;
	}

	/**
	 * The changes of one transaction, published as one request just before it commits.
	 */
	private final class Pending implements TransactionSynchronization {

		private final Set<Long> debtorIds = new LinkedHashSet<>();

		private final Set<Long> invoiceIds = new LinkedHashSet<>();

		private final Set<String> causes = new LinkedHashSet<>();

		private boolean published;

		void add(DebtorInputsChanged change) {
			if (this.published) {
				// flushed by the commit itself, after the request went out: its own
				// request,
				// still recorded in this transaction
				Pending late = new Pending();
				late.add(change);
				EventRescoring.this.events.publishEvent(late.request());
				return;
			}
			if (change.debtorId() != null) {
				this.debtorIds.add(change.debtorId());
			}
			else {
				this.invoiceIds.add(change.invoiceId());
			}
			this.causes.add(change.cause());
		}

		RescoreRequested request() {
			return new RescoreRequested(this.debtorIds, this.invoiceIds, this.causes);
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
		public void beforeCommit(boolean readOnly) {
			EntityManager entityManager = EntityManagerFactoryUtils
				.getTransactionalEntityManager(EventRescoring.this.entityManagerFactory);
			if (entityManager != null && !readOnly) {
				// the changes still to be flushed announce themselves now, into this
				// request
				try {
					entityManager.flush();
				}
				catch (RuntimeException ex) {
					DataAccessException translated = EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(ex);
					throw (translated != null) ? translated : ex;
				}
			}
			this.published = true;
			EventRescoring.this.events.publishEvent(request());
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(EventRescoring.this);
		}

	}

}
