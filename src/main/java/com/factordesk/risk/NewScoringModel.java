package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.Map;

import com.factordesk.debtor.BureauProvider;

/**
 * Publish a new version of the scoring weights (as percentages) and curves (as "x:y"
 * points separated by commas, e.g. "0:100, 15:75, 30:50, 60:20, 90:0").
 */
public record NewScoringModel(BigDecimal paymentBehaviourPercent, BigDecimal bureauPercent, BigDecimal disputesPercent,
		String adbtCurve, String disputeRateCurve, Map<BureauProvider, String> bureauScales) {

}
