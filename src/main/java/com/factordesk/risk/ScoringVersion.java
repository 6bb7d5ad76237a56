package com.factordesk.risk;

import java.time.Instant;

/**
 * One published version of the scoring weights and curves.
 */
public record ScoringVersion(int version, String weights, Instant createdAt, String createdBy) {

}
