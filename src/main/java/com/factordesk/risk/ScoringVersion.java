package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One published version of the scoring weights and curves.
 *
 * @param version its number
 * @param paymentBehaviour the weight of payment behaviour, a fraction
 * @param bureau the weight of the bureau scores, a fraction
 * @param disputes the weight of disputes, a fraction
 * @param createdAt when it was published
 * @param createdBy who published it
 */
public record ScoringVersion(int version, BigDecimal paymentBehaviour, BigDecimal bureau, BigDecimal disputes,
		Instant createdAt, String createdBy) {

}
