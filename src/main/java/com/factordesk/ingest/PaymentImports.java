package com.factordesk.ingest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.approval.PaymentFileIntake;
import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BulkWrites;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a payments file (DESIGN section 7:
 * {@code debtor_ref,client_ref,invoice_number,paid_date,amount}) all or nothing: each row
 * checked on its own as the file streams in (a day, not after today; an amount above
 * zero), then the rows valid on their own together against the book (a client and an
 * invoice the desk knows, owed by the debtor named, issued before it was paid). Each new
 * row is a receipt applied to its invoice up to what is open on it, the rest reported as
 * unapplied cash ({@link PaymentFileIntake}); the same file twice changes nothing. The
 * debtors paid are re-scored once each, after the commit.
 * <p>
 * The rows are held while the file is read (about 200 bytes each) and applied one by one
 * through the desk's cash application, each with its exposure, ledger and settlement: a
 * payments file is a day's or a month's collections, not a book.
 */
@Service
public class PaymentImports {

	/**
	 * The kind in the API's path and the report.
	 */
	public static final String KIND = "payments";

	static final List<String> HEADER = List.of("debtor_ref", "client_ref", "invoice_number", "paid_date", "amount");

	private final PaymentFileIntake intake;

	private final AuditTrail audit;

	private final AdvisoryLocks locks;

	private final BulkWrites bulk;

	private final Clock clock;

	PaymentImports(PaymentFileIntake intake, AuditTrail audit, AdvisoryLocks locks, BulkWrites bulk, Clock clock) {
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
		// one import at a time, across instances: the rows are checked against the book
		// they are written into
		this.locks.lockForTransaction(AdvisoryLocks.Key.IMPORT);
		this.bulk.begin();
		LocalDate today = LocalDate.now(this.clock);
		Problems problems = new Problems();
		List<PaymentFileIntake.Row> read = new ArrayList<>();
		long rows = CsvFiles.readFixed(csv, HEADER, (record, found) -> row(record, found, today, read), problems);
		// the rows valid on their own are checked against the book even when others are
		// not, so that one report lists every row to fix
		PaymentFileIntake.Checked checked = this.intake.check(read);
		checked.problems().forEach((problem) -> problems.add(problem.line(), problem.violation()));
		if (!problems.isEmpty()) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return ImportOutcome.rejected(KIND, rows, problems.listed(), problems.count());
		}
		PaymentFileIntake.Taken taken = this.intake.takeIn(read, checked);
		ImportOutcome.Cash cash = new ImportOutcome.Cash(taken.applied(), taken.unapplied(), taken.invoicesPaid());
		if (taken.receipts() == 0) {
			return new ImportOutcome(KIND, ImportStatus.UNCHANGED, rows, List.of(), 0, 0, taken.unchanged(), List.of(),
					List.of(), 0, cash, null, List.of(), null);
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rows", rows);
		after.put("receipts", taken.receipts());
		after.put("unchanged", taken.unchanged());
		after.put("applied", taken.applied().amount());
		after.put("unapplied", taken.unapplied().amount());
		this.audit.record("import.payments", "import", KIND, null, after);
		return new ImportOutcome(KIND, ImportStatus.IMPORTED, rows, List.of(), 0, taken.receipts(), taken.unchanged(),
				List.of(), List.of(), taken.debtors(), cash, null, List.of(), null);
	}

	private static void row(CsvRecords.CsvRecord record, Problems problems, LocalDate today,
			List<PaymentFileIntake.Row> read) {
		List<String> fields = record.fields();
		int line = record.line();
		long before = problems.count();
		String debtorRef = InvoiceColumns.text(fields.get(0), "debtor_ref", 32, true, line, problems);
		String clientRef = InvoiceColumns.text(fields.get(1), "client_ref", 32, true, line, problems);
		String number = InvoiceColumns.text(fields.get(2), "invoice_number", 64, true, line, problems);
		LocalDate paidOn = InvoiceColumns.date(fields.get(3), "paid_date", true, line, problems);
		if (paidOn != null && paidOn.isAfter(today)) {
			problems.add(line, Violation.onField("paid_date", "import.payments.future",
					"paid_date " + paidOn + " is after today, " + today, paidOn.toString(), today.toString()));
		}
		BigDecimal amount = InvoiceColumns.amount(fields.get(4), "amount", line, problems);
		if (problems.count() == before) {
			read.add(new PaymentFileIntake.Row(line, debtorRef, clientRef, number, paidOn, Money.of(amount)));
		}
	}

}
