package com.factordesk.debtor;

/**
 * Something that feeds a debtor's risk score changed: an invoice was submitted, a payment
 * applied, a dispute opened or resolved, a credit note issued or a bureau score recorded.
 * Whoever changes such facts publishes this event; the debtor is re-scored right after
 * the change commits.
 *
 * @param debtorId the debtor whose inputs changed
 * @param cause what changed, in a few words ("payment applied")
 */
public record DebtorInputsChanged(long debtorId, String cause) {

}
