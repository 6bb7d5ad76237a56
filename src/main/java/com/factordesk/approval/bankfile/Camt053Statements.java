package com.factordesk.approval.bankfile;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

/**
 * Reads an ISO 20022 bank-to-customer statement (CAMT.053, camt.053.001.02 to .08 and the
 * versions between: the elements read kept their names) with the JDK's StAX reader: the
 * documented elements by their local names, whatever the version's namespace; no DTD and
 * no external entity is ever read.
 * <p>
 * Each entry ({@code Ntry}) is a line; an entry that books several transactions
 * ({@code NtryDtls/TxDtls}) gives a line per transaction. A credit ({@code CdtDbtInd}
 * CRDT) that is booked (status BOOK) in euros is a receipt: its booking date (else value
 * date), amount, the debtor's name ({@code RltdPties/Dbtr/Nm}, in .08
 * {@code Dbtr/Pty/Nm}) and IBAN ({@code RltdPties/DbtrAcct/Id/IBAN}), the remittance
 * ({@code RmtInf/Ustrd} and {@code RmtInf/Strd/CdtrRefInf/Ref}) and the bank's reference
 * ({@code AcctSvcrRef}, else {@code NtryRef}, else {@code EndToEndId}). Debits and
 * entries not booked are skipped; an entry in another currency, or without an amount or a
 * date, is invalid.
 * <p>
 * The fingerprint of a line is the statement's account, its date, amount and every
 * reference the bank gave (and its place among the entry's transactions); without any
 * reference, its IBAN and remittance with the number of times the same came before it.
 */
public final class Camt053Statements {

	static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.";

	private static final String NOT_PROVIDED = "NOTPROVIDED";

	private Camt053Statements() {
	}

	public static StatementFile read(byte[] content) {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		XMLStreamReader xml = null;
		try {
			xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
			return read(xml);
		}
		catch (XMLStreamException ex) {
			int line = (ex.getLocation() != null) ? ex.getLocation().getLineNumber() : 0;
			return StatementFile.unreadable(StatementFile.Format.CAMT053, Violation.of("receipts.camt.notXml",
					"The file is not well-formed XML (line " + line + ")", String.valueOf(Math.max(line, 0))));
		}
		finally {
			if (xml != null) {
				try {
					xml.close();
				}
				catch (XMLStreamException ex) {
					// nothing held open: the content is in memory
				}
			}
		}
	}

