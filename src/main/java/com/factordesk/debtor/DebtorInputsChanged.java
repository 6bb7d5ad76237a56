package com.factordesk.debtor;

/**
 * Something that feeds a debtor's risk score changed: an invoice was submitted or moved
 * on, a payment applied, a dispute opened or resolved, a credit note issued or a bureau
 * score recorded. The debtor is re-scored right after the change commits. A fact recorded
 * on an invoice names the invoice (its debtor is looked up after the commit, so that
 * nothing is loaded while the change is being flushed); any other names its debtor.
 *
 * @param debtorId the debtor whose inputs changed, or {@code null} when the invoice is
 * named
 * @param invoiceId the invoice whose facts changed, or {@code null} when the debtor is
 * named
 * @param cause what changed, in a few words ("payment applied")
 */
public record DebtorInputsChanged(Long debtorId, Long invoiceId, String cause) {

	public DebtorInputsChanged {
		if ((debtorId == null) == (invoiceId == null)) {
			throw new IllegalArgumentException("Name either the debtor or the invoice whose facts changed");
		}
	}

	public DebtorInputsChanged(long debtorId, String cause) {
		this(debtorId, null, cause);
	}

	/**
	 * A change to a fact recorded on an invoice.
	 */
	public static DebtorInputsChanged onInvoice(long invoiceId, String cause) {
		return new DebtorInputsChanged(null, invoiceId, cause);
	}

}
