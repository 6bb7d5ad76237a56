package com.factordesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.client.ClientIntake;
import com.factordesk.debtor.DebtorIntake;
import com.factordesk.debtor.DebtorIntake.NewDebtor;
import com.factordesk.invoice.InvoiceIntake;
import com.factordesk.invoice.InvoiceIntake.Staging;
import com.factordesk.invoice.InvoiceIntake.TakenIn;
import com.factordesk.invoice.InvoiceIntake.UnknownDebtor;
import com.factordesk.shared.Violation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.util.StopWatch;

/**
 * Imports an invoices file (DESIGN section 7) all or nothing: each row is read and
 * checked on its own as the file streams in (only the row being read is held) and copied
 * to the staging table, then the rows are checked together against the book; a file with
 * any invalid row writes nothing and reports every invalid row with its line, column and
 * reason. A valid file opens the clients and registers the debtors it names for the first
 * time, enters its new invoices in the queue and asks for their debtors' re-scores, once
 * each, after the commit; rows already in the book as they are change nothing, and a file
 * of such rows only is UNCHANGED.
 */
@Service
public class InvoiceImports {

	/**
	 * The kind in the API's path and the report.
	 */
	public static final String KIND = "invoices";

	private static final Logger logger = LoggerFactory.getLogger(InvoiceImports.class);

	private final InvoiceIntake invoices;

	private final ClientIntake clients;

	private final DebtorIntake debtors;

	private final AuditTrail audit;

	InvoiceImports(InvoiceIntake invoices, ClientIntake clients, DebtorIntake debtors, AuditTrail audit) {
		this.invoices = invoices;
		this.clients = clients;
		this.debtors = debtors;
		this.audit = audit;
	}

	/**
	 * Imports the file; on a rejection nothing is written.
	 * @param csv the file, UTF-8; read to its end, not closed
	 * @param actor who imports it (a user or an API key's name), as the invoices'
	 * transitions record it
	 */
	@PreAuthorize("hasAuthority('ROLE_API_IMPORT') or hasRole('ADMIN')")
	@Transactional
	public ImportOutcome importFile(InputStream csv, String actor) {
		StopWatch watch = new StopWatch("invoices import");
		watch.start("read and copy");
		Staging staging = this.invoices.stage();
		Problems problems = new Problems();
		long rows = read(csv, staging, problems);
		if (problems.isEmpty()) {
			staging.finish();
			watch.stop();
			watch.start("check");
			this.invoices.check(this.clients.newFacilityCurrency())
				.forEach((problem) -> problems.add(problem.line(), problem.violation()));
		}
		watch.stop();
		if (!problems.isEmpty()) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return ImportOutcome.rejected(KIND, rows, problems.listed(), problems.count());
		}
		watch.start("open clients");
		Map<String, Long> opened = this.clients.open(this.invoices.unknownClients());
		watch.stop();
		watch.start("register debtors");
		List<UnknownDebtor> unknown = this.invoices.unknownDebtors();
		Map<String, Long> registered = this.debtors.register(unknown.stream()
			.map((debtor) -> new NewDebtor(debtor.ref(), debtor.name(), debtor.registrationNumber(), debtor.country()))
			.toList());
		Map<String, Long> byEntity = new LinkedHashMap<>();
		unknown.forEach((debtor) -> byEntity.put(debtor.entity(), registered.get(debtor.ref())));
		watch.stop();
		watch.start("enter invoices");
		TakenIn takenIn = this.invoices.takeIn(actor, opened, byEntity);
		watch.stop();
		logger.info("Imported {} rows: {}", rows, watch.prettyPrint(java.util.concurrent.TimeUnit.MILLISECONDS));
		if (takenIn.invoices() == 0) {
			return new ImportOutcome(KIND, ImportStatus.UNCHANGED, rows, List.of(), 0, 0, takenIn.unchanged(),
					List.of(), List.of(), 0);
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rows", rows);
		after.put("imported", takenIn.invoices());
		after.put("unchanged", takenIn.unchanged());
		after.put("clientsOpened", opened.size());
		after.put("debtorsRegistered", registered.size());
		this.audit.record("import.invoices", "import", KIND, null, after);
		return new ImportOutcome(KIND, ImportStatus.IMPORTED, rows, List.of(), 0, takenIn.invoices(),
				takenIn.unchanged(), List.copyOf(opened.keySet()), List.copyOf(registered.keySet()), takenIn.debtors());
	}

	/**
	 * Reads the header and the rows, copying valid rows to the staging table until the
	 * first invalid one (from then on only the problems are gathered).
	 * @return the number of data rows
	 */
	private long read(InputStream csv, Staging staging, Problems problems) {
		long rows = 0;
		try (CsvRecords records = new CsvRecords(new NonClosing(csv))) {
			CsvRecords.CsvRecord header = records.next();
			if (header == null) {
				problems.add(1, Violation.of("import.file.empty", "The file is empty"));
				return 0;
			}
			InvoiceColumns columns = InvoiceColumns.of(header.fields());
			if (columns == null) {
				problems.add(1, Violation.of("import.file.header", "The first line must be " + InvoiceColumns.EXPECTED,
						InvoiceColumns.EXPECTED, String.join(",", header.fields())));
				return 0;
			}
			CsvRecords.CsvRecord record;
			while ((record = records.next()) != null) {
				rows++;
				InvoiceRow row = columns.read(record, problems);
				if (row != null && problems.isEmpty()) {
					staging.add(record.line(), row.clientRef(), row.debtorRef(), row.debtorName(), row.number(),
							row.issueDate(), row.dueDate(), row.amount(), row.currency(), row.registrationNumber(),
							row.country());
				}
			}
			if (rows == 0) {
				problems.add(2, Violation.of("import.file.noRows", "The file has a header and no rows"));
			}
		}
		catch (CsvRecords.Unreadable ex) {
			problems.add(ex.line(), Violation.of(ex.code(), ex.getMessage(), ex.line()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/**
	 * The problems found so far: all counted, the first {@link ImportOutcome#LISTED}
	 * kept.
	 */
	static final class Problems {

		private final List<ImportOutcome.Problem> listed = new ArrayList<>();

		private long count;

		void add(long line, Violation violation) {
			this.count++;
			if (this.listed.size() < ImportOutcome.LISTED) {
				this.listed.add(new ImportOutcome.Problem(line, violation));
			}
		}

		boolean isEmpty() {
			return this.count == 0;
		}

		long count() {
			return this.count;
		}

		List<ImportOutcome.Problem> listed() {
			return this.listed.stream().sorted((a, b) -> Long.compare(a.line(), b.line())).toList();
		}

	}

	/**
	 * One valid row of an invoices file; the optional fields are {@code null} when empty.
	 */
	record InvoiceRow(String clientRef, String debtorRef, String debtorName, String number,
			java.time.LocalDate issueDate, java.time.LocalDate dueDate, BigDecimal amount, String currency,
			String registrationNumber, String country) {
	}

	/**
	 * The input stream of a request, left open for the container to close.
	 */
	private static final class NonClosing extends java.io.FilterInputStream {

		NonClosing(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

	static String upper(String text) {
		return text.toUpperCase(Locale.ROOT);
	}

}