	private static StatementFile read(XMLStreamReader xml) throws XMLStreamException {
		while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
			// to the root element
		}
		if (!xml.isStartElement() || !"Document".equals(xml.getLocalName()) || xml.getNamespaceURI() == null
				|| !xml.getNamespaceURI().startsWith(NAMESPACE)) {
			String found = xml.isStartElement() ? xml.getLocalName() + " " + xml.getNamespaceURI() : "";
			return StatementFile.unreadable(StatementFile.Format.CAMT053, Violation.of("receipts.camt.notCamt",
					"The file is not a CAMT.053 bank statement (its document is " + found + ")", found.strip()));
		}
		List<StatementEntry> entries = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		Deque<String> path = new ArrayDeque<>();
		StringBuilder text = new StringBuilder();
		Fields statement = null;
		Fields entry = null;
		Fields transaction = null;
		List<Fields> transactions = new ArrayList<>();
		path.addLast(xml.getLocalName());
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = xml.getLocalName();
				path.addLast(name);
				text.setLength(0);
				int line = xml.getLocation().getLineNumber();
				if ("Stmt".equals(name) && statement == null) {
					statement = new Fields(path.size(), line);
				}
				else if ("Ntry".equals(name) && statement != null && entry == null) {
					entry = new Fields(path.size(), line);
					transactions = new ArrayList<>();
				}
				else if ("TxDtls".equals(name) && entry != null && transaction == null) {
					transaction = new Fields(path.size(), line);
				}
				Fields innermost = innermost(statement, entry, transaction);
				if (innermost != null) {
					for (int i = 0; i < xml.getAttributeCount(); i++) {
						innermost.add(relative(path, innermost) + "@" + xml.getAttributeLocalName(i),
								xml.getAttributeValue(i));
					}
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				text.append(xml.getText());
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				Fields innermost = innermost(statement, entry, transaction);
				if (innermost != null && !text.isEmpty() && !text.toString().isBlank()) {
					innermost.add(relative(path, innermost), text.toString().strip());
				}
				text.setLength(0);
				if (transaction != null && path.size() == transaction.depth) {
					transactions.add(transaction);
					transaction = null;
				}
				else if (entry != null && path.size() == entry.depth) {
					entries.addAll(lines(statement, entry, transactions, seen));
					entry = null;
				}
				else if (statement != null && path.size() == statement.depth) {
					statement = null;
				}
				path.removeLast();
			}
		}
		return new StatementFile(StatementFile.Format.CAMT053, entries, List.of());
	}

	private static Fields innermost(Fields statement, Fields entry, Fields transaction) {
		return (transaction != null) ? transaction : (entry != null) ? entry : statement;
	}

	private static String relative(Deque<String> path, Fields container) {
		return path.stream().skip(container.depth).collect(Collectors.joining("/"));
	}

	private static List<StatementEntry> lines(Fields statement, Fields entry, List<Fields> transactions,
			Map<String, Integer> seen) {
		if (transactions.isEmpty()) {
			return List.of(line(statement, entry, new Fields(entry.depth, entry.line), 0, false, seen));
		}
		List<StatementEntry> lines = new ArrayList<>();
		boolean batch = transactions.size() > 1;
		for (int i = 0; i < transactions.size(); i++) {
			lines.add(line(statement, entry, transactions.get(i), i + 1, batch, seen));
		}
		return lines;
	}

	private static StatementEntry line(Fields statement, Fields entry, Fields tx, int index, boolean batch,
			Map<String, Integer> seen) {
		int line = batch ? tx.line : entry.line;
		List<Violation> problems = new ArrayList<>();
		String direction = tx.first("CdtDbtInd", entry.first("CdtDbtInd"));
		String amountText = batch ? tx.first("Amt", tx.first("AmtDtls/TxAmt/Amt")) : entry.first("Amt");
		String currency = batch ? tx.first("Amt@Ccy", tx.first("AmtDtls/TxAmt/Amt@Ccy")) : entry.first("Amt@Ccy");
		BigDecimal amount = LineFields.amount(amountText, problems);
		String status = entry.first("Sts", entry.first("Sts/Cd"));
		if (direction == null) {
			problems
				.add(Violation.onField("direction", "receipts.line.missing", "The CdtDbtInd is missing", "direction"));
		}
		else if ("DBIT".equals(direction)) {
			Object shown = (amount != null) ? LineFields.money(amount) : String.valueOf(amountText);
			return StatementEntry.skipped(line, Violation.onField("amount", "receipts.line.debit",
					"A debit of " + shown + ": only credits are receipts", shown));
		}
		if (status != null && !"BOOK".equals(status)) {
			return StatementEntry.skipped(line, Violation.onField("status", "receipts.line.notBooked",
					"Not booked (status " + status + ")", status));
		}
		if (currency != null && !Money.CURRENCY.equals(currency)) {
			problems.add(Violation.onField("currency", "receipts.line.currency",
					"Only receipts in euros are recorded; this one is in " + currency, currency));
		}
		String dateText = entry.first("BookgDt/Dt", datePart(entry.first("BookgDt/DtTm")));
		dateText = (dateText != null) ? dateText : entry.first("ValDt/Dt", datePart(entry.first("ValDt/DtTm")));
		LocalDate date = LineFields.date("date", dateText, problems);
		if (amount != null && amount.signum() < 0) {
			problems.add(Violation.onField("amount", "receipts.line.amount",
					amountText + " is not an amount (digits, a point and at most two decimals)", amountText));
		}
		if (!problems.isEmpty()) {
			return StatementEntry.invalid(line, problems);
		}
		String counterparty = cut(tx.first("RltdPties/Dbtr/Nm", tx.first("RltdPties/Dbtr/Pty/Nm")),
				LineFields.COUNTERPARTY_MAX);
		String iban = LineFields.normalizedIban(tx.first("RltdPties/DbtrAcct/Id/IBAN"));
		String remittance = Stream
			.concat(tx.all("RmtInf/Ustrd").stream(), tx.all("RmtInf/Strd/CdtrRefInf/Ref").stream())
			.collect(Collectors.joining(" "));
		if (remittance.isBlank()) {
			remittance = tx.first("AddtlTxInf", entry.first("AddtlNtryInf"));
		}
		remittance = cut(remittance, LineFields.REMITTANCE_MAX);
		String account = LineFields.normalizedIban(statement != null ? statement.first("Acct/Id/IBAN") : null);
		String entryServicerRef = entry.first("AcctSvcrRef");
		String entryRef = entry.first("NtryRef");
		String txServicerRef = tx.first("Refs/AcctSvcrRef");
		String endToEnd = tx.first("Refs/EndToEndId");
		if (NOT_PROVIDED.equals(endToEnd)) {
			endToEnd = null;
		}
		String fingerprint;
		if (Stream.of(entryServicerRef, entryRef, txServicerRef, endToEnd).anyMatch((ref) -> ref != null)) {
			fingerprint = Fingerprints.of("CAMT053", account, date, amount.toPlainString(), entryServicerRef, entryRef,
					txServicerRef, endToEnd, index);
		}
		else {
			String key = String.join("|", String.valueOf(account), date.toString(), amount.toPlainString(),
					String.valueOf(iban), String.valueOf(remittance));
			fingerprint = Fingerprints.of("CAMT053", key, seen.merge(key, 1, Integer::sum));
		}
		String reference = Stream.of(txServicerRef, entryServicerRef, entryRef, endToEnd)
			.filter((ref) -> ref != null)
			.findFirst()
			.orElse("CAMT-" + fingerprint.substring(0, 16).toUpperCase(Locale.ROOT));
		return StatementEntry.credit(line, new BankLine(date, LineFields.money(amount), counterparty, iban, remittance,
				cut(reference, LineFields.REFERENCE_MAX), fingerprint));
	}

	private static String datePart(String dateTime) {
		return (dateTime != null && dateTime.length() >= 10) ? dateTime.substring(0, 10) : dateTime;
	}

	private static String cut(String text, int max) {
		if (text == null) {
			return null;
		}
		String cleaned = text.strip().replaceAll("\\s+", " ");
		if (cleaned.isEmpty()) {
			return null;
		}
		return (cleaned.length() > max) ? cleaned.substring(0, max) : cleaned;
	}

	/**
	 * The texts under one element (a statement, an entry, a transaction), by their path
	 * below it.
	 */
	private static final class Fields {

		private final int depth;

		private final int line;

		private final Map<String, List<String>> values = new LinkedHashMap<>();

		Fields(int depth, int line) {
			this.depth = depth;
			this.line = line;
		}

		void add(String path, String value) {
			this.values.computeIfAbsent(path, (key) -> new ArrayList<>()).add(value);
		}

		String first(String path) {
			List<String> found = this.values.get(path);
			return (found == null) ? null : found.get(0);
		}

		String first(String path, String otherwise) {
			String found = first(path);
			return (found != null) ? found : otherwise;
		}

		List<String> all(String path) {
			return this.values.getOrDefault(path, List.of());
		}

	}

}
