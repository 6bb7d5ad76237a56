package com.factordesk.ingest;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BulkWrites;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.debtor.BureauScoreIntake;
import com.factordesk.shared.Violation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a bureau scores file (DESIGN section 7:
 * {@code debtor_ref,provider,score,as_of}) all or nothing, as {@link InvoiceImports} does
 * an invoices file: each row checked on its own as the file streams in (a provider the
 * desk knows, a whole score from 0 to 100, a day not after today), then together against
 * the book (a known debtor, the same reading twice, a reading known with another score).
 * A reading equal to one already known changes nothing; each debtor with a new reading is
 * re-scored once, after the commit.
 */
@Service
public class BureauScoreImports {

	/**
	 * The kind in the API's path and the report.
	 */
	public static final String KIND = "bureau-scores";

	static final List<String> HEADER = List.of("debtor_ref", "provider", "score", "as_of");

	private static final Pattern SCORE = Pattern.compile("\\d{1,3}");

	private final BureauScoreIntake intake;

	private final AuditTrail audit;

	private final AdvisoryLocks locks;

	private final BulkWrites bulk;

	private final Clock clock;

	BureauScoreImports(BureauScoreIntake intake, AuditTrail audit, AdvisoryLocks locks, BulkWrites bulk, Clock clock) {
		this.locks = locks;
		this.bulk = bulk;
		this.intake = intake;
		this.audit = audit;
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
		BureauScoreIntake.Staging staging = this.intake.stage();
		LocalDate today = LocalDate.now(this.clock);
		Problems problems = new Problems();
		long rows = CsvFiles.readFixed(csv, HEADER, (record, found) -> row(record, found, today, staging), problems);
		if (problems.isEmpty()) {
			staging.finish();
			this.intake.check().forEach((problem) -> problems.add(problem.line(), problem.violation()));
		}
		if (!problems.isEmpty()) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return ImportOutcome.rejected(KIND, rows, problems.listed(), problems.count());
		}
		BureauScoreIntake.Recorded recorded = this.intake.record();
		if (recorded.readings() == 0) {
			return new ImportOutcome(KIND, ImportStatus.UNCHANGED, rows, List.of(), 0, 0, recorded.unchanged(),
					List.of(), List.of(), 0, null, null, List.of(), null);
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("rows", rows);
		after.put("imported", recorded.readings());
		after.put("unchanged", recorded.unchanged());
		this.audit.record("import.bureau-scores", "import", KIND, null, after);
		return new ImportOutcome(KIND, ImportStatus.IMPORTED, rows, List.of(), 0, recorded.readings(),
				recorded.unchanged(), List.of(), List.of(), recorded.debtors(), null, null, List.of(), null);
	}

	private static void row(CsvRecords.CsvRecord record, Problems problems, LocalDate today,
			BureauScoreIntake.Staging staging) {
		List<String> fields = record.fields();
		int line = record.line();
		long before = problems.count();
		String debtorRef = InvoiceColumns.text(fields.get(0), "debtor_ref", 32, true, line, problems);
		BureauProvider provider = provider(fields.get(1), line, problems);
		Integer score = score(fields.get(2), line, problems);
		LocalDate asOf = InvoiceColumns.date(fields.get(3), "as_of", true, line, problems);
		if (asOf != null && asOf.isAfter(today)) {
			problems.add(line, Violation.onField("as_of", "import.bureau.future",
					"as_of " + asOf + " is after today, " + today, asOf.toString(), today.toString()));
		}
		if (problems.count() == before && problems.isEmpty()) {
			staging.add(line, debtorRef, provider, score, asOf);
		}
	}

	private static BureauProvider provider(String value, int line, Problems problems) {
		String text = value.strip().toUpperCase(Locale.ROOT);
		return Arrays.stream(BureauProvider.values())
			.filter((provider) -> provider.name().equals(text))
			.findFirst()
			.orElseGet(() -> {
				String known = Arrays.stream(BureauProvider.values()).map(Enum::name).collect(Collectors.joining(", "));
				problems.add(line,
						Violation.onField("provider", "import.bureau.unknownProvider",
								"'" + InvoiceColumns.clip(value.strip()) + "' is not a bureau: one of " + known,
								InvoiceColumns.clip(value.strip()), known));
				return null;
			});
	}

	private static Integer score(String value, int line, Problems problems) {
		String text = value.strip();
		if (!SCORE.matcher(text).matches() || Integer.parseInt(text) > 100) {
			problems.add(line,
					Violation.onField("score", "import.bureau.score",
							"score '" + InvoiceColumns.clip(text) + "' is not a whole number from 0 to 100",
							InvoiceColumns.clip(text)));
			return null;
		}
		return Integer.parseInt(text);
	}

}
