package com.factordesk.risk;

import com.factordesk.debtor.DebtorInputsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Re-scores a debtor right after a change to its inputs commits (or at once when the
 * change was made outside a transaction).
 */
@Component
class EventRescoring {

	private static final Logger logger = LoggerFactory.getLogger(EventRescoring.class);

	private final RiskScoring scoring;

	EventRescoring(RiskScoring scoring) {
		this.scoring = scoring;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(DebtorInputsChanged event) {
		RiskAssessment assessment = this.scoring.rescore(event.debtorId(), ScoreTrigger.EVENT);
		logger.debug("Re-scored debtor {} after {}: {} {}", event.debtorId(), event.cause(), assessment.score(),
				assessment.grade());
	}

}
