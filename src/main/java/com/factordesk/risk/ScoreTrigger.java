package com.factordesk.risk;

/**
 * Why a score was taken: the nightly full re-score, an event that changed the debtor's
 * inputs, a person asking, or the first scoring of a freshly loaded portfolio.
 */
public enum ScoreTrigger {

	NIGHTLY, EVENT, MANUAL, SEED

}
