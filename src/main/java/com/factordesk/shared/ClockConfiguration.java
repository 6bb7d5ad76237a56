package com.factordesk.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Clock} of the application. Domain code takes "today" from it, never from
 * the system.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock(ClockProperties properties) {
		Clock system = Clock.system(properties.zone());
		if (properties.today() == null) {
			return system;
		}
		return pinnedTo(properties.today(), system);
	}

	static Clock pinnedTo(LocalDate today, Clock system) {
		return new PinnedDate(today, system, system.getZone());
	}

	/**
	 * The pinned business date at the real time of day. An offset fixed at start-up would
	 * have moved "today" to the next day at the desk's midnight (a test run that crossed
	 * it saw 2026-11-26 beside a book built for 2026-11-25); this clock stays on its date
	 * and runs from 00:00 again at midnight.
	 */
	private static final class PinnedDate extends Clock {

		private final LocalDate today;

		private final Clock system;

		private final ZoneId zone;

		/**
		 * @param system the real clock, in the desk's zone: the date is pinned in it
		 * @param zone the zone this clock reports (the same instants in another zone)
		 */
		PinnedDate(LocalDate today, Clock system, ZoneId zone) {
			this.today = today;
			this.system = system;
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new PinnedDate(this.today, this.system, zone);
		}

		@Override
		public Instant instant() {
			LocalTime timeOfDay = LocalTime.now(this.system);
			return this.today.atTime(timeOfDay).atZone(this.system.getZone()).toInstant();
		}

		@Override
		public String toString() {
			return "PinnedDate[" + this.today + "," + this.system + "," + this.zone + "]";
		}

	}

}
