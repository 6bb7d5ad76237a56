package com.factordesk.debtor;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The JPA entity listener of every {@link FeedsDebtorScore} entity: whoever saves an
 * invoice, a payment allocation, a dispute, a credit note or a bureau score, through any
 * service, publishes that the debtor's inputs changed, so the debtor is re-scored right
 * after the change commits. Hibernate gets this listener from Spring, with its publisher.
 * A failure here never undoes the change itself: the nightly re-score catches up.
 */
public class DebtorInputsListener {

	private static final Logger logger = LoggerFactory.getLogger(DebtorInputsListener.class);

	private final ApplicationEventPublisher events;

	public DebtorInputsListener(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostPersist
	void inserted(Object entity) {
		publish(entity, true);
	}

	@PostUpdate
	@PostRemove
	void changed(Object entity) {
		publish(entity, false);
	}

	private void publish(Object entity, boolean inserted) {
		if (entity instanceof FeedsDebtorScore fact) {
			try {
				this.events.publishEvent(fact.scoreInputChange(inserted));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not announce a change to {} for re-scoring", entity.getClass().getSimpleName(), ex);
			}
		}
	}

}
