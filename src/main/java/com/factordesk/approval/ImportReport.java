package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.approval.bankfile.StatementFile;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

/**
 * What importing a bank statement file did, line by line: imported, already present (the
 * same line imported before), skipped (a debit, not booked) or refused (which field,
 * why). A CSV file with any refused line imports nothing; in a CAMT.053 statement an
 * entry that cannot be a receipt (another currency) is refused alone.
 */
public record ImportReport(String fileName, StatementFile.Format format, Outcome outcome, List<Line> lines,
		List<Violation> fileProblems) {

	public ImportReport {
		lines = List.copyOf(lines);
		fileProblems = List.copyOf(fileProblems);
	}

	public long count(Status status) {
		return this.lines.stream().filter((line) -> line.status() == status).count();
	}

	public long imported() {
		return count(Status.IMPORTED);
	}

	public long alreadyPresent() {
		return count(Status.ALREADY_PRESENT);
	}

	public long skipped() {
		return count(Status.SKIPPED);
	}

	public long refused() {
		return count(Status.REFUSED);
	}

	/**
	 * One line of the file and what became of it.
	 *
	 * @param paymentId the receipt it is (imported or already present), or {@code null}
	 * @param payerRef the debtor its IBAN identified, or {@code null}
	 */
	public record Line(int line, Status status, LocalDate receivedOn, Money amount, String counterparty,
			String reference, Long paymentId, String payerRef, List<Violation> problems) {

		public Line {
			problems = List.copyOf(problems);
		}

	}

	/**
	 * What became of a line.
	 */
	public enum Status {

		IMPORTED, ALREADY_PRESENT, SKIPPED, REFUSED,

		/** A valid line of a file refused as a whole. */
		NOT_IMPORTED

	}

	/**
	 * What became of the file.
	 */
	public enum Outcome {

		/** At least one receipt was added. */
		IMPORTED,

		/** Nothing new: every receipt was there already, or there was none. */
		UNCHANGED,

		/** Nothing imported: the file, or a line of a CSV file, is not valid. */
		REFUSED

	}

}
