package com.factordesk.approval.bankfile;

import java.util.List;

import com.factordesk.shared.Violation;

/**
 * One line of a bank statement file, as read: a credit to record, a line skipped (a
 * debit, an entry not booked yet) or a line that is not valid.
 *
 * @param line where it starts in the file (1 is the first line; the CSV header is line 1)
 * @param kind what the line is
 * @param receipt the credit to record, for a {@link Kind#CREDIT} only
 * @param problems why it is skipped or invalid, each naming its field; empty for a credit
 */
public record StatementEntry(int line, Kind kind, BankLine receipt, List<Violation> problems) {

	public StatementEntry {
		problems = List.copyOf(problems);
	}

	static StatementEntry credit(int line, BankLine receipt) {
		return new StatementEntry(line, Kind.CREDIT, receipt, List.of());
	}

	static StatementEntry skipped(int line, Violation why) {
		return new StatementEntry(line, Kind.SKIPPED, null, List.of(why));
	}

	static StatementEntry invalid(int line, List<Violation> problems) {
		return new StatementEntry(line, Kind.INVALID, null, problems);
	}

	/**
	 * What a line of a statement is.
	 */
	public enum Kind {

		/** A booked credit in euros: a receipt. */
		CREDIT,

		/** A debit or an entry not booked: nothing to record. */
		SKIPPED,

		/** A line that cannot be read as a receipt. */
		INVALID

	}

}
