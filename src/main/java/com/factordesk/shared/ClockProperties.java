package com.factordesk.shared;

import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where "today" comes from.
 *
 * @param zone the desk's time zone: business dates are taken in it
 * @param today pins the business date (the demo portfolio and its screenshots are built
 * around one date); empty means the real date. Time of day still runs, so audit times and
 * lock-outs behave; at the desk's midnight it starts again from 00:00 on the same date (a
 * lock-out that spans midnight on a pinned date lasts a day longer).
 */
@ConfigurationProperties("factordesk.clock")
public record ClockProperties(@DefaultValue("Europe/Amsterdam") ZoneId zone, LocalDate today) {

}
