package com.factordesk.approval;

/**
 * Where a promise to pay stands, derived from the collections since it was made: KEPT
 * once they reach its amount, BROKEN when its day passed before they did, PENDING until
 * then.
 */
public enum PromiseStatus {

	PENDING, KEPT, BROKEN

}
