package com.factordesk.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockConfigurationTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final LocalDate DEMO_DAY = LocalDate.of(2026, 11, 25);

	@Test
	void aPinnedDateStaysTheDateWhenTheRealDateCrossesMidnight() {
		// 2026-12-05 23:59:30 in Amsterdam (UTC+1 in December) is 22:59:30 UTC.
		MovingClock real = new MovingClock(Instant.parse("2026-12-05T22:59:30Z"));
		Clock pinned = ClockConfiguration.pinnedTo(DEMO_DAY, real);
		assertThat(LocalDateTime.now(pinned)).isEqualTo(LocalDateTime.of(2026, 11, 25, 23, 59, 30));

		real.now = Instant.parse("2026-12-05T23:00:30Z");

		assertThat(LocalDate.now(pinned)).isEqualTo(DEMO_DAY);
		assertThat(LocalDateTime.now(pinned)).isEqualTo(LocalDateTime.of(2026, 11, 25, 0, 0, 30));
	}

	@Test
	void theTimeOfDayRunsAndAnotherZoneShowsTheSameInstant() {
		Clock real = Clock.fixed(Instant.parse("2026-12-05T13:45:10Z"), AMSTERDAM);

		Clock pinned = ClockConfiguration.pinnedTo(DEMO_DAY, real);

		// 14:45:10 in Amsterdam on 2026-11-25 (still UTC+1) is 13:45:10 UTC.
		assertThat(pinned.instant()).isEqualTo(Instant.parse("2026-11-25T13:45:10Z"));
		assertThat(pinned.getZone()).isEqualTo(AMSTERDAM);
		Clock utc = pinned.withZone(ZoneOffset.UTC);
		assertThat(utc.instant()).isEqualTo(Instant.parse("2026-11-25T13:45:10Z"));
		assertThat(LocalDateTime.now(utc)).isEqualTo(LocalDateTime.of(2026, 11, 25, 13, 45, 10));
	}

	@Test
	void aPinnedSummerDateKeepsTheLocalTimeOfDay() {
		// The real day in winter (UTC+1), the pinned one in summer (UTC+2): 09:00 local
		// either way.
		Clock real = Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), AMSTERDAM);

		Clock pinned = ClockConfiguration.pinnedTo(LocalDate.of(2026, 7, 1), real);

		assertThat(pinned.instant()).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
	}

	/** The real clock, in the desk's zone, moved by hand. */
	private static final class MovingClock extends Clock {

		private Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return AMSTERDAM;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
