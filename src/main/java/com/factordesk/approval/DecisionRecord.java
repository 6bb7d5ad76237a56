package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Instant;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * One decision on an invoice as recorded: who, when, the status it moved from and to, the
 * advance, the reason, and what the approval used, frozen: the debtor's score and grade
 * (and the snapshot they came from), the pricing versions, the rates and the quote's
 * lines (as JSON), and the limits it was checked against (as JSON).
 *
 * @param id the decision's number
 * @param invoiceId the invoice decided
 * @param kind what the decision did
 * @param decidedBy who decided (a user name, or {@code system})
 * @param decidedAt when
 * @param fromStatus the invoice's status before
 * @param toStatus the invoice's status after
 * @param advance the advance decided, when the decision concerns one
 * @param reasonCode a rejection reason or a verification outcome
 * @param note the decider's note
 * @param overrideReason why a manager overrode a limit
 * @param contactId the debtor contact a verification reached
 * @param score the debtor's score used
 * @param grade its grade
 * @param scoreSnapshotId the snapshot the score came from
 * @param bandSetVersion the pricing band version used
 * @param parametersVersion the pricing parameters version used
 * @param advanceRate the quote's advance rate
 * @param feeRate the quote's fee rate per 30 days
 * @param quotedAdvance the advance quoted (the most that may be approved)
 * @param expectedFee the quote's expected fee
 * @param quoteJson the quote, frozen, as JSON
 * @param limitsJson the limits checked, as JSON
 */
public record DecisionRecord(long id, long invoiceId, DecisionKind kind, String decidedBy, Instant decidedAt,
		InvoiceStatus fromStatus, InvoiceStatus toStatus, Money advance, String reasonCode, String note,
		String overrideReason, Long contactId, BigDecimal score, String grade, Long scoreSnapshotId,
		Integer bandSetVersion, Integer parametersVersion, Rate advanceRate, Rate feeRate, Money quotedAdvance,
		Money expectedFee, String quoteJson, String limitsJson) {

	/**
	 * Whether this decision carries a frozen quote (an approval, or one held at once).
	 */
	public boolean hasQuote() {
		return this.quoteJson != null;
	}

}
