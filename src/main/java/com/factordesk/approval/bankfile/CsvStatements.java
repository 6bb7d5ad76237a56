package com.factordesk.approval.bankfile;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.factordesk.shared.Violation;

/**
 * Reads a CSV bank statement (DESIGN section 4b): UTF-8, a header row
 * {@code date,amount,counterparty,iban,remittance}, comma-separated with RFC 4180 quotes,
 * ISO dates and amounts with a point. A negative amount is a debit: skipped. Each line's
 * fingerprint is its date, amount, IBAN and remittance with the number of times the same
 * four came before it in the file, so the same file read twice gives the same
 * fingerprints.
 */
public final class CsvStatements {

	static final List<String> HEADER = List.of("date", "amount", "counterparty", "iban", "remittance");

	private CsvStatements() {
	}

	public static StatementFile read(byte[] content) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return StatementFile.unreadable(StatementFile.Format.CSV,
					Violation.of("receipts.file.notUtf8", "The file is not UTF-8 text"));
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<Record> records;
		try {
			records = records(text);
		}
		catch (UnclosedQuote ex) {
			return StatementFile.unreadable(StatementFile.Format.CSV, Violation.of("receipts.csv.unclosedQuote",
					"A quoted field opened on line " + ex.line + " is not closed", String.valueOf(ex.line)));
		}
		if (records.isEmpty() || !HEADER
			.equals(records.get(0).fields.stream().map((field) -> field.strip().toLowerCase(Locale.ROOT)).toList())) {
			String found = records.isEmpty() ? "" : String.join(",", records.get(0).fields);
			return StatementFile.unreadable(StatementFile.Format.CSV, Violation.of("receipts.csv.header",
					"The first line must be date,amount,counterparty,iban,remittance", found));
		}
		List<StatementEntry> entries = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Record record : records.subList(1, records.size())) {
			if (record.fields.size() == 1 && record.fields.get(0).isBlank()) {
				continue; // an empty line
			}
			entries.add(entry(record, seen));
		}
		return new StatementFile(StatementFile.Format.CSV, entries, List.of());
	}

	private static StatementEntry entry(Record record, Map<String, Integer> seen) {
		List<Violation> problems = new ArrayList<>();
		if (record.fields.size() != HEADER.size()) {
			problems.add(Violation.onField("row", "receipts.csv.fields",
					"Expected 5 fields, found " + record.fields.size(), String.valueOf(record.fields.size())));
			return StatementEntry.invalid(record.line, problems);
		}
		LocalDate date = LineFields.date("date", record.fields.get(0), problems);
		BigDecimal amount = LineFields.amount(record.fields.get(1), problems);
		String counterparty = LineFields.text("counterparty", record.fields.get(2), LineFields.COUNTERPARTY_MAX,
				problems);
		String iban = LineFields.iban(record.fields.get(3), problems);
		String remittance = LineFields.text("remittance", record.fields.get(4), LineFields.REMITTANCE_MAX, problems);
		if (!problems.isEmpty()) {
			return StatementEntry.invalid(record.line, problems);
		}
		if (amount.signum() < 0) {
			return StatementEntry.skipped(record.line, Violation.onField("amount", "receipts.line.debit",
					"A debit of " + amount.abs() + ": only credits are receipts", LineFields.money(amount)));
		}
		String key = String.join("|", date.toString(), amount.toPlainString(), String.valueOf(iban),
				String.valueOf(remittance));
		int occurrence = seen.merge(key, 1, Integer::sum);
		String fingerprint = Fingerprints.of("CSV", key, occurrence);
		return StatementEntry.credit(record.line, new BankLine(date, LineFields.money(amount), counterparty, iban,
				remittance, "CSV-" + fingerprint.substring(0, 16).toUpperCase(Locale.ROOT), fingerprint));
	}

	/**
	 * The records of RFC 4180 text: fields separated by commas, a field in double quotes
	 * may hold commas, line breaks and doubled quotes; each record with the line it
	 * starts on.
	 */
	static List<Record> records(String text) {
		List<Record> records = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int line = 1;
		int recordLine = 1;
		int quoteLine = 0;
		boolean quoted = false;
		boolean any = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
				continue;
			}
			switch (c) {
				case '"' -> {
					quoted = true;
					quoteLine = line;
					any = true;
				}
				case ',' -> {
					fields.add(field.toString());
					field.setLength(0);
					any = true;
				}
				case '\r' -> {
					// part of CRLF: the line ends at the LF
				}
				case '\n' -> {
					fields.add(field.toString());
					records.add(new Record(recordLine, List.copyOf(fields)));
					fields.clear();
					field.setLength(0);
					any = false;
					line++;
					recordLine = line;
				}
				default -> {
					field.append(c);
					any = true;
				}
			}
		}
		if (quoted) {
			throw new UnclosedQuote(quoteLine);
		}
		if (any || field.length() > 0) {
			fields.add(field.toString());
			records.add(new Record(recordLine, List.copyOf(fields)));
		}
		return records;
	}

	record Record(int line, List<String> fields) {
	}

	private static final class UnclosedQuote extends RuntimeException {

		private final int line;

		UnclosedQuote(int line) {
			super(null, null, false, false);
			this.line = line;
		}

	}

}
