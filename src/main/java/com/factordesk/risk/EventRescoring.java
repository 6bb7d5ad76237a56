package com.factordesk.risk;

import java.util.LinkedHashSet;
import java.util.Set;

import com.factordesk.debtor.DebtorInputsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Re-scores a debtor right after a change to its inputs commits, or at once when the
 * change was made outside a transaction. A transaction that changes many facts of one
 * debtor (an import, a payment applied to ten invoices) re-scores it once; one that rolls
 * back re-scores nothing.
 */
@Component
class EventRescoring {

	private static final Logger logger = LoggerFactory.getLogger(EventRescoring.class);

	private final RiskScoring scoring;

	EventRescoring(RiskScoring scoring) {
		this.scoring = scoring;
	}

	@EventListener
	void on(DebtorInputsChanged event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			rescore(event.debtorId(), event.cause());
			return;
		}
		Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.debtors.add(event.debtorId());
		pending.causes.add(event.cause());
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
	 * The debtors one transaction changed, re-scored once each after it commits.
	 */
	private final class Pending implements TransactionSynchronization {

		private final Set<Long> debtors = new LinkedHashSet<>();

		private final Set<String> causes = new LinkedHashSet<>();

		@Override
		public void afterCommit() {
			String cause = String.join(", ", this.causes);
			this.debtors.forEach((debtorId) -> rescore(debtorId, cause));
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(EventRescoring.this);
		}

	}

}
