package com.factordesk.approval;

/**
 * What a decision on an invoice did (DESIGN section 4). Every decision is a record, never
 * changed once written.
 */
public enum DecisionKind {

	/** An underwriter approved an advance (in full or lower). */
	APPROVE,
	/** A manager gave the second approval above the four-eyes threshold. */
	SECOND_APPROVAL,
	/** A limit had no headroom: the approval waits without reserving exposure. */
	HOLD,
	/** Headroom grew (or a manager overrode): a held approval goes on. */
	RELEASE,
	/** The approved advance changed before funding. */
	CHANGE,
	/** The approval was withdrawn: the invoice is back in the queue. */
	WITHDRAW,
	/** The approval was not funded in time and lapsed. */
	LAPSE,
	/** The invoice was declined, with a reason. */
	REJECT,
	/** A manager returned a rejected invoice to the queue. */
	REOPEN,
	/** Verification with the debtor was asked for. */
	VERIFICATION_REQUESTED,
	/** The debtor confirmed the invoice. */
	VERIFIED,
	/** The debtor did not confirm the invoice. */
	VERIFICATION_FAILED,
	/** The advance was paid in a funding run. */
	FUND,
	/** A lowered limit put the approval on hold. */
	LIMIT_LOWERED,
	/** A credit note was entered by hand on a funded invoice (dilution). */
	CREDIT_NOTE,
	/** A partially paid invoice was closed as short paid. */
	SHORT_PAY,
	/** A recourse invoice past its recourse period was charged back to the client. */
	CHARGEBACK,
	/** A non-recourse invoice was written off: the factor's credit loss. */
	WRITE_OFF,
	/** A bounced payment reopened the invoice. */
	REVERSAL

}
