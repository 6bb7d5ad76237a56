package com.factordesk.debtor;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The JPA entity listener of every {@link FeedsDebtorScore} entity: whoever saves an
 * invoice, a payment allocation, a dispute, a credit note or a bureau score, through any
 * service, publishes that the debtor's inputs changed, so the debtor is re-scored right
 * after the change commits. Hibernate gets this listener from Spring, with its publisher.
 */
public class DebtorInputsListener {

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
			this.events.publishEvent(new DebtorInputsChanged(fact.scoredDebtorId(), fact.scoreInputChange(inserted)));
		}
	}

}
