package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A client's statement on a ledger of its own, booked in the test through
 * {@link ReserveLedger#book} (rolled back after each test): the opening balance, the
 * movements by kind and the closing balance reconcile to the cent with figures worked out
 * by hand; an entry on the first and on the last day of the period counts, one the day
 * before goes to the opening balance and one the day after to nothing; the drill-down
 * lists a kind's entries; the page and the PDF show the same figures in the reader's
 * language; a rebate run pays exactly what is due and refuses when nothing is.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.statement", roles = "UNDERWRITER")
class ClientStatementsIntegrationTests {

	private static final LocalDate FROM = LocalDate.of(2026, 10, 1);

	private static final LocalDate TO = LocalDate.of(2026, 10, 31);

	@Autowired
	private ClientStatements statements;

	@Autowired
	private RebateRuns rebateRuns;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	private Client client;

	private ReserveEntry fee;

	@BeforeEach
	void aClientWithALedgerOfItsOwn() {
		this.client = Clients.aClient().named("Statement Test B.V.").build();
		this.client.payTo("NL91ABNA0417164300", "ABNANL2A");
		this.entities.persist(this.client);
		this.entities.flush();
		// before the period: 1,000.00 - 15.25 = 984.75 opening, the reserve the day
		// before the period starts among it
		book(ReserveEntryKind.FEE, "15.25", "2026-09-15");
		book(ReserveEntryKind.RESERVE_CREATED, "1000.00", "2026-09-30");
		// in the period, on its first day to its last
		book(ReserveEntryKind.RESERVE_CREATED, "2000.00", "2026-10-01");
		this.fee = book(ReserveEntryKind.FEE, "30.10", "2026-10-15");
		book(ReserveEntryKind.DILUTION, "100.00", "2026-10-15");
		book(ReserveEntryKind.SHORT_PAY, "50.05", "2026-10-15");
		book(ReserveEntryKind.PASSED_ON, "12.34", "2026-10-15");
		book(ReserveEntryKind.CHARGEBACK, "400.00", "2026-10-20");
		book(ReserveEntryKind.REBATE_PAID, "500.00", "2026-10-20");
		this.ledger.reverse(this.fee, TO, "fee charged in error");
		// after the period
		book(ReserveEntryKind.FEE, "7.77", "2026-11-01");
	}

	@Test
	void openingMovementsAndClosingReconcileToTheCent() {
		ClientStatement statement = this.statements.of(this.client.getRef(), FROM, TO);

		assertThat(statement.opening()).isEqualTo(Money.of("984.75"));
		assertThat(movements(statement)).containsExactly(Map.entry("RESERVE_CREATED", "1 2000.00"),
				Map.entry("FEE", "1 -30.10"), Map.entry("DILUTION", "1 -100.00"), Map.entry("SHORT_PAY", "1 -50.05"),
				Map.entry("CHARGEBACK", "1 -400.00"), Map.entry("REBATE_PAID", "1 -500.00"),
				Map.entry("PASSED_ON", "1 12.34"), Map.entry("REVERSAL", "1 30.10"));
		// 2,000.00 - 30.10 - 100.00 - 50.05 - 400.00 - 500.00 + 12.34 + 30.10 = 962.29
		assertThat(statement.moved()).isEqualTo(Money.of("962.29"));
		// 984.75 + 962.29
		assertThat(statement.closing()).isEqualTo(Money.of("1947.04"));
		assertThat(statement.entries()).isEqualTo(8);
		// no invoice of its own: nothing funded or collected, nothing held
		assertThat(statement.funded()).isEqualTo(ClientStatement.Activity.NONE);
		assertThat(statement.collected()).isEqualTo(ClientStatement.Activity.NONE);
		// today: every entry, the one after the period too: 1,947.04 - 7.77
		assertThat(statement.today().balance()).isEqualTo(Money.of("1939.27"));
		assertThat(statement.today().rebatesDue()).isEqualTo(Money.of("1939.27"));
	}

	@Test
	void fundedAndCollectedAreTheAdvancesPaidAndTheCashReceivedInThePeriodAndAnOpenInvoiceHoldsItsReserve() {
		long debtorId = this.jdbc.queryForObject("SELECT MIN(id) FROM debtor", Long.class);
		// funded on the first day of the period (800.00) and the day before it (400.00)
		long inPeriod = fundedInvoice(debtorId, "ST-1", "1000.00", "800.00", "2026-10-01", "PAID");
		long before = fundedInvoice(debtorId, "ST-2", "500.00", "400.00", "2026-09-30", "FUNDED");
		// received on the last day (500.00), the day after (300.00), and 100.00 that
		// bounced within the period
		allocation(debtorId, inPeriod, "500.00", "2026-10-31", null);
		allocation(debtorId, inPeriod, "300.00", "2026-11-01", null);
		allocation(debtorId, before, "100.00", "2026-10-10", "2026-10-20");

		ClientStatement statement = this.statements.of(this.client.getRef(), FROM, TO);

		assertThat(statement.funded()).isEqualTo(new ClientStatement.Activity(1, Money.of("800.00")));
		assertThat(statement.collected()).isEqualTo(new ClientStatement.Activity(1, Money.of("500.00")));
		// the open funded invoice holds its reserve of 100.00: 1,939.27 - 100.00 is due
		assertThat(statement.today().held()).isEqualTo(Money.of("100.00"));
		assertThat(statement.today().rebatesDue()).isEqualTo(Money.of("1839.27"));
		assertThat(this.rebateRuns.pay(this.client.getRef()).getTotal()).isEqualTo(Money.of("1839.27"));
	}

	private long fundedInvoice(long debtorId, String number, String face, String advance, String fundedOn,
			String status) {
		LocalDate funded = LocalDate.parse(fundedOn);
		long id = this.jdbc.queryForObject("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at,
				                     funded_on)
				VALUES (?, ?, ?, ?, ?, ?, ?, now(), ?) RETURNING id
				""", Long.class, this.client.getId(), debtorId, number, funded.minusDays(2), funded.plusDays(28),
				new java.math.BigDecimal(face), status, funded);
		this.jdbc.update(
				"""
						INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_rate, fee_structure,
						                     fee_period_days, day_count)
						VALUES (?, ?, ?, ?, ? - ?, 0.8, 0.015, 'TIERED', 30, 'ACT_360')
						""",
				id, funded, new java.math.BigDecimal(face), new java.math.BigDecimal(advance),
				new java.math.BigDecimal(face), new java.math.BigDecimal(advance));
		return id;
	}

	private void allocation(long debtorId, long invoiceId, String amount, String receivedOn, String reversedOn) {
		LocalDate received = LocalDate.parse(receivedOn);
		LocalDate reversed = (reversedOn != null) ? LocalDate.parse(reversedOn) : null;
		long payment = this.jdbc.queryForObject("""
				INSERT INTO payment (debtor_id, received_on, amount, reference, reversed_on)
				VALUES (?, ?, ?, ?, ?) RETURNING id
				""", Long.class, debtorId, received, new java.math.BigDecimal(amount),
				"ST-" + invoiceId + "-" + receivedOn, reversed);
		this.jdbc.update("""
				INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on, reversed_on)
				VALUES (?, ?, ?, ?, ?)
				""", payment, invoiceId, new java.math.BigDecimal(amount), received, reversed);
	}

	@Test
	void theEdgesOfThePeriodCount() {
		// the first day alone: the reserve booked on it
		ClientStatement first = this.statements.of(this.client.getRef(), FROM, FROM);
		assertThat(first.opening()).isEqualTo(Money.of("984.75"));
		assertThat(first.moved()).isEqualTo(Money.of("2000.00"));
		assertThat(first.closing()).isEqualTo(Money.of("2984.75"));
		// the last day alone: the reversal booked on it
		ClientStatement last = this.statements.of(this.client.getRef(), TO, TO);
		assertThat(last.entries()).isEqualTo(1);
		assertThat(last.moved()).isEqualTo(Money.of("30.10"));
		assertThat(last.closing()).isEqualTo(Money.of("1947.04"));
		// the day before the period: the reserve booked on it, and the fee before it
		ClientStatement before = this.statements.of(this.client.getRef(), FROM.minusDays(1), FROM.minusDays(1));
		assertThat(before.opening()).isEqualTo(Money.of("-15.25"));
		assertThat(before.moved()).isEqualTo(Money.of("1000.00"));
		assertThat(before.closing()).isEqualTo(Money.of("984.75"));
		// a period that ends before it starts is refused on its end
		assertThatThrownBy(() -> this.statements.of(this.client.getRef(), TO, FROM))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("statement.period.order");
				assertThat(refusal.getViolations().get(0).field()).isEqualTo("to");
			});
	}

	@Test
	void eachKindLeadsToItsEntries() {
		Page<StatementEntry> fees = this.statements.entries(this.client.getRef(), ReserveEntryKind.FEE, FROM, TO, 0);
		assertThat(fees.getTotalElements()).isEqualTo(1);
		assertThat(fees.getContent()).singleElement().satisfies((entry) -> {
			assertThat(entry.id()).isEqualTo(this.fee.getId());
			assertThat(entry.bookedOn()).isEqualTo(LocalDate.of(2026, 10, 15));
			assertThat(entry.amount()).isEqualTo(Money.of("-30.10"));
		});
		Page<StatementEntry> reversals = this.statements.entries(this.client.getRef(), ReserveEntryKind.REVERSAL, FROM,
				TO, 0);
		assertThat(reversals.getContent()).singleElement().satisfies((entry) -> {
			assertThat(entry.reversesId()).isEqualTo(this.fee.getId());
			assertThat(entry.amount()).isEqualTo(Money.of("30.10"));
		});
		assertThat(
				this.statements.entries(this.client.getRef(), ReserveEntryKind.FEE, TO.plusDays(1), TO.plusDays(1), 0)
					.getTotalElements())
			.isEqualTo(1);
	}

	@Test
	void thePageShowsTheStatementAndItsDrillDownAndSaysWhatIsWrongWithAPeriod() throws Exception {
		String page = page("/clients/" + this.client.getRef() + "?from=2026-10-01&to=2026-10-31&kind=FEE", "en");
		assertThat(page).contains("id=\"statement-opening\">EUR\u00a0984.75<")
			.contains("id=\"statement-closing\">EUR\u00a01,947.04<")
			.contains("id=\"statement-CHARGEBACK\">EUR\u00a0-400.00<")
			.contains("id=\"rebates-due\">EUR\u00a01,939.27<")
			.contains("data-entry=\"" + this.fee.getId() + "\"")
			.contains("statement.pdf?from=2026-10-01&amp;to=2026-10-31");
		// the current month to date by default; the facility's fee terms beside its
		// other terms
		assertThat(page("/clients/" + this.client.getRef(), "en")).contains("value=\"2026-11-01\"")
			.contains("per started period of 30 days")
			.contains("value=\"2026-11-25\"")
			.contains("id=\"statement-FEE\">EUR\u00a0-7.77<");
		assertThat(page("/clients/" + this.client.getRef() + "?from=2026-10-31&to=2026-10-01", "en"))
			.contains("The period ends on 2026-10-01, before it starts on 2026-10-31")
			.doesNotContain("id=\"statement-closing\"");
		assertThat(page("/clients/" + this.client.getRef() + "?from=31-10-2026", "nl"))
			.contains("Vul een datum in als 2026-11-30 (jaar-maand-dag), niet 31-10-2026.");
		// dates the calendar has but the database does not
		assertThat(this.mvc
			.perform(get("/clients/" + this.client.getRef()).param("from", "+999999999-01-01")
				.param("to", "0000-01-01")
				.param("lang", "en")
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Enter a date as 2026-11-30 (year-month-day), not +999999999-01-01.")
			.contains("Enter a date as 2026-11-30 (year-month-day), not 0000-01-01.");
		this.mvc
			.perform(get("/clients/" + this.client.getRef() + "/statement.pdf?from=x&to=2026-10-01")
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().isOk());
	}

	@Test
	void thePdfHasTheFiguresInTheReadersLanguage() throws Exception {
		// the text extractor joins some table cells without a space: compared without
		// spaces
		String english = pdfText("en");
		assertThat(english).contains(squeezed("Statement", "Statement Test B.V.", "Period 2026-10-01 to 2026-10-31",
				"Opening balance (before 2026-10-01) EUR 984.75", "Reserve created 1 EUR 2,000.00", "Fees 1 EUR -30.10",
				"Dilution 1 EUR -100.00", "Short pays 1 EUR -50.05", "Chargebacks 1 EUR -400.00",
				"Rebates paid 1 EUR -500.00", "Passed on 1 EUR 12.34", "Reversals 1 EUR 30.10",
				"Closing balance (end of 2026-10-31) 8 EUR 1,947.04", "Rebates due EUR 1,939.27"));
		String dutch = pdfText("nl");
		assertThat(dutch).contains(squeezed("Afrekening", "Beginsaldo (voor 2026-10-01) EUR 984,75",
				"Eindsaldo (einde van 2026-10-31) 8 EUR 1.947,04", "Te betalen restituties EUR 1.939,27"));
	}

	@Test
	void aRebateRunPaysExactlyWhatIsDueAndThenNothingIsLeft() throws Exception {
		RebateRun run = this.rebateRuns.pay(this.client.getRef());

		assertThat(run.getTotal()).isEqualTo(Money.of("1939.27"));
		assertThat(run.getRunOn()).isEqualTo(LocalDate.of(2026, 11, 25));
		List<ReserveEntry> entries = this.ledger.ofRebateRun(run.getId());
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.getKind()).isEqualTo(ReserveEntryKind.REBATE_PAID);
			assertThat(entry.getAmount()).isEqualTo(Money.of("-1939.27"));
			assertThat(entry.getBookedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
			assertThat(entry.getClientId()).isEqualTo(this.client.getId());
		});
		assertThat(this.ledger.position(this.client.getId()).rebatesDue()).isEqualTo(Money.ZERO);
		assertThatThrownBy(() -> this.rebateRuns.pay(this.client.getRef())).isInstanceOfSatisfying(
				BusinessRefusal.class, (refusal) -> assertThat(refusal.getCode()).isEqualTo("rebate.nothing"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rebate_run WHERE client_id = ?", Long.class,
				this.client.getId()))
			.isOne();

		// the payout: one SEPA transfer of the total to the client's IBAN, told apart
		// from
		// a funding run's
		String file = new String(this.rebateRuns.payoutFile(run.getId()), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(file).contains("<PmtInfId>FD-REBATE-" + run.getId() + "</PmtInfId>")
			.contains("<EndToEndId>R" + run.getId() + "</EndToEndId>")
			.contains("<InstdAmt Ccy=\"EUR\">1939.27</InstdAmt>")
			.contains("<IBAN>NL91ABNA0417164300</IBAN>");
		this.rebateRuns.markPaid(run.getId());
		assertThatThrownBy(() -> this.rebateRuns.markPaid(run.getId())).isInstanceOfSatisfying(BusinessRefusal.class,
				(refusal) -> assertThat(refusal.getCode()).isEqualTo("rebate.paid.already"));
		assertThat(page("/funding/rebate-runs/" + run.getId(), "nl")).contains("Restitutierun " + run.getId())
			.contains("EUR\u00a01.939,27");
	}

	@Test
	void payingRebatesFromTheClientPageLeadsToTheRunOrSaysNothingIsDue() throws Exception {
		this.mvc
			.perform(post("/clients/" + this.client.getRef() + "/rebate-runs").with(csrf())
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/funding/rebate-runs/*"));
		this.mvc
			.perform(post("/clients/" + this.client.getRef() + "/rebate-runs").with(csrf())
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/clients/" + this.client.getRef() + "*"));
	}

	private ReserveEntry book(ReserveEntryKind kind, String amount, String on) {
		return this.ledger.book(this.client.getId(), kind, Money.of(amount), LocalDate.parse(on),
				new ReserveEntry.Source(null, null, null, null), "test " + kind);
	}

	private static Map<String, String> movements(ClientStatement statement) {
		Map<String, String> movements = new java.util.LinkedHashMap<>();
		statement.movements()
			.forEach((movement) -> movements.put(movement.kind().name(),
					movement.count() + " " + movement.total().amount().toPlainString()));
		return movements;
	}

	private String page(String path, String language) throws Exception {
		return this.mvc
			.perform(get(path + (path.contains("?") ? "&" : "?") + "lang=" + language)
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static String[] squeezed(String... texts) {
		return java.util.Arrays.stream(texts).map((text) -> text.replaceAll("\\s+", "")).toArray(String[]::new);
	}

	private String pdfText(String language) throws Exception {
		MvcResult result = this.mvc
			.perform(get("/clients/" + this.client.getRef() + "/statement.pdf?from=2026-10-01&to=2026-10-31&lang="
					+ language)
				.with(user("uw").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/pdf"))
			.andExpect(header().string("Content-Disposition",
					"attachment; filename=\"statement-" + this.client.getRef() + "-2026-10-01-2026-10-31.pdf\""))
			.andReturn();
		byte[] pdf = result.getResponse().getContentAsByteArray();
		// kept for a look: target/statement-en.pdf, target/statement-nl.pdf
		java.nio.file.Files.write(java.nio.file.Path.of("target", "statement-" + language + ".pdf"), pdf);
		PdfReader reader = new PdfReader(pdf);
		try {
			return new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("[\\s\u00a0]+", "");
		}
		finally {
			reader.close();
		}
	}

}
