package com.factordesk.risk;

/**
 * A scoring version was published and every debtor re-scored with it; published in the
 * publishing transaction.
 *
 * @param version the new version
 */
public record ScoringVersionPublished(int version) {
}
