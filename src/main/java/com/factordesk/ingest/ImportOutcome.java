package com.factordesk.ingest;

import java.util.List;

import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

/**
 * What an import did, or why it did nothing.
 *
 * @param kind the kind of file ({@code invoices})
 * @param status imported, rejected or unchanged
 * @param rows the data rows read (the header not counted)
 * @param problems the invalid rows, by line, at most {@link #LISTED} of them
 * @param problemCount how many rule breaks were found in all
 * @param imported the rows that changed the book
 * @param unchanged the rows already in the book as they are
 * @param clientsOpened the refs of the clients the file opened
 * @param debtorsRegistered the refs of the debtors the file registered
 * @param rescored the debtors whose re-scores were asked for
 * @param cash what a payments file applied and left unapplied, {@code null} for the other
 * kinds
 * @param disputes what a disputes file opened, resolved and credited, {@code null} for
 * the other kinds
 * @param likelyDuplicates the debtors the file registered that are likely another
 * debtor's legal entity, to merge or keep apart, at most {@link #LISTED}
 * @param takeover what an invoices file's rows with a funded date took over (advances,
 * reserves, and the debtors and facilities left over a limit), {@code null} when none
 */
public record ImportOutcome(String kind, ImportStatus status, long rows, List<Problem> problems, long problemCount,
		long imported, long unchanged, List<String> clientsOpened, List<String> debtorsRegistered, long rescored,
		Cash cash, Disputes disputes, List<LikelyDuplicate> likelyDuplicates,
		com.factordesk.approval.FundedBookTakeover.Takeover takeover) {

	/**
	 * The most invalid rows a report lists; the count says how many there were.
	 */
	public static final int LISTED = 10_000;

	static ImportOutcome rejected(String kind, long rows, List<Problem> problems, long problemCount) {
		return new ImportOutcome(kind, ImportStatus.REJECTED, rows, problems, problemCount, 0, 0, List.of(), List.of(),
				0, null, null, List.of(), null);
	}

	/**
	 * A rule one row breaks.
	 *
	 * @param line the line of the file, the header being line 1
	 * @param violation the rule, its field the file's column ({@code null} for the whole
	 * row or file)
	 */
	public record Problem(long line, Violation violation) {
	}

	/**
	 * What a payments file's new receipts did.
	 *
	 * @param applied applied to invoices, each up to what was open on it
	 * @param unapplied left on the receipts as unapplied cash (paid above what was open,
	 * or for an invoice not open)
	 * @param invoicesPaid the invoices the file paid in full
	 */
	public record Cash(Money applied, Money unapplied, long invoicesPaid) {
	}

	/**
	 * A debtor the file registered and another debtor whose name (without legal form,
	 * case and punctuation) and country are alike.
	 */
	public record LikelyDuplicate(String debtorRef, String name, String likeRef, String likeName) {
	}

	/**
	 * What a disputes file did.
	 *
	 * @param opened disputes opened
	 * @param resolved disputes resolved (opened by the file or before it)
	 * @param creditNotes credit notes entered for disputes settled by one
	 * @param credited their total
	 */
	public record Disputes(long opened, long resolved, long creditNotes, Money credited) {
	}

}
