package com.factordesk.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/imports/invoices} (DESIGN section 7): a valid file enters its
 * invoices in the queue and opens the clients and debtors it names first; the same file
 * twice changes nothing; a file with any invalid row writes nothing and reports every
 * invalid row with its line, column and reason. Each test runs in a transaction that is
 * rolled back, so the book is as it was.
 */
@IntegrationTest
@Transactional
class InvoiceImportsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static final String HEADER = "client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	private String knownClient;

	private String knownDebtor;

	private long invoicesBefore;

	@BeforeEach
	void book() {
		this.knownClient = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		this.knownDebtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY id LIMIT 1", String.class);
		this.invoicesBefore = invoices();
	}

	@Test
	void aValidFileEntersItsInvoicesAndOpensWhatItNamesFirst() throws Exception {
		String file = HEADER + "\n" //
				+ this.knownClient + "," + this.knownDebtor + ",,IMP-T-0001,2026-11-02,2026-12-02,1250.50,EUR\n"
				+ this.knownClient + ",ERP-NEW-1,\"Nieuw, Handel B.V.\",IMP-T-0002,2026-11-03,2026-12-31,999.99,EUR\n"
				+ "CNEW-T1,ERP-NEW-1,,IMP-T-0001,2026-11-04,2026-11-30,10,EUR\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.get("rows").asLong()).isEqualTo(3);
		assertThat(report.get("imported").asLong()).isEqualTo(3);
		assertThat(report.get("errors")).isEmpty();
		assertThat(report.get("clientsOpened").valueStream().map(JsonNode::asString)).containsExactly("CNEW-T1");
		assertThat(report.get("debtorsRegistered").valueStream().map(JsonNode::asString)).containsExactly("ERP-NEW-1");
		assertThat(invoices()).isEqualTo(this.invoicesBefore + 3);
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT c.ref AS client, d.ref AS debtor, i.number, i.issue_date, i.due_date, i.amount, i.status,
				       t.changed_by, t.from_status
				FROM invoice i JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
				JOIN invoice_transition t ON t.invoice_id = i.id
				WHERE i.number LIKE 'IMP-T-%' ORDER BY i.id
				""");
		assertThat(rows)
			.extracting((row) -> row.get("client") + " " + row.get("debtor") + " " + row.get("number") + " "
					+ row.get("issue_date") + " " + row.get("due_date") + " " + row.get("amount") + " "
					+ row.get("status") + " " + row.get("changed_by") + " " + row.get("from_status"))
			.containsExactly(
					this.knownClient + " " + this.knownDebtor
							+ " IMP-T-0001 2026-11-02 2026-12-02 1250.50 SUBMITTED api-key:demo-integration null",
					this.knownClient
							+ " ERP-NEW-1 IMP-T-0002 2026-11-03 2026-12-31 999.99 SUBMITTED api-key:demo-integration null",
					"CNEW-T1 ERP-NEW-1 IMP-T-0001 2026-11-04 2026-11-30 10.00 SUBMITTED api-key:demo-integration null");
		Map<String, Object> debtor = this.jdbc
			.queryForMap("SELECT name, registration_number, country, credit_limit FROM debtor WHERE ref = 'ERP-NEW-1'");
		assertThat(debtor.get("name")).isEqualTo("Nieuw, Handel B.V.");
		assertThat(debtor.get("registration_number")).isNull();
		assertThat((BigDecimal) debtor.get("credit_limit")).isZero();
		Map<String, Object> facility = this.jdbc.queryForMap("""
				SELECT c.legal_name, f.facility_limit, f.default_advance_rate, f.recourse_days, f.currency
				FROM client c JOIN facility f ON f.client_id = c.id WHERE c.ref = 'CNEW-T1'
				""");
		assertThat(facility.get("legal_name")).isEqualTo("CNEW-T1");
		assertThat((BigDecimal) facility.get("facility_limit")).isEqualByComparingTo("100000.00");
		assertThat((BigDecimal) facility.get("default_advance_rate")).isEqualByComparingTo("0.80");
		assertThat(facility.get("recourse_days")).isEqualTo(90);
		assertThat(this.jdbc.queryForObject(
				"SELECT after_ref ->> 'imported' FROM audit_entry WHERE action = 'import.invoices' ORDER BY id DESC LIMIT 1",
				String.class))
			.isEqualTo("3");
	}

	@Test
	void rowsWithAFundedDateAreTakenOverWithTheirAdvancesReservesAndExposure() throws Exception {
		// a new client on the template (advance 80 %, limit 100,000) and a new debtor
		// (credit limit 0):
		// 1000.05 x 0.80 = 800.04, reserve 200.01; 1234.57 x 0.80 = 987.656 -> 987.66,
		// reserve 246.91; advanced 1,787.70, reserves 446.92; the third is queued
		String file = HEADER + ",funded_date\n" //
				+ "CNEW-F1,ERP-F1,Overname Handel B.V.,F-0001,2026-09-01,2026-10-01,1000.05,EUR,2026-09-03\n"
				+ "CNEW-F1,ERP-F1,,F-0002,2026-10-15,2026-12-14,1234.57,EUR,2026-10-20\n"
				+ "CNEW-F1,ERP-F1,,F-0003,2026-11-20,2026-12-20,500.00,EUR,\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.get("imported").asLong()).isEqualTo(3);
		JsonNode takeover = report.get("takeover");
		assertThat(takeover.get("invoices").asLong()).isEqualTo(2);
		assertThat(takeover.get("advanced").decimalValue()).isEqualByComparingTo("1787.70");
		assertThat(takeover.get("reserves").decimalValue()).isEqualByComparingTo("446.92");
		assertThat(takeover.get("debtorsOverLimit").asLong()).isEqualTo(1);
		assertThat(takeover.get("debtors").get(0).get("ref").asString()).isEqualTo("ERP-F1");
		assertThat(takeover.get("debtors").get(0).get("exposure").decimalValue()).isEqualByComparingTo("1787.70");
		assertThat(takeover.get("debtors").get(0).get("limit").decimalValue()).isEqualByComparingTo("0");
		assertThat(takeover.get("facilitiesOverLimit").asLong()).isZero();

		assertThat(this.jdbc.queryForList(
				"""
						SELECT i.number, i.status, i.funded_on, a.amount, a.reserve, a.advance_rate, a.fee_rate, a.terms_version,
						       r.amount AS reserve_entry, r.booked_on, t.to_status, t.reason
						FROM invoice i JOIN client c ON c.id = i.client_id
						JOIN invoice_transition t ON t.invoice_id = i.id
						LEFT JOIN advance a ON a.invoice_id = i.id
						LEFT JOIN reserve_entry r ON r.invoice_id = i.id AND r.kind = 'RESERVE_CREATED'
						WHERE c.ref = 'CNEW-F1' ORDER BY i.number
						"""))
			.extracting((row) -> row.get("number") + " " + row.get("status") + " " + row.get("funded_on") + " "
					+ row.get("amount") + " " + row.get("reserve") + " " + row.get("advance_rate") + " "
					+ row.get("fee_rate") + " " + row.get("terms_version") + " " + row.get("reserve_entry") + " "
					+ row.get("booked_on") + " " + row.get("to_status") + " " + row.get("reason"))
			.containsExactly(
					"F-0001 FUNDED 2026-09-03 800.04 200.01 0.800000 null 1 200.01 2026-09-03 FUNDED "
							+ "imported as funded on 2026-09-03",
					"F-0002 FUNDED 2026-10-20 987.66 246.91 0.800000 null 1 246.91 2026-10-20 FUNDED "
							+ "imported as funded on 2026-10-20",
					"F-0003 SUBMITTED null null null null null null null null SUBMITTED imported");
		// the engine's rows say what the book says
		assertThat(this.jdbc.queryForObject(
				"SELECT e.funded FROM debtor_exposure e JOIN debtor d ON d.id = e.debtor_id WHERE d.ref = 'ERP-F1'",
				BigDecimal.class))
			.isEqualByComparingTo("1787.70")
			.isEqualByComparingTo(this.jdbc.queryForObject("""
					SELECT SUM(b.funded) FROM exposure_book(DATE '2026-11-25') b JOIN debtor d ON d.id = b.debtor_id
					WHERE d.ref = 'ERP-F1'""", BigDecimal.class));
		assertThat(this.jdbc.queryForObject(
				"SELECT e.funded FROM facility_exposure e JOIN client c ON c.id = e.client_id WHERE c.ref = 'CNEW-F1'",
				BigDecimal.class))
			.isEqualByComparingTo("1787.70");

		JsonNode again = read(importFile(file).andExpect(status().isOk()));
		assertThat(again.get("status").asString()).isEqualTo("UNCHANGED");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM advance a JOIN invoice i ON i.id = a.invoice_id JOIN client c ON c.id = i.client_id "
						+ "WHERE c.ref = 'CNEW-F1'",
				Long.class))
			.isEqualTo(2);
	}

	@Test
	void aFundedDateBeforeTheIssueAfterTodayOrOnAnInvoiceKnownUnfundedIsRefused() throws Exception {
		Map<String, Object> queued = this.jdbc.queryForMap("""
				SELECT c.ref AS client, d.ref AS debtor, i.number, i.issue_date, i.due_date, i.amount
				FROM invoice i JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
				WHERE i.status = 'SUBMITTED' AND i.currency = 'EUR' ORDER BY i.id LIMIT 1
				""");
		long advances = this.jdbc.queryForObject("SELECT COUNT(*) FROM advance", Long.class);
		// a row that breaks a rule on its own
		String before = HEADER + ",funded_date\n" //
				+ this.knownClient + "," + this.knownDebtor + ",,F-9001,2026-09-10,2026-10-10,100.00,EUR,2026-09-09\n";
		JsonNode refused = read(importFile(before).andExpect(status().isUnprocessableContent()));
		assertThat(refused.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("field").asString() + " "
					+ error.get("message").asString())
			.toList()).containsExactly("2 funded_date Funded 2026-09-09 is before the issue date 2026-09-10.");
		// rows valid alone, checked against the book and today (2026-11-25)
		String file = HEADER + ",funded_date\n" //
				+ this.knownClient + "," + this.knownDebtor + ",,F-9002,2026-11-20,2026-12-20,100.00,EUR,2026-11-26\n"
				+ queued.get("client") + "," + queued.get("debtor") + ",," + queued.get("number") + ","
				+ queued.get("issue_date") + "," + queued.get("due_date") + ","
				+ ((BigDecimal) queued.get("amount")).toPlainString() + ",EUR,2026-11-20\n";

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("field").asString() + " "
					+ error.get("code").asString())
			.toList()).containsExactlyInAnyOrder("2 funded_date import.invoices.fundedInFuture",
					"3 funded_date import.invoices.knownNotFunded");
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM advance", Long.class)).isEqualTo(advances);
	}

	@Test
	void newDebtorsWhoseNamesMatchAnotherDebtorsAreProposedAsLikelyDuplicates() throws Exception {
		Map<String, Object> existing = this.jdbc
			.queryForMap("SELECT ref, name, country FROM debtor WHERE country IS NOT NULL ORDER BY id LIMIT 1");
		String name = (String) existing.get("name");
		String country = (String) existing.get("country");
		String otherCountry = "NL".equals(country) ? "BE" : "NL";
		// the existing name in capitals with a legal form and a full stop; the same in
		// another country; two new names alike only with each other
		String file = HEADER + ",debtor_registration_number,debtor_country\n" //
				+ row("ERP-DUP-1", "\"" + name.toUpperCase(java.util.Locale.ROOT) + " B.V.\"", "IMP-D-1", country)
				+ row("ERP-DUP-2", "\"" + name + " GmbH\"", "IMP-D-2", otherCountry)
				+ row("ERP-DUP-3", "\"Zyxwv Quux Trading N.V.\"", "IMP-D-3", country)
				+ row("ERP-DUP-4", "\"zyxwv-quux trading\"", "IMP-D-4", country);

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.get("likelyDuplicates")
			.valueStream()
			.map((pair) -> pair.get("debtorRef").asString() + " ~ " + pair.get("likeRef").asString()))
			.containsExactly("ERP-DUP-1 ~ " + existing.get("ref"), "ERP-DUP-3 ~ ERP-DUP-4");
		assertThat(this.jdbc.queryForObject(
				"SELECT debtor_name_key('ACME Trading B.V.') = debtor_name_key('acme trading bv') "
						+ "AND debtor_name_key('Jansen BV') = 'jansen' AND debtor_name_key('Abbott Ltd.') = 'abbott'",
				Boolean.class))
			.isTrue();
	}

	private String row(String debtorRef, String debtorName, String number, String country) {
		return this.knownClient + "," + debtorRef + "," + debtorName + "," + number
				+ ",2026-11-02,2026-12-02,100.00,EUR,," + country + "\n";
	}

	@Test
	void theSameFileTwiceChangesNothingTheSecondTime() throws Exception {
		String file = HEADER + "\n" + this.knownClient + "," + this.knownDebtor
				+ ",,IMP-T-0100,2026-11-02,2026-12-02,500.00,EUR\n" + this.knownClient + "," + this.knownDebtor
				+ ",,IMP-T-0101,2026-11-02,2026-12-02,600.00,EUR\n";
		assertThat(read(importFile(file).andExpect(status().isOk())).get("status").asString()).isEqualTo("IMPORTED");

		JsonNode again = read(importFile(file).andExpect(status().isOk()));

		assertThat(again.get("status").asString()).isEqualTo("UNCHANGED");
		assertThat(again.get("unchanged").asLong()).isEqualTo(2);
		assertThat(again.get("imported").asLong()).isZero();
		assertThat(invoices()).isEqualTo(this.invoicesBefore + 2);
	}

	@Test
	void aRegistrationNumberFindsTheDebtorWhateverRefTheClientsErpUses() throws Exception {
		Map<String, Object> debtor = this.jdbc.queryForMap(
				"SELECT ref, registration_number FROM debtor WHERE registration_number ~ '[0-9]' ORDER BY id LIMIT 1");
		// written otherwise: lower case, dashes for the spaces
		String written = ((String) debtor.get("registration_number")).toLowerCase().replace(' ', '-') + " ";
		String file = HEADER + ",debtor_registration_number,debtor_country\n" + this.knownClient
				+ ",ERP-4711,Whatever The ERP Calls It,IMP-T-0200,2026-11-02,2026-12-02,700.00,EUR," + written
				+ ",nl\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("debtorsRegistered")).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"SELECT d.ref FROM invoice i JOIN debtor d ON d.id = i.debtor_id WHERE i.number = 'IMP-T-0200'",
				String.class))
			.isEqualTo(debtor.get("ref"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM debtor WHERE ref = 'ERP-4711'", Long.class)).isZero();

		// a later row of the same ref without the number (and without a name) goes to the
		// same debtor
		String later = HEADER + ",debtor_registration_number,debtor_country\n" + this.knownClient
				+ ",ERP-4712,,IMP-T-0201,2026-11-02,2026-12-02,700.00,EUR," + written + ",\n" + this.knownClient
				+ ",ERP-4712,,IMP-T-0202,2026-11-03,2026-12-03,800.00,EUR,,\n";
		assertThat(read(importFile(later).andExpect(status().isOk())).get("debtorsRegistered")).isEmpty();
		assertThat(this.jdbc.queryForList(
				"SELECT DISTINCT d.ref FROM invoice i JOIN debtor d ON d.id = i.debtor_id WHERE i.number IN ('IMP-T-0201', 'IMP-T-0202')",
				String.class))
			.containsExactly((String) debtor.get("ref"));
	}

	@Test
	void oneLegalEntityIsOneDebtorWhicheverRowNamesIt() throws Exception {
		String c = this.knownClient;
		String file = HEADER + ",debtor_registration_number,debtor_country\n" //
				+ c + ",ERP-A,,IMP-T-0700,2026-11-02,2026-12-02,10.00,EUR,,\n" // named
																				// below
				+ c + ",ERP-A,Alfa Levering B.V.,IMP-T-0701,2026-11-02,2026-12-02,20.00,EUR,NL 123.456,NL\n" + c
				+ ",ERP-B,Alfa Levering BV,IMP-T-0702,2026-11-02,2026-12-02,30.00,EUR,nl123456,\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("debtorsRegistered").valueStream().map(JsonNode::asString)).containsExactly("ERP-A");
		assertThat(this.jdbc.queryForList("""
				SELECT DISTINCT d.ref || ' ' || d.name || ' ' || d.registration_number || ' ' || d.country
				FROM invoice i JOIN debtor d ON d.id = i.debtor_id WHERE i.number LIKE 'IMP-T-07%'
				""", String.class)).containsExactly("ERP-A Alfa Levering B.V. NL 123.456 NL");
	}

	@Test
	void aRefWithTwoRegistrationNumbersIsRefused() throws Exception {
		String c = this.knownClient;
		String file = HEADER + ",debtor_registration_number,debtor_country\n" //
				+ c + ",ERP-C,Twee B.V.,IMP-T-0800,2026-11-02,2026-12-02,10.00,EUR,X-1,NL\n" + c
				+ ",ERP-C,Twee B.V.,IMP-T-0801,2026-11-02,2026-12-02,20.00,EUR,X-2,NL\n";

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")).hasSize(1);
		assertThat(report.get("errors").get(0).get("line").asLong()).isEqualTo(3);
		assertThat(report.get("errors").get(0).get("message").asString())
			.isEqualTo("Debtor ERP-C has registration number X-2 here and X-1 on line 2: one ref is one legal entity.");
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
	}

	@Test
	void everyInvalidRowIsReportedAndNothingIsWritten() throws Exception {
		String known = this.jdbc.queryForObject(
				"SELECT number FROM invoice WHERE client_id = (SELECT id FROM client WHERE ref = ?) ORDER BY id LIMIT 1",
				String.class, this.knownClient);
		String c = this.knownClient;
		String d = this.knownDebtor;
		String file = HEADER + "\n" // line 1
				+ c + "," + d + ",,IMP-T-0300,2026-11-02,2026-12-02,100.00,EUR\n" // 2:
																					// valid
				+ c + "," + d + ",,IMP-T-0301,2026-02-30,2026-12-02,100.00,EUR\n" // 3
				+ c + "," + d + ",,IMP-T-0302,02-11-2026,2026-12-02,100.00,EUR\n" // 4
				+ c + "," + d + ",,IMP-T-0303,2026-11-02,2026-10-02,100.00,EUR\n" // 5
				+ c + "," + d + ",,IMP-T-0304,2026-11-02,2026-12-02,-5.00,EUR\n" // 6
				+ c + "," + d + ",,IMP-T-0305,2026-11-02,2026-12-02,0,EUR\n" // 7
				+ c + "," + d + ",,IMP-T-0306,2026-11-02,2026-12-02,12.345,EUR\n" // 8
				+ c + "," + d + ",,IMP-T-0307,2026-11-02,2026-12-02,100.00,EUX\n" // 9
				+ c + "," + d + ",,IMP-T-0308,2026-11-02,2026-12-02,100.00\n" // 10
				+ c + ",ERP-NOBODY,,IMP-T-0309,2026-11-02,2026-12-02,100.00,EUR\n" // 11
				+ c + "," + d + ",,IMP-T-0300,2026-11-03,2026-12-03,100.00,EUR\n" // 12
				+ c + "," + d + ",," + known + ",2026-11-02,2026-12-02,1.00,EUR\n" // 13
				+ "," + d + ",,IMP-T-0310,2026-11-02,2026-12-02,100.00,EUR\n" // 14
				+ c + "," + d + ",,IMP-T-0311,2026-11-02,2026-12-02,100.00,USD\n"; // 15

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("status").asString()).isEqualTo("REJECTED");
		assertThat(report.get("rows").asLong()).isEqualTo(14);
		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " "
					+ (error.get("field").isNull() ? "-" : error.get("field").asString()) + " "
					+ error.get("code").asString()))
			.containsExactly("3 issue_date import.row.impossibleDate", "4 issue_date import.row.dateFormat",
					"5 due_date import.row.dueBeforeIssue", "6 amount import.row.amountNotPositive",
					"7 amount import.row.amountNotPositive", "8 amount import.row.amountFormat",
					"9 currency import.row.unknownCurrency", "10 - import.row.columns",
					"14 client_ref import.row.empty");
		assertThat(report.get("errors").get(0).get("message").asString())
			.isEqualTo("issue_date 2026-02-30 is not a day of the calendar.");
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
	}

	@Test
	void rowsThatAreValidAloneAreCheckedTogetherAgainstTheBook() throws Exception {
		String known = this.jdbc.queryForObject(
				"SELECT number FROM invoice WHERE client_id = (SELECT id FROM client WHERE ref = ?) ORDER BY id LIMIT 1",
				String.class, this.knownClient);
		String c = this.knownClient;
		String d = this.knownDebtor;
		String file = HEADER + "\n" //
				+ c + "," + d + ",,IMP-T-0400,2026-11-02,2026-12-02,100.00,EUR\n" // 2
				+ c + "," + d + ",,IMP-T-0400,2026-11-03,2026-12-03,100.00,EUR\n" // 3
				+ c + "," + d + ",," + known + ",2026-11-02,2026-12-02,1.00,EUR\n" // 4
				+ c + ",ERP-NOBODY,,IMP-T-0401,2026-11-02,2026-12-02,100.00,EUR\n" // 5
				+ c + "," + d + ",,IMP-T-0402,2026-11-02,2026-12-02,100.00,USD\n"; // 6

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " "
					+ (error.get("field").isNull() ? "-" : error.get("field").asString()) + " "
					+ error.get("code").asString()))
			.containsExactly("3 invoice_number import.invoices.twiceInFile",
					"4 invoice_number import.invoices.knownOtherwise", "5 debtor_name import.invoices.unknownDebtor",
					"6 currency import.invoices.otherCurrency");
		assertThat(report.get("errors").get(0).get("message").asString())
			.isEqualTo("Invoice IMP-T-0400 of client " + c + " is also on line 2.");
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
	}

	@Test
	void aFileThatCannotBeReadSaysWhy() throws Exception {
		assertThat(codes(importFile("").andExpect(status().isUnprocessableContent())))
			.containsExactly("import.file.empty");
		assertThat(codes(importFile("client,debtor\nC1,D1\n"))).containsExactly("import.file.header");
		assertThat(codes(importFile(HEADER + "\n"))).containsExactly("import.file.noRows");
		assertThat(codes(importFile(HEADER + "\n" + this.knownClient + "," + this.knownDebtor
				+ ",\"Open quote,IMP-T-0500,2026-11-02,2026-12-02,1.00,EUR\n")))
			.containsExactly("import.csv.unclosedQuote");
		byte[] latin1 = (HEADER + "\n" + this.knownClient + "," + this.knownDebtor
				+ ",Caf\u00e9 B.V.,IMP-T-0501,2026-11-02,2026-12-02,1.00,EUR\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		JsonNode report = read(this.mvc.perform(
				post("/api/v1/imports/invoices").header("X-API-Key", DEMO_KEY).contentType("text/csv").content(latin1))
			.andExpect(status().isUnprocessableContent()));
		assertThat(report.get("errors").get(0).get("code").asString()).isEqualTo("import.csv.notUtf8");
		assertThat(report.get("errors").get(0).get("line").asLong()).isEqualTo(2);
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
	}

	@Test
	void onlyAKeyWithImportRightsImports() throws Exception {
		String file = HEADER + "\n" + this.knownClient + "," + this.knownDebtor
				+ ",,IMP-T-0600,2026-11-02,2026-12-02,1.00,EUR\n";
		this.jdbc.update("""
				INSERT INTO api_key (name, key_hash, can_read, can_import, created_at, created_by)
				VALUES ('read-only-import-test', ?, TRUE, FALSE, now(), 'test')
				""", sha256("fd-test-read-only-key-0123456789"));

		this.mvc.perform(post("/api/v1/imports/invoices").contentType("text/csv").content(file))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", "fd-test-read-only-key-0123456789")
				.contentType("text/csv")
				.content(file))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/v1/imports/invoices").with(user("u").roles("UNDERWRITER"))
				.contentType("text/csv")
				.content(file))
			.andExpect(status().isForbidden());
		assertThat(invoices()).isEqualTo(this.invoicesBefore);
	}

	@Test
	void anUnknownKindOrAnotherBodyIsAProblem() throws Exception {
		this.mvc.perform(
				post("/api/v1/imports/receipts").header("X-API-Key", DEMO_KEY).contentType("text/csv").content(HEADER))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/v1/imports/credit-notes").header("X-API-Key", DEMO_KEY)
				.contentType("text/csv")
				.content("client_ref,invoice_number\n"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail", containsString("kinds: invoices, payments, disputes, bureau-scores")));
		this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", DEMO_KEY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/v1/imports/invoices").header("X-API-Key", DEMO_KEY)
				.header("Content-Type", "csv")
				.content(HEADER))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions importFile(String csv) throws Exception {
		return this.mvc.perform(post("/api/v1/imports/invoices").header("X-API-Key", DEMO_KEY)
			.contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8)));
	}

	private List<String> codes(ResultActions result) throws Exception {
		return read(result.andExpect(status().isUnprocessableContent())).get("errors")
			.valueStream()
			.map((error) -> error.get("code").asString())
			.toList();
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private long invoices() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class);
	}

	private static String sha256(String key) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
	}

}
