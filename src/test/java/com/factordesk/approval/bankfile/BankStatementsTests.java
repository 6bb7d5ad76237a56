package com.factordesk.approval.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.approval.bankfile.StatementEntry.Kind;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank statement readers on hand-written files (src/test/resources/bankfiles): the
 * credits as receipts, debits and entries not booked skipped, invalid lines with their
 * field and why, and the same file read twice giving the same fingerprints.
 */
class BankStatementsTests {

	@Test
	void aCamt053Version02GivesItsBookedEuroCreditsOneLinePerTransaction() throws IOException {
		StatementFile file = BankStatements.read(sample("camt053-001-02.xml"));

		assertThat(file.format()).isEqualTo(StatementFile.Format.CAMT053);
		assertThat(file.fileProblems()).isEmpty();
		assertThat(file.entries()).extracting(StatementEntry::kind)
			.containsExactly(Kind.CREDIT, Kind.SKIPPED, Kind.INVALID, Kind.SKIPPED, Kind.CREDIT, Kind.CREDIT);
		BankLine acme = file.entries().get(0).receipt();
		assertThat(acme).isEqualTo(new BankLine(LocalDate.of(2026, 11, 20), Money.of("1250.00"), "Acme Retail B.V.",
				"DE89370400440532013000", "Invoice INV-2026-000101", "ACSR-0001", acme.fingerprint()));
		assertThat(acme.fingerprint()).hasSize(64);
		assertThat(file.entries().get(0).line()).isEqualTo(22);

		assertThat(file.entries().get(1).problems()).extracting(Violation::code, Violation::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("receipts.line.debit", "amount"));
		assertThat(file.entries().get(1).problems().get(0).arguments()).containsExactly(Money.of("300.00"));
		assertThat(file.entries().get(2).problems()).extracting(Violation::code, Violation::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("receipts.line.currency", "currency"));
		assertThat(file.entries().get(2).problems().get(0).arguments()).containsExactly("USD");
		assertThat(file.entries().get(3).problems().get(0).code()).isEqualTo("receipts.line.notBooked");

		// the batch: one receipt per transaction, each with its own amount and reference
		BankLine zon = file.entries().get(4).receipt();
		BankLine garage = file.entries().get(5).receipt();
		assertThat(zon.amount()).isEqualTo(Money.of("500.00"));
		assertThat(zon.reference()).isEqualTo("ACSR-0005-A");
		assertThat(zon.remittance()).isEqualTo("RF18539007547034");
		assertThat(zon.iban()).isEqualTo("BE68539007547034");
		assertThat(garage.amount()).isEqualTo(Money.of("250.50"));
		assertThat(garage.counterparty()).isEqualTo("Garage Noord");
		assertThat(garage.iban()).isNull();
		assertThat(garage.remittance()).isEqualTo("INV-7 and INV-8");
		assertThat(file.entries().get(5).line()).isGreaterThan(file.entries().get(4).line());
		assertThat(List.of(acme.fingerprint(), zon.fingerprint(), garage.fingerprint())).doesNotHaveDuplicates();
		assertThat(file.hasInvalidLines()).isTrue();
	}

	@Test
	void aCamt053Version08ReadsTheDebtorUnderItsPartyAndTheDateOfADateTime() throws IOException {
		StatementFile file = BankStatements.read(sample("camt053-001-08.xml"));

		assertThat(file.entries()).extracting(StatementEntry::kind)
			.containsExactly(Kind.CREDIT, Kind.SKIPPED, Kind.CREDIT);
		BankLine jansen = file.entries().get(0).receipt();
		assertThat(jansen.receivedOn()).isEqualTo(LocalDate.of(2026, 11, 24));
		assertThat(jansen.amount()).isEqualTo(Money.of("2000.00"));
		assertThat(jansen.counterparty()).isEqualTo("Fietsen Jansen");
		assertThat(jansen.iban()).isEqualTo("GB29NWBK60161331926819");
		assertThat(jansen.remittance()).isEqualTo("payment invoices TI-1, TI-2");
		assertThat(jansen.reference()).isEqualTo("V8-0001");
		// no booking date: the value date; no reference: one made from the fingerprint
		BankLine deposit = file.entries().get(2).receipt();
		assertThat(deposit.receivedOn()).isEqualTo(LocalDate.of(2026, 11, 23));
		assertThat(deposit.remittance()).isEqualTo("cash deposit");
		assertThat(deposit.reference()).isEqualTo("CAMT-" + deposit.fingerprint().substring(0, 16).toUpperCase());
		assertThat(file.hasInvalidLines()).isFalse();
	}

