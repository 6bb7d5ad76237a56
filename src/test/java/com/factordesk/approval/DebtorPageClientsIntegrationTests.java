package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The debtor page (issue 9): how the debtor pays each client, where a client whose
 * invoices to the debtor are funded but none paid in the year reads so, not as 0.0 days
 * and 0.0 % late; and which way, by how many points, each reason moved the score. Rolled
 * back.
 */
@IntegrationTest
@Transactional
class DebtorPageClientsIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Debtor debtor;

	private Client nothingPaid;

	private Client paidLate;

	private Invoice paid;

	private Invoice queued;

	@BeforeEach
	void aDebtorOfTwoClients() {
		this.debtor = Debtors.aDebtor().creditLimit("50000.00").build();
		this.nothingPaid = Clients.aClient().named("Nothing Paid B.V.").build();
		this.paidLate = Clients.aClient().named("Paid Late B.V.").build();
		this.entities.persist(this.debtor);
		this.entities.persist(this.nothingPaid);
		this.entities.persist(this.paidLate);
		// funded and open: nothing paid to this client yet
		this.entities.persist(Invoices.anInvoice(this.nothingPaid, this.debtor)
			.amount("1000.00")
			.issued(LocalDate.of(2026, 10, 1))
			.due(LocalDate.of(2026, 10, 31))
			.fundedOn(LocalDate.of(2026, 10, 2))
			.build());
		// funded, due 2026-10-01 and paid in full ten days after it
		Invoice paid = Invoices.anInvoice(this.paidLate, this.debtor)
			.amount("2000.00")
			.issued(LocalDate.of(2026, 9, 1))
			.due(LocalDate.of(2026, 10, 1))
			.fundedOn(LocalDate.of(2026, 9, 2))
			.build();
		this.entities.persist(paid);
		this.entities.flush();
		long payment = this.jdbc.queryForObject(
				"INSERT INTO payment (debtor_id, received_on, amount, reference) VALUES (?, ?, ?, 'PAGE') RETURNING id",
				Long.class, this.debtor.getId(), LocalDate.of(2026, 10, 11), new BigDecimal("2000.00"));
		this.jdbc.update(
				"INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on) VALUES (?, ?, ?, ?)",
				payment, paid.getId(), new BigDecimal("2000.00"), LocalDate.of(2026, 10, 11));
		// paid in full: closed that day, as cash application closes it
		this.jdbc.update("UPDATE invoice SET status = 'PAID', closed_on = DATE '2026-10-11' WHERE id = ?",
				paid.getId());
		this.paid = paid;
		this.queued = Invoices.anInvoice(this.nothingPaid, this.debtor).amount("3000.00").build();
		this.entities.persist(this.queued);
		this.entities.flush();
	}

	@Test
	void theDebtorsInvoicesWaitingAndPaidAreListedWithTheirFigures() throws Exception {
		String html = page(Locale.ENGLISH);
		String pending = html.substring(html.indexOf("id=\"pending-invoices\""));
		pending = pending.substring(0, pending.indexOf("</table>"));
		assertThat(pending).contains("data-invoice-id=\"" + this.queued.getId() + "\"")
			.contains("<td>Submitted</td>")
			.contains("EUR\u00a03,000.00")
			.doesNotContain("data-invoice-id=\"" + this.paid.getId() + "\"");
		String paidRows = html.substring(html.indexOf("id=\"paid-invoices\""));
		paidRows = paidRows.substring(0, paidRows.indexOf("</table>"));
		// due 2026-10-01, paid 2026-10-11: 10 days late
		assertThat(paidRows).contains("data-invoice-id=\"" + this.paid.getId() + "\"")
			.contains(">2026-10-01<")
			.contains(">2026-10-11<")
			.contains(">10<")
			.contains("EUR\u00a02,000.00")
			.doesNotContain("data-invoice-id=\"" + this.queued.getId() + "\"");
	}

	@Test
	void aClientWithNothingPaidInTheYearReadsSoInBothLanguages() throws Exception {
		String english = page(Locale.ENGLISH);
		assertThat(row(english, this.nothingPaid)).contains("None paid in the last 365 days")
			.doesNotContain("0.0 %")
			.doesNotContain(">0.0<");
		// 2,000.00 paid 10 days after its due date: 10.0 days beyond terms, all of it
		// late
		assertThat(row(english, this.paidLate)).doesNotContain("None paid").contains(">10.0<").contains("100");
		assertThat(row(page(Locale.forLanguageTag("nl")), this.nothingPaid))
			.contains("Geen betaald in de laatste 365 dagen");
	}

	@Test
	void eachReasonSaysHowManyPointsItCostTheScore() throws Exception {
		// a demo debtor whose current score lost points for at least two reasons
		String ref = this.jdbc.queryForObject("""
				SELECT d.ref FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE (SELECT COUNT(*) FROM jsonb_array_elements(r.reasons) e
				       WHERE CAST(e ->> 'pointsLost' AS numeric) > 0) >= 2
				ORDER BY d.ref LIMIT 1
				""", String.class);
		// as stored, the points written to one decimal, half to even as the page writes
		// them
		List<String> stored = this.jdbc.query("""
				SELECT e ->> 'code' AS code, CAST(e ->> 'pointsLost' AS numeric) AS points
				FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id,
				     jsonb_array_elements(r.reasons) WITH ORDINALITY AS x(e, n)
				WHERE d.ref = ? AND CAST(e ->> 'pointsLost' AS numeric) > 0
				ORDER BY n
				""", (rs, row) -> rs.getString("code") + " "
				+ rs.getBigDecimal("points").setScale(1, RoundingMode.HALF_EVEN).toPlainString(), ref);
		String html = this.mvc
			.perform(get("/debtors/" + ref).locale(Locale.ENGLISH).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> shown = new ArrayList<>();
		Matcher reason = Pattern
			.compile("<li data-code=\"([A-Z_]+)\"><span>[^<]*</span>\\s*"
					+ "<span class=\"reason-points[^\"]*\">\\(lowers the score by ([0-9.,]+) points\\)</span>")
			.matcher(html.substring(html.indexOf("id=\"score-reasons\""),
					html.indexOf("</ol>", html.indexOf("id=\"score-reasons\""))));
		while (reason.find()) {
			shown.add(reason.group(1) + " " + reason.group(2));
		}
		assertThat(shown).hasSizeGreaterThanOrEqualTo(2).isEqualTo(stored);
	}

	private String page(Locale locale) throws Exception {
		return this.mvc
			.perform(get("/debtors/" + this.debtor.getRef()).locale(locale).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static String row(String page, Client client) {
		// the row of the client-behaviour table (the notices table has a row per client
		// too)
		String html = page.substring(page.indexOf("id=\"client-behaviour\""));
		Matcher row = Pattern
			.compile("<tr data-client=\"" + Pattern.quote(client.getRef()) + "\">(.*?)</tr>", Pattern.DOTALL)
			.matcher(html);
		assertThat(row.find()).as("the row of client %s", client.getRef()).isTrue();
		return row.group(1);
	}

}
