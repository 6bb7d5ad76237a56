package com.factordesk.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * {@code POST /api/v1/imports/disputes} (DESIGN section 7): each row a dispute opened on
 * its invoice, resolved when the row says how it ended; a credit note outcome enters the
 * disputed amount as a credit note; the same file twice changes nothing, and a later
 * export with the outcome of a dispute still open resolves it; a file with any invalid
 * row writes nothing and reports every invalid row. Each test runs in a transaction that
 * is rolled back; today is the demo's 2026-11-25.
 */
@IntegrationTest
@Transactional
class DisputeImportsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static final String HEADER = "client_ref,invoice_number,opened_date,reason,amount,resolved_date,outcome";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * A funded invoice issued by 2026-11-10, more than 500.00 open, no payment, credit
	 * note or dispute on it.
	 */
	private Map<String, Object> funded;

	private long disputesBefore;

	@BeforeEach
	void book() {
		this.funded = this.jdbc.queryForMap("""
				SELECT i.id, c.ref AS client_ref, i.number, i.amount
				FROM invoice i JOIN client c ON c.id = i.client_id
				WHERE i.status = 'FUNDED' AND i.issue_date <= DATE '2026-11-10' AND i.amount > 500.00
				  AND NOT EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id)
				  AND NOT EXISTS (SELECT 1 FROM credit_note n WHERE n.invoice_id = i.id)
				  AND NOT EXISTS (SELECT 1 FROM dispute x WHERE x.invoice_id = i.id)
				ORDER BY i.id LIMIT 1
				""");
		this.disputesBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Long.class);
	}

	@Test
	void aDisputeSettledByACreditNoteIsOpenedResolvedAndCredited() throws Exception {
		JsonNode report = read(
				importFile(HEADER + "\n" + row("2026-11-12", "quality", "120.50", "2026-11-24", "credit_note"))
					.andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.at("/disputes/opened").asLong()).isEqualTo(1);
		assertThat(report.at("/disputes/resolved").asLong()).isEqualTo(1);
		assertThat(report.at("/disputes/creditNotes").asLong()).isEqualTo(1);
		assertThat(report.at("/disputes/credited").decimalValue()).isEqualByComparingTo("120.50");
		Map<String, Object> dispute = this.jdbc
			.queryForMap("SELECT reason, opened_on::text AS opened, amount, resolved_on::text AS resolved, outcome "
					+ "FROM dispute WHERE invoice_id = ?", this.funded.get("id"));
		assertThat(dispute).containsEntry("reason", "QUALITY")
			.containsEntry("opened", "2026-11-12")
			.containsEntry("resolved", "2026-11-24")
			.containsEntry("outcome", "CREDIT_NOTE");
		assertThat((BigDecimal) dispute.get("amount")).isEqualByComparingTo("120.50");
		assertThat(this.jdbc.queryForObject("SELECT SUM(amount) FROM credit_note WHERE invoice_id = ?",
				BigDecimal.class, this.funded.get("id")))
			.isEqualByComparingTo("120.50");
	}

	@Test
	void theSameFileTwiceChangesNothingAndALaterExportResolvesTheOpenDispute() throws Exception {
		String open = HEADER + "\n" + row("2026-11-12", "price", "80.00", "", "");
		assertThat(read(importFile(open).andExpect(status().isOk())).get("status").asString()).isEqualTo("IMPORTED");
		JsonNode again = read(importFile(open).andExpect(status().isOk()));
		assertThat(again.get("status").asString()).isEqualTo("UNCHANGED");
		assertThat(again.get("unchanged").asLong()).isEqualTo(1);
		assertThat(disputes()).isEqualTo(this.disputesBefore + 1);

		JsonNode resolved = read(
				importFile(HEADER + "\n" + row("2026-11-12", "price", "80.00", "2026-11-20", "withdrawn"))
					.andExpect(status().isOk()));
		assertThat(resolved.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(resolved.at("/disputes/opened").asLong()).isZero();
		assertThat(resolved.at("/disputes/resolved").asLong()).isEqualTo(1);
		assertThat(resolved.at("/disputes/creditNotes").asLong()).isZero();
		assertThat(this.jdbc.queryForObject("SELECT outcome FROM dispute WHERE invoice_id = ?", String.class,
				this.funded.get("id")))
			.isEqualTo("WITHDRAWN");
		assertThat(disputes()).isEqualTo(this.disputesBefore + 1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM credit_note WHERE invoice_id = ?", Long.class,
				this.funded.get("id")))
			.isZero();
	}

	@Test
	void aFileWithInvalidRowsWritesNothingAndReportsEachWithItsLineAndColumn() throws Exception {
		String client = (String) this.funded.get("client_ref");
		BigDecimal above = ((BigDecimal) this.funded.get("amount")).add(new BigDecimal("0.01"));
		String file = String.join("\n", HEADER, row("2026-11-12", "price", "50.00", "", ""), // 2:
																								// valid
				row("2026-11-12", "weather", "50.00", "", ""), // 3
				row("2026-11-12", "price", "0.00", "", ""), // 4
				row("2026-11-20", "price", "50.00", "2026-11-18", "withdrawn"), // 5
				row("2026-11-12", "price", "50.00", "", "withdrawn"), // 6
				client + ",NO-SUCH-INVOICE,2026-11-12,price,50.00,,", // 7
				row("2026-11-13", "price", above.toPlainString(), "", ""), // 8
				client + "," + this.funded.get("number") + ",2026-11-12,price", // 9
				row("2026-11-12", "other", "10.00", "2026-12-01", "credit_note")); // 10

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("status").asString()).isEqualTo("REJECTED");
		List<String> errors = new ArrayList<>();
		report.get("errors")
			.forEach((error) -> errors.add(error.get("line").asLong() + " " + error.get("field").asString("-") + " "
					+ error.get("message").asString()));
		assertThat(errors).containsExactlyInAnyOrder(
				"3 reason reason 'weather' is not one of price, quantity, quality, not_delivered, duplicate, other.",
				"4 amount amount 0.00 is not above 0.",
				"5 resolved_date resolved_date 2026-11-18 is before opened_date 2026-11-20.",
				"6 resolved_date resolved_date is empty: a dispute with an outcome needs the day it was resolved.",
				"7 invoice_number Client " + client + " has no invoice NO-SUCH-INVOICE.",
				"8 amount amount " + above.toPlainString() + " is above the " + this.funded.get("amount")
						+ " open on invoice " + this.funded.get("number") + ".",
				"9 - The line has 4 fields; the header has 7.",
				"10 resolved_date resolved_date 2026-12-01 is after today, 2026-11-25.");
		assertThat(disputes()).isEqualTo(this.disputesBefore);
	}

	@Test
	void aDisputeTheDeskHasWithOtherValuesIsRefused() throws Exception {
		importFile(HEADER + "\n" + row("2026-11-12", "price", "80.00", "", "")).andExpect(status().isOk());

		JsonNode report = read(importFile(HEADER + "\n" + row("2026-11-12", "quantity", "80.00", "", "") + "\n"
				+ row("2026-11-14", "price", "10.00", "", ""))
			.andExpect(status().isUnprocessableContent()));

		List<String> errors = new ArrayList<>();
		report.get("errors")
			.forEach((error) -> errors.add(error.get("line").asLong() + " " + error.get("field").asString("-") + " "
					+ error.get("message").asString()));
		assertThat(errors).containsExactly(
				"2 opened_date Invoice " + this.funded.get("number") + " has a dispute opened on 2026-11-12 for 80.00"
						+ " (PRICE) already.",
				"3 invoice_number Invoice " + this.funded.get("number")
						+ " has an open dispute already, opened on 2026-11-12.");
		assertThat(disputes()).isEqualTo(this.disputesBefore + 1);
	}

	@Test
	void aDisputeOnAClosedInvoiceIsRefusedAndWritesNothing() throws Exception {
		Map<String, Object> closed = this.jdbc.queryForMap("""
				SELECT c.ref AS client_ref, i.number FROM invoice i JOIN client c ON c.id = i.client_id
				WHERE i.status = 'PAID' AND NOT EXISTS (SELECT 1 FROM dispute x WHERE x.invoice_id = i.id)
				ORDER BY i.id LIMIT 1
				""");
		String file = HEADER + "\n" + closed.get("client_ref") + "," + closed.get("number")
				+ ",2026-11-20,price,10.00,,\n";

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("field").asString() + " "
					+ error.get("message").asString())
			.toList())
			.containsExactly("2 invoice_number Invoice " + closed.get("number")
					+ " is PAID: only an open invoice can be disputed.");
		assertThat(disputes()).isEqualTo(this.disputesBefore);
	}

	private String row(String opened, String reason, String amount, String resolved, String outcome) {
		return String.join(",", (String) this.funded.get("client_ref"), (String) this.funded.get("number"), opened,
				reason, amount, resolved, outcome);
	}

	private long disputes() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM dispute", Long.class);
	}

	private ResultActions importFile(String csv) throws Exception {
		return this.mvc.perform(
				post("/api/v1/imports/disputes").header("X-API-Key", DEMO_KEY).contentType("text/csv").content(csv));
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

}
