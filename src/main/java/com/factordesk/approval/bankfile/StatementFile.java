package com.factordesk.approval.bankfile;

import java.util.List;

import com.factordesk.shared.Violation;

/**
 * A bank statement file as read: its format, its lines, and what makes the file as a
 * whole unreadable (not XML, not a CAMT.053 statement, a CSV without its header).
 */
public record StatementFile(Format format, List<StatementEntry> entries, List<Violation> fileProblems) {

	public StatementFile {
		entries = List.copyOf(entries);
		fileProblems = List.copyOf(fileProblems);
	}

	static StatementFile unreadable(Format format, Violation problem) {
		return new StatementFile(format, List.of(), List.of(problem));
	}

	/**
	 * Whether any line is invalid or the file could not be read.
	 */
	public boolean hasInvalidLines() {
		return !this.fileProblems.isEmpty()
				|| this.entries.stream().anyMatch((entry) -> entry.kind() == StatementEntry.Kind.INVALID);
	}

	/**
	 * The formats a bank statement file comes in.
	 */
	public enum Format {

		/** ISO 20022 bank-to-customer statement (camt.053.001.*). */
		CAMT053,

		/** {@code date,amount,counterparty,iban,remittance}. */
		CSV

	}

}
