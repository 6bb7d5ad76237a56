package com.factordesk.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/imports/payments} (DESIGN section 7): each row a receipt from the
 * invoice's debtor, applied to the invoice up to what is open on it and the rest reported
 * as unapplied cash; the same file twice changes nothing; a file with any invalid row
 * writes nothing and reports every invalid row. Each test runs in a transaction that is
 * rolled back; today is the demo's 2026-11-25. Expected amounts come from the invoice's
 * rows: its face less what was collected and credited.
 */
@IntegrationTest
@Transactional
class PaymentImportsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static final String HEADER = "debtor_ref,client_ref,invoice_number,paid_date,amount";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	/** A funded invoice with more than 100.00 open, and no payment on it in the book. */
	private Map<String, Object> funded;

	private long paymentsBefore;

	@BeforeEach
	void book() {
		this.funded = this.jdbc.queryForMap(
				"""
						SELECT i.id, c.ref AS client_ref, d.ref AS debtor_ref, i.number, i.issue_date,
						       i.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocation a
						                            WHERE a.invoice_id = i.id AND a.reversed_on IS NULL), 0)
						                - COALESCE((SELECT SUM(n.amount) FROM credit_note n WHERE n.invoice_id = i.id), 0) AS open
						FROM invoice i JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
						WHERE i.status = 'FUNDED' AND i.issue_date <= DATE '2026-11-20'
						  AND NOT EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id)
						  AND NOT EXISTS (SELECT 1 FROM credit_note n WHERE n.invoice_id = i.id)
						  AND i.amount > 100.00
						ORDER BY i.id LIMIT 1
						""");
		this.paymentsBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class);
	}

	@Test
	void aPartPaymentIsAppliedAndTheInvoiceIsPartlyPaid() throws Exception {
		String file = HEADER + "\n" + row("100.00");

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.get("imported").asLong()).isEqualTo(1);
		assertThat(report.at("/cash/applied").decimalValue()).isEqualByComparingTo("100.00");
		assertThat(report.at("/cash/unapplied").decimalValue()).isEqualByComparingTo("0.00");
		assertThat(report.at("/cash/invoicesPaid").asLong()).isZero();
		Map<String, Object> receipt = this.jdbc.queryForMap("""
				SELECT p.source, p.received_on, p.amount, d.ref AS debtor, a.amount AS applied, i.status
				FROM payment p JOIN debtor d ON d.id = p.debtor_id
				JOIN payment_allocation a ON a.payment_id = p.id JOIN invoice i ON i.id = a.invoice_id
				WHERE i.id = ?
				""", this.funded.get("id"));
		assertThat(receipt).containsEntry("source", "IMPORT")
			.containsEntry("debtor", this.funded.get("debtor_ref"))
			.containsEntry("status", "PARTIALLY_PAID");
		assertThat(receipt.get("received_on").toString()).isEqualTo("2026-11-24");
		assertThat((BigDecimal) receipt.get("applied")).isEqualByComparingTo("100.00");
		assertThat(this.jdbc.queryForObject(
				"SELECT after_ref ->> 'receipts' FROM audit_entry WHERE action = 'import.payments' ORDER BY id DESC LIMIT 1",
				String.class))
			.isEqualTo("1");
	}

	@Test
	void aPaymentAboveWhatIsOpenPaysTheInvoiceAndTheRestIsUnappliedCash() throws Exception {
		BigDecimal open = (BigDecimal) this.funded.get("open");
		BigDecimal paid = open.add(new BigDecimal("250.00"));

		JsonNode report = read(importFile(HEADER + "\n" + row(paid.toPlainString())).andExpect(status().isOk()));

		assertThat(report.at("/cash/applied").decimalValue()).isEqualByComparingTo(open);
		assertThat(report.at("/cash/unapplied").decimalValue()).isEqualByComparingTo("250.00");
		assertThat(report.at("/cash/invoicesPaid").asLong()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class,
				this.funded.get("id")))
			.isEqualTo("PAID");
		// the rest waits on the receipt, to be applied or passed on
		assertThat(this.jdbc.queryForObject("""
				SELECT p.amount - COALESCE((SELECT SUM(a.amount) FROM payment_allocation a
				                            WHERE a.payment_id = p.id AND a.reversed_on IS NULL), 0)
				FROM payment p WHERE p.source = 'IMPORT' AND p.remittance LIKE ?
				""", BigDecimal.class, "invoice " + this.funded.get("number") + " %")).isEqualByComparingTo("250.00");
	}

	@Test
	void theSameFileTwiceChangesNothingTheSecondTimeButEqualRowsAreEachAPayment() throws Exception {
		// two equal rows in one file are two payments (the occurrence tells them apart)
		String file = HEADER + "\n" + row("10.00") + row("10.00");
		JsonNode first = read(importFile(file).andExpect(status().isOk()));
		assertThat(first.get("imported").asLong()).isEqualTo(2);
		long payments = this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class);
		assertThat(payments).isEqualTo(this.paymentsBefore + 2);

		JsonNode second = read(importFile(file).andExpect(status().isOk()));

		assertThat(second.get("status").asString()).isEqualTo("UNCHANGED");
		assertThat(second.get("unchanged").asLong()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class)).isEqualTo(payments);
		assertThat(this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(amount), 0) FROM payment_allocation WHERE invoice_id = ? AND reversed_on IS NULL",
				BigDecimal.class, this.funded.get("id")))
			.isEqualByComparingTo("20.00");
	}

	@Test
	void aPaymentForAnInvoiceNotFundedIsAllUnappliedCash() throws Exception {
		Map<String, Object> queued = this.jdbc.queryForMap("""
				SELECT c.ref AS client_ref, d.ref AS debtor_ref, i.number, i.id FROM invoice i
				JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
				WHERE i.status = 'SUBMITTED' AND i.issue_date <= DATE '2026-11-20' ORDER BY i.id LIMIT 1
				""");
		String file = HEADER + "\n" + queued.get("debtor_ref") + "," + queued.get("client_ref") + ","
				+ queued.get("number") + ",2026-11-24,75.00\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.at("/cash/applied").decimalValue()).isEqualByComparingTo("0.00");
		assertThat(report.at("/cash/unapplied").decimalValue()).isEqualByComparingTo("75.00");
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, queued.get("id")))
			.isEqualTo("SUBMITTED");
	}

	@Test
	void everyInvalidRowIsReportedAndNothingIsWritten() throws Exception {
		String otherDebtor = this.jdbc.queryForObject(
				"SELECT ref FROM debtor WHERE ref <> ? AND registration_number IS DISTINCT FROM "
						+ "(SELECT registration_number FROM debtor WHERE ref = ?) ORDER BY id LIMIT 1",
				String.class, this.funded.get("debtor_ref"), this.funded.get("debtor_ref"));
		String debtor = (String) this.funded.get("debtor_ref");
		String client = (String) this.funded.get("client_ref");
		String number = (String) this.funded.get("number");
		String file = HEADER + "\n" //
				+ row("10.00") // line 2: valid
				+ debtor + "," + client + "," + number + ",2026-11-24,0.00\n" // 3
				+ debtor + "," + client + "," + number + ",2026-02-30,5.00\n" // 4
				+ debtor + "," + client + "," + number + ",2026-11-26,5.00\n" // 5
				+ debtor + "," + client + ",NO-SUCH-INVOICE,2026-11-24,5.00\n" // 6
				+ debtor + ",NO-SUCH-CLIENT," + number + ",2026-11-24,5.00\n" // 7
				+ otherDebtor + "," + client + "," + number + ",2026-11-24,5.00\n" // 8
				+ debtor + "," + client + "," + number + ",1999-01-01,5.00\n" // 9
				+ debtor + "," + client + "," + number + ",2026-11-24\n" // 10
				+ "NO-SUCH-DEBTOR," + client + "," + number + ",2026-11-24,5.00\n"; // 11

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("status").asString()).isEqualTo("REJECTED");
		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("field").asString("-") + " "
					+ error.get("code").asString()))
			.containsExactlyInAnyOrder("3 amount import.row.amountNotPositive", "4 paid_date import.row.impossibleDate",
					"5 paid_date import.payments.future", "6 invoice_number import.payments.unknownInvoice",
					"7 client_ref import.payments.unknownClient", "8 debtor_ref import.payments.otherDebtor",
					"9 paid_date import.payments.beforeIssue", "10 - import.row.columns",
					"11 debtor_ref import.payments.unknownDebtor");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class)).isEqualTo(this.paymentsBefore);
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class,
				this.funded.get("id")))
			.isEqualTo("FUNDED");
	}

	@Test
	void aHeaderOfAnotherKindIsRefused() throws Exception {
		JsonNode report = read(importFile("client_ref,invoice_number,paid_date,amount\nC1,N1,2026-11-24,5.00\n")
			.andExpect(status().isUnprocessableContent()));
		assertThat(report.get("errors").get(0).get("line").asLong()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class)).isEqualTo(this.paymentsBefore);
	}

	private String row(String amount) {
		return this.funded.get("debtor_ref") + "," + this.funded.get("client_ref") + "," + this.funded.get("number")
				+ ",2026-11-24," + amount + "\n";
	}

	private ResultActions importFile(String csv) throws Exception {
		return this.mvc.perform(
				post("/api/v1/imports/payments").header("X-API-Key", DEMO_KEY).contentType("text/csv").content(csv));
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

}
