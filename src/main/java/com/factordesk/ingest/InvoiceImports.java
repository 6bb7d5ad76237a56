package com.factordesk.ingest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.factordesk.approval.FundedBookTakeover;
import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BulkWrites;
import com.factordesk.client.ClientIntake;
import com.factordesk.debtor.DebtorIntake;
import com.factordesk.debtor.DebtorIntake.NewDebtor;
import com.factordesk.invoice.InvoiceIntake;
import com.factordesk.invoice.InvoiceIntake.Staging;
import com.factordesk.invoice.InvoiceIntake.TakenIn;
import com.factordesk.invoice.InvoiceIntake.UnknownDebtor;

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

	private final AdvisoryLocks locks;

	private final BulkWrites bulk;

	private final FundedBookTakeover takeovers;

	InvoiceImports(InvoiceIntake invoices, ClientIntake clients, DebtorIntake debtors, AuditTrail audit,
			AdvisoryLocks locks, BulkWrites bulk, FundedBookTakeover takeovers) {
		this.locks = locks;
		this.bulk = bulk;
		this.takeovers = takeovers;
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
		// one import at a time, across instances: the rows are checked against the book
		// they are written into
		this.locks.lockForTransaction(AdvisoryLocks.Key.IMPORT);
		this.bulk.begin();
		StopWatch watch = new StopWatch("invoices import");
		watch.start("read and copy");
		Staging staging = this.invoices.stage();
		Problems problems = new Problems();
		long rows = CsvFiles.read(csv, (header) -> {
			InvoiceColumns columns = InvoiceColumns.of(header);
			return (columns == null) ? null : (record, found) -> {
				InvoiceRow row = columns.read(record, found);
				if (row != null && found.isEmpty()) {
					staging.add(record.line(), row.clientRef(), row.debtorRef(), row.debtorName(), row.number(),
							row.issueDate(), row.dueDate(), row.amount(), row.currency(), row.fundedOn(),
							row.registrationNumber(), row.country());
				}
			};
		}, InvoiceColumns.EXPECTED, problems);
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
		watch.start("likely duplicates");
		List<ImportOutcome.LikelyDuplicate> likelyDuplicates = this.debtors
			.likelyDuplicates(registered.keySet(), ImportOutcome.LISTED)
			.stream()
			.map((pair) -> new ImportOutcome.LikelyDuplicate(pair.ref(), pair.name(), pair.likeRef(), pair.likeName()))
			.toList();
		watch.stop();
		watch.start("enter invoices");
		TakenIn takenIn = this.invoices.takeIn(actor, opened, byEntity);
		watch.stop();
		FundedBookTakeover.Takeover takeover = null;
		if (takenIn.funded() > 0) {
			watch.start("take over funded invoices");
			takeover = this.takeovers.takeOver(takenIn.firstFunded(), takenIn.lastFunded(), actor,
					ImportOutcome.LISTED);
			watch.stop();
		}
		logger.info("Imported {} rows: {}", rows, watch.prettyPrint(java.util.concurrent.TimeUnit.MILLISECONDS));
		if (takenIn.invoices() == 0) {
			return new ImportOutcome(KIND, ImportStatus.UNCHANGED, rows, List.of(), 0, 0, takenIn.unchanged(),
					List.of(), List.of(), 0, null, null, List.of(), null);
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rows", rows);
		after.put("imported", takenIn.invoices());
		after.put("unchanged", takenIn.unchanged());
		after.put("clientsOpened", opened.size());
		after.put("debtorsRegistered", registered.size());
		after.put("likelyDuplicates", likelyDuplicates.size());
		if (takeover != null) {
			after.put("takenOverAsFunded", takeover.invoices());
			after.put("advanced", takeover.advanced().amount());
			after.put("debtorsOverLimit", takeover.debtorsOver());
			after.put("facilitiesOverLimit", takeover.facilitiesOver());
		}
		this.audit.record("import.invoices", "import", KIND, null, after);
		return new ImportOutcome(KIND, ImportStatus.IMPORTED, rows, List.of(), 0, takenIn.invoices(),
				takenIn.unchanged(), List.copyOf(opened.keySet()), List.copyOf(registered.keySet()), takenIn.debtors(),
				null, null, likelyDuplicates, takeover);
	}

	/**
	 * One valid row of an invoices file; the optional fields are {@code null} when empty.
	 */
	record InvoiceRow(String clientRef, String debtorRef, String debtorName, String number,
			java.time.LocalDate issueDate, java.time.LocalDate dueDate, BigDecimal amount, String currency,
			java.time.LocalDate fundedOn, String registrationNumber, String country) {
	}

}