	@Test
	void theSameFileReadTwiceGivesTheSameFingerprints() throws IOException {
		for (String name : List.of("camt053-001-02.xml", "camt053-001-08.xml", "receipts.csv")) {
			assertThat(fingerprints(BankStatements.read(sample(name))))
				.isEqualTo(fingerprints(BankStatements.read(sample(name))))
				.isNotEmpty()
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void aCsvStatementGivesItsCreditsAndSkipsItsDebits() throws IOException {
		StatementFile file = BankStatements.read(sample("receipts.csv"));

		assertThat(file.format()).isEqualTo(StatementFile.Format.CSV);
		assertThat(file.entries()).extracting(StatementEntry::kind, StatementEntry::line)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.CREDIT, 2),
					org.assertj.core.groups.Tuple.tuple(Kind.CREDIT, 3),
					org.assertj.core.groups.Tuple.tuple(Kind.SKIPPED, 4),
					org.assertj.core.groups.Tuple.tuple(Kind.CREDIT, 5),
					org.assertj.core.groups.Tuple.tuple(Kind.CREDIT, 6));
		BankLine zon = file.entries().get(1).receipt();
		assertThat(zon.amount()).isEqualTo(Money.of("250.50"));
		assertThat(zon.counterparty()).isEqualTo("Bakkerij \"De Zon\"");
		assertThat(zon.iban()).isEqualTo("BE68539007547034");
		assertThat(zon.remittance()).isEqualTo("INV-7, INV-8");
		assertThat(zon.reference()).startsWith("CSV-").hasSize(20);
		// the same line twice in one file: two receipts, told apart by their occurrence
		assertThat(file.entries().get(3).receipt().fingerprint())
			.isNotEqualTo(file.entries().get(4).receipt().fingerprint());
		assertThat(file.entries().get(3).receipt().iban()).isNull();
		assertThat(file.entries().get(3).receipt().remittance()).isNull();
		assertThat(file.hasInvalidLines()).isFalse();
	}

	@Test
	void aCsvStatementSaysForEachBadRowWhichFieldAndWhy() throws IOException {
		StatementFile file = BankStatements.read(sample("receipts-bad.csv"));

		assertThat(file.hasInvalidLines()).isTrue();
		assertThat(file.entries()).extracting(StatementEntry::kind)
			.containsExactly(Kind.CREDIT, Kind.INVALID, Kind.INVALID, Kind.INVALID);
		assertThat(file.entries().get(1).line()).isEqualTo(3);
		assertThat(file.entries().get(1).problems()).extracting(Violation::field, Violation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("date", "receipts.line.date"),
					org.assertj.core.groups.Tuple.tuple("amount", "receipts.line.amount"),
					org.assertj.core.groups.Tuple.tuple("iban", "receipts.line.iban"));
		assertThat(file.entries().get(2).problems()).extracting(Violation::field, Violation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("amount", "receipts.line.amountZero"));
		assertThat(file.entries().get(3).problems()).extracting(Violation::field, Violation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("row", "receipts.csv.fields"));
	}

	@Test
	void aFileThatIsNeitherIsRefusedAsAWhole() {
		assertThat(read("amount,date\n1,2\n").fileProblems()).extracting(Violation::code)
			.containsExactly("receipts.csv.header");
		assertThat(read("").fileProblems()).extracting(Violation::code).containsExactly("receipts.csv.header");
		assertThat(read("date,amount,counterparty,iban,remittance\n2026-11-20,1.00,\"open,,\n").fileProblems())
			.extracting(Violation::code)
			.containsExactly("receipts.csv.unclosedQuote");
		assertThat(BankStatements.read(new byte[] { 'd', (byte) 0xC3, (byte) 0x28 }).fileProblems())
			.extracting(Violation::code)
			.containsExactly("receipts.file.notUtf8");
		assertThat(read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><Stmt>").fileProblems())
			.extracting(Violation::code)
			.containsExactly("receipts.camt.notXml");
		assertThat(read("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>").fileProblems())
			.extracting(Violation::code)
			.containsExactly("receipts.camt.notCamt");
		// an external entity is never read
		String xxe = """
				<?xml version="1.0"?>
				<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
				<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Ntry>
				<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-20</Dt></BookgDt>
				<AddtlNtryInf>&x;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>
				""";
		StatementFile file = read(xxe);
		assertThat(file.entries().stream().map(StatementEntry::receipt).filter((line) -> line != null))
			.noneMatch((line) -> String.valueOf(line.remittance()).contains("root"));
	}

	private static StatementFile read(String text) {
		return BankStatements.read(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> fingerprints(StatementFile file) {
		return file.entries()
			.stream()
			.filter((entry) -> entry.kind() == Kind.CREDIT)
			.map((entry) -> entry.receipt().fingerprint())
			.toList();
	}

	static byte[] sample(String name) throws IOException {
		try (InputStream in = BankStatementsTests.class.getResourceAsStream("/bankfiles/" + name)) {
			return in.readAllBytes();
		}
	}

}
