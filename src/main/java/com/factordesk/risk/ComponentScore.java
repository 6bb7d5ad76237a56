package com.factordesk.risk;

import java.math.BigDecimal;

/**
 * One component of a score.
 *
 * @param component which component
 * @param subScore its sub-score 0-100 at four decimals (rounded half even for display:
 * the score is computed from the unrounded one), {@code null} when missing
 * @param weight its configured weight
 * @param effectiveWeight its weight after missing components were re-weighted away (0
 * when missing), at six decimals
 * @param missing whether there was nothing to score it on
 * @param pointsLost score points it cost against its maximum: effective weight x (100 -
 * sub-score), at two decimals
 */
public record ComponentScore(Component component, BigDecimal subScore, BigDecimal weight, BigDecimal effectiveWeight,
		boolean missing, BigDecimal pointsLost) {

}
