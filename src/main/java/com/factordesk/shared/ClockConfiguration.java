package com.factordesk.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

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
		LocalDate actual = LocalDate.now(system);
		Duration offset = Duration.between(actual.atStartOfDay(system.getZone()), today.atStartOfDay(system.getZone()));
		return Clock.offset(system, offset);
	}

}
