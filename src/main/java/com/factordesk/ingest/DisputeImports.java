package com.factordesk.ingest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.factordesk.approval.DisputeFileIntake;
import com.factordesk.audit.AuditTrail;
import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BulkWrites;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a disputes file (DESIGN section 7:
 * {@code client_ref,invoice_number,opened_date,reason,amount,resolved_date,outcome}) all
 * or nothing: each row checked on its own as the file streams in (a reason of the list,
 * an amount above zero, days not after today, resolved not before opened, an outcome with
 * its resolved date or neither), then against the book ({@link DisputeFileIntake}: an
 * invoice the desk knows, open, disputed at most for what is open on it, not before it
 * was issued). The same file twice changes nothing; a later export that brings the
 * outcome of a dispute still open resolves it. The debtors concerned are re-scored after
 * the commit.
 */
@Service
public class DisputeImports {

	/**
	 * The kind in the API's path and the report.
	 */
	public static final String KIND = "disputes";

	static final List<String> HEADER = List.of("client_ref", "invoice_number", "opened_date", "reason", "amount",
			"resolved_date", "outcome");

	private static final String REASONS = Arrays.stream(DisputeReason.values())
		.map((reason) -> reason.name().toLowerCase(Locale.ROOT))
		.collect(Collectors.joining(", "));

	private final DisputeFileIntake intake;

	private final AuditTrail audit;

	private final AdvisoryLocks locks;

	private final BulkWrites bulk;

	private final Clock clock;

	DisputeImports(DisputeFileIntake intake, AuditTrail audit, AdvisoryLocks locks, BulkWrites bulk, Clock clock) {
		this.intake = intake;
		this.audit = audit;
		this.locks = locks;
		this.bulk = bulk;
		this.clock = clock;
	}

	/**
	 * Imports the file; on a rejection nothing is written.
	 * @param csv the file, UTF-8; read to its end, not closed
	 */
	@PreAuthorize("hasAuthority('ROLE_API_IMPORT') or hasRole('ADMIN')")
	@Transactional
	public ImportOutcome importFile(InputStream csv) {
		this.locks.lockForTransaction(AdvisoryLocks.Key.IMPORT);
		this.bulk.begin();
		LocalDate today = LocalDate.now(this.clock);
		Problems problems = new Problems();
		List<DisputeFileIntake.Row> read = new ArrayList<>();
		long rows = CsvFiles.readFixed(csv, HEADER, (record, found) -> row(record, found, today, read), problems);
		// the rows valid on their own are checked against the book even when others are
		// not, so that one report lists every row to fix
		DisputeFileIntake.Checked checked = this.intake.check(read);
		checked.problems().forEach((problem) -> problems.add(problem.line(), problem.violation()));
		if (!problems.isEmpty()) {
			return rejected(rows, problems);
		}
		DisputeFileIntake.Taken taken = this.intake.takeIn(read, checked);
		if (!taken.problems().isEmpty()) {
			taken.problems().forEach((problem) -> problems.add(problem.line(), problem.violation()));
			return rejected(rows, problems);
		}
		ImportOutcome.Disputes disputes = new ImportOutcome.Disputes(taken.opened(), taken.resolved(),
				taken.creditNotes(), taken.credited());
		long imported = rows - taken.unchanged();
		if (imported == 0) {
			return new ImportOutcome(KIND, ImportStatus.UNCHANGED, rows, List.of(), 0, 0, taken.unchanged(), List.of(),
					List.of(), 0, null, disputes, List.of(), null);
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rows", rows);
		after.put("opened", taken.opened());
		after.put("resolved", taken.resolved());
		after.put("unchanged", taken.unchanged());
		after.put("creditNotes", taken.creditNotes());
		after.put("credited", taken.credited().amount());
		this.audit.record("import.disputes", "import", KIND, null, after);
		return new ImportOutcome(KIND, ImportStatus.IMPORTED, rows, List.of(), 0, imported, taken.unchanged(),
				List.of(), List.of(), taken.debtors(), null, disputes, List.of(), null);
	}

	/**
	 * The report of a rejected file; nothing it wrote stands.
	 */
	private static ImportOutcome rejected(long rows, Problems problems) {
		TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		return ImportOutcome.rejected(KIND, rows, problems.listed(), problems.count());
	}

	private static void row(CsvRecords.CsvRecord record, Problems problems, LocalDate today,
			List<DisputeFileIntake.Row> read) {
		List<String> fields = record.fields();
		int line = record.line();
		long before = problems.count();
		String clientRef = InvoiceColumns.text(fields.get(0), "client_ref", 32, true, line, problems);
		String number = InvoiceColumns.text(fields.get(1), "invoice_number", 64, true, line, problems);
		LocalDate openedOn = notAfter(today, InvoiceColumns.date(fields.get(2), "opened_date", true, line, problems),
				"opened_date", line, problems);
		DisputeReason reason = reason(fields.get(3), line, problems);
		BigDecimal amount = InvoiceColumns.amount(fields.get(4), "amount", line, problems);
		LocalDate resolvedOn = notAfter(today,
				InvoiceColumns.date(fields.get(5), "resolved_date", false, line, problems), "resolved_date", line,
				problems);
		DisputeOutcome outcome = outcome(fields.get(6), line, problems);
		if (resolvedOn != null && openedOn != null && resolvedOn.isBefore(openedOn)) {
			problems.add(line,
					Violation.onField("resolved_date", "import.disputes.resolvedBeforeOpened",
							"resolved_date " + resolvedOn + " is before opened_date " + openedOn, resolvedOn.toString(),
							openedOn.toString()));
		}
		if (problems.count() == before && (resolvedOn == null) != (outcome == null)) {
			problems.add(line,
					(outcome == null)
							? Violation.onField("outcome", "import.disputes.outcomeMissing",
									"outcome is empty: a resolved dispute needs one (withdrawn or credit_note)")
							: Violation.onField("resolved_date", "import.disputes.resolvedMissing",
									"resolved_date is empty: a dispute with an outcome needs the day it was resolved"));
		}
		if (problems.count() == before) {
			read.add(new DisputeFileIntake.Row(line, clientRef, number, openedOn, reason, Money.of(amount), resolvedOn,
					outcome));
		}
	}

	private static LocalDate notAfter(LocalDate today, LocalDate date, String field, int line, Problems problems) {
		if (date != null && date.isAfter(today)) {
			problems.add(line, Violation.onField(field, "import.disputes.future",
					field + " " + date + " is after today, " + today, field, date.toString(), today.toString()));
			return null;
		}
		return date;
	}

	private static DisputeReason reason(String value, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			problems.add(line, Violation.onField("reason", "import.row.empty", "reason is empty", "reason"));
			return null;
		}
		try {
			return DisputeReason.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(line,
					Violation.onField("reason", "import.disputes.reason",
							"reason '" + InvoiceColumns.clip(text) + "' is not one of " + REASONS,
							InvoiceColumns.clip(text), REASONS));
			return null;
		}
	}

	private static DisputeOutcome outcome(String value, int line, Problems problems) {
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return DisputeOutcome.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(line,
					Violation.onField("outcome", "import.disputes.outcome",
							"outcome '" + InvoiceColumns.clip(text) + "' is not withdrawn or credit_note",
							InvoiceColumns.clip(text)));
			return null;
		}
	}

}
