package com.factordesk.pricing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One published version of the pricing bands.
 *
 * @param inForce whether it is the version in force today
 */
public record BandSetVersion(int version, LocalDate effectiveFrom, Instant createdAt, String createdBy,
		boolean inForce) {

}
