package com.factordesk.approval;

/**
 * Why an underwriter declines an invoice; {@link #OTHER} needs a note.
 */
public enum RejectionReason {

	CREDIT_RISK, OVER_LIMIT, DEBTOR_CROSS_AGED, DISPUTED, SUSPECTED_FRAUD, NOT_ELIGIBLE, DOCUMENTS_MISSING,
	VERIFICATION_FAILED, OTHER

}
