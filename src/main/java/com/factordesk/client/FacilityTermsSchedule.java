package com.factordesk.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Facility terms agreed for a later day come into force on that day: at start-up and
 * every night just after midnight, once across all instances.
 */
@Component
class FacilityTermsSchedule {

	private static final Logger logger = LoggerFactory.getLogger(FacilityTermsSchedule.class);

	private final FacilityTermsAgreements agreements;

	FacilityTermsSchedule(FacilityTermsAgreements agreements) {
		this.agreements = agreements;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartUp() {
		run();
	}

	@Scheduled(cron = "${factordesk.clients.terms-cron:0 5 0 * * *}", zone = "${factordesk.clock.zone}")
	@SchedulerLock(name = "facility-terms", lockAtLeastFor = "PT1M")
	public void run() {
		int applied = this.agreements.applyDue();
		if (applied > 0) {
			logger.info("{} facilities took the terms agreed for today", applied);
		}
	}

}
