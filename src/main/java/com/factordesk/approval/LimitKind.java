package com.factordesk.approval;

/**
 * The limits the exposure engine enforces (DESIGN section 4): a debtor's credit limit and
 * its credit-insurer limit across all clients, and a client's facility limit. Credit and
 * facility limits compare advances; the insurer limit compares the insured open face.
 */
public enum LimitKind {

	CREDIT_LIMIT, INSURER_LIMIT, FACILITY_LIMIT

}
