package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Dispute;
import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The headline figures against hand-computed fixtures on a client of the test's own (the
 * client scope keeps the demo book out), with the arithmetic written out beside each.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "MANAGER")
class PortfolioFiguresIntegrationTests {

	@Autowired
	private PortfolioFigures figures;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DilutionTable dilution;

	@Autowired
	private DisputesTable disputes;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void createClientAndDebtor() {
		this.client = Clients.aClient().named("Figures Test B.V.").industry("metal").build();
		this.debtor = Debtors.aDebtor().named("Figures Buyer AG").creditLimit("1000000.00").build();
		this.entities.persist(this.client);
		this.entities.persist(this.debtor);
	}

	@Test
	void countbackDsoOfTheTextbookCaseWithCalendarMonths() {
		// sales: April 70,000, May 80,000, June 100,000; of April's 38,000 is paid by
		// 2026-06-29
		Invoice april = funded(day("2026-04-15"), day("2026-05-15"), "70000.00");
		funded(day("2026-05-15"), day("2026-06-14"), "80000.00");
		funded(day("2026-06-10"), day("2026-07-10"), "100000.00");
		pay(april, day("2026-05-20"), "38000.00");
		this.entities.flush();

		DsoFigures june = this.figures.figures(scope(day("2026-06-29")), 90);

		// open AR = 32,000 + 80,000 + 100,000 = 212,000
		assertThat(june.openAr()).isEqualTo(Money.of("212000.00"));
		// June 1-29 (29 days) takes 100,000 -> 112,000 left; May (31 days) takes 80,000
		// ->
		// 32,000 left; April: 32,000 / 70,000 x 30 = 13.714; 29 + 31 + 13.714 = 73.71
		assertThat(june.countbackDso()).isEqualByComparingTo("73.71");
		// the 90 days ending 2026-06-29 run from 2026-04-01: sales 250,000;
		// standard DSO = 212,000 / 250,000 x 90 = 76.32
		assertThat(june.sales90()).isEqualTo(Money.of("250000.00"));
		assertThat(june.dso90()).isEqualByComparingTo("76.32");
	}

	@Test
	void countbackDsoAsOfAMonthEnd() {
		// September 70,000 (38,000 paid), October 80,000, November 100,000
		Invoice september = funded(day("2026-09-15"), day("2026-10-15"), "70000.00");
		funded(day("2026-10-15"), day("2026-12-14"), "80000.00");
		funded(day("2026-11-10"), day("2026-12-10"), "100000.00");
		pay(september, day("2026-10-01"), "38000.00");
		this.entities.flush();

		Headline november = this.figures.headline(scope(day("2026-11-30")));

		// November (30 days, the month end is in it) takes 100,000 -> 112,000 left;
		// October
		// (31 days) 80,000 -> 32,000 left; September: 32,000 / 70,000 x 30 = 13.714;
		// 30 + 31 + 13.714 = 74.71
		assertThat(november.openAr()).isEqualTo(Money.of("212000.00"));
		assertThat(november.dsoCountback()).isEqualByComparingTo("74.71");
	}

	@Test
	void countbackWithAMonthWithoutSalesBehindIt() {
		// sales: August 60,000, September nothing, October 100,000 (90,000 paid
		// 2026-10-20)
		funded(day("2026-08-10"), day("2026-09-09"), "60000.00");
		Invoice october = funded(day("2026-10-05"), day("2026-11-04"), "100000.00");
		pay(october, day("2026-10-20"), "90000.00");
		this.entities.flush();

		// as of 2026-10-31 open AR = 60,000 + 10,000 = 70,000, within October's 100,000:
		// 70,000 / 100,000 x 31 = 21.70 (September, which sold nothing, is never reached)
		Headline end = this.figures.headline(scope(day("2026-10-31")));
		assertThat(end.openAr()).isEqualTo(Money.of("70000.00"));
		assertThat(end.dsoCountback()).isEqualByComparingTo("21.70");
		// as of 2026-10-19 open AR = 160,000: October 1-19 (19 days) takes 100,000 ->
		// 60,000 left; September sold nothing: it takes nothing and adds its 30 days;
		// August: 60,000 / 60,000 x 31 = 31; 19 + 30 + 31 = 80.00
		assertThat(this.figures.headline(scope(day("2026-10-19"))).dsoCountback()).isEqualByComparingTo("80.00");
	}

	/**
	 * The book of the client, as of 2026-03-31 (the 90 days from 2026-01-01; the AR at
	 * start is the open AR at the end of 2025-12-31), all funded on their issue dates:
	 * <pre>
	 * A issued 2025-11-15 due 2025-12-15 10,000: 4,000 paid 2026-01-20 (36 days late)
	 * B issued 2025-12-10 due 2026-01-09 20,000: paid 2026-01-05 (early: 0 days)
	 * C issued 2026-01-15 due 2026-02-14 30,000: credit note 5,000 on 2026-02-01,
	 *                                              25,000 paid 2026-03-31 (45 days late)
	 * D issued 2026-02-20 due 2026-03-22 40,000: dispute of 8,000 opened 2026-03-10
	 * E issued 2026-03-15 due 2026-04-14 50,000
	 * F issued 2026-03-25 due 2026-04-24 12,000: not funded, not the factor's book
	 * G issued 2025-10-01 due 2025-10-31  3,000: dispute opened 2025-12-01, resolved
	 *                                              2026-02-15 by a credit note of 3,000
	 * </pre>
	 */
	private void theBook() {
		Invoice a = funded(day("2025-11-15"), day("2025-12-15"), "10000.00");
		Invoice b = funded(day("2025-12-10"), day("2026-01-09"), "20000.00");
		Invoice c = funded(day("2026-01-15"), day("2026-02-14"), "30000.00");
		Invoice d = funded(day("2026-02-20"), day("2026-03-22"), "40000.00");
		funded(day("2026-03-15"), day("2026-04-14"), "50000.00");
		Invoice f = Invoices.anInvoice(this.client, this.debtor)
			.issued(day("2026-03-25"))
			.due(day("2026-04-24"))
			.amount("12000.00")
			.build();
		this.entities.persist(f);
		Invoice g = funded(day("2025-10-01"), day("2025-10-31"), "3000.00");
		pay(a, day("2026-01-20"), "4000.00");
		pay(b, day("2026-01-05"), "20000.00");
		c.credit(Money.of("5000.00"), null, day("2026-02-01"), "price", "underwriter", Invoices.on(day("2026-02-01")));
		pay(c, day("2026-03-31"), "25000.00");
		d.dispute(DisputeReason.QUANTITY, day("2026-03-10"), Money.of("8000.00"), "underwriter",
				Invoices.on(day("2026-03-10")));
		Dispute quality = g.dispute(DisputeReason.QUALITY, day("2025-12-01"), Money.of("3000.00"), "underwriter",
				Invoices.on(day("2025-12-01")));
		quality.resolve(DisputeOutcome.CREDIT_NOTE, day("2026-02-15"));
		g.credit(Money.of("3000.00"), quality, day("2026-02-15"), "quality", "underwriter",
				Invoices.on(day("2026-02-15")));
		this.entities.flush();
	}

	@Test
	void theDsoFamilyAsOfAPaymentDate() {
		theBook();

		DsoFigures march = this.figures.figures(scope(day("2026-03-31")), 90);

		// C is paid in full on the day itself: not open. Open AR = A 6,000 + D 40,000
		// + E 50,000 = 96,000; current (not yet due) = E 50,000
		assertThat(march.openAr()).isEqualTo(Money.of("96000.00"));
		assertThat(march.openInvoices()).isEqualTo(3);
		assertThat(march.currentAr()).isEqualTo(Money.of("50000.00"));
		// sales of 2026-01-01..2026-03-31 = C 30,000 + D 40,000 + E 50,000 = 120,000
		// (F is not funded)
		assertThat(march.sales()).isEqualTo(Money.of("120000.00"));
		// DSO = 96,000 / 120,000 x 90 = 72.00
		assertThat(march.dso()).isEqualByComparingTo("72.00");
		// BPDSO = 50,000 / 120,000 x 90 = 37.50; ADD = 72.00 - 37.50 = 34.50
		assertThat(march.bestPossibleDso()).isEqualByComparingTo("37.50");
		assertThat(march.averageDaysDelinquent()).isEqualByComparingTo("34.50");
		// countback: March (31 days) 50,000 -> 46,000 left; February (28 days) 40,000 ->
		// 6,000 left; January: 6,000 / 30,000 x 31 = 6.2; 31 + 28 + 6.2 = 65.20
		assertThat(march.countbackDso()).isEqualByComparingTo("65.20");
		// AR at the end of 2025-12-31 = A 10,000 + B 20,000 + G 3,000 = 33,000;
		// CEI = (33,000 + 120,000 - 96,000) / (33,000 + 120,000 - 50,000) x 100
		// = 57,000 / 103,000 x 100 = 55.339 -> 55.34
		assertThat(march.arAtStart()).isEqualTo(Money.of("33000.00"));
		assertThat(march.collectionEffectivenessIndex()).isEqualByComparingTo("55.34");
		// collections of the 90 days: A 4,000 x 36 days + B 20,000 x 0 (early) + C 25,000
		// x
		// 45 days = 1,269,000 / 49,000 = 25.898 -> 25.90
		assertThat(march.collected()).isEqualTo(Money.of("49000.00"));
		assertThat(march.daysBeyondTerms()).isEqualByComparingTo("25.90");
		// over 90 days past due: A, 106 days (2025-12-15 to 2026-03-31): 6,000 / 96,000
		assertThat(march.atRiskAr()).isEqualTo(Money.of("6000.00"));
		assertThat(march.atRiskRate()).isEqualByComparingTo("0.062500");
		// the headline is the same over 90 days
		Headline headline = march.headline();
		assertThat(headline.dso90()).isEqualByComparingTo("72.00");
		assertThat(headline.bestPossibleDso()).isEqualByComparingTo("37.50");
		assertThat(headline.averageDaysDelinquent()).isEqualByComparingTo("34.50");
		assertThat(headline.collectionEffectivenessIndex()).isEqualByComparingTo("55.34");
		assertThat(headline.daysBeyondTerms()).isEqualByComparingTo("25.90");
	}

	@Test
	void agingBothWaysDisputesAndDilution() {
		theBook();

		DsoFigures march = this.figures.figures(scope(day("2026-03-31")), 90);

		// by days past due: E current 50,000; D 9 days 40,000; A 106 days 6,000
		assertThat(march.agingByDue()).extracting(AgingBucket::bucket, AgingBucket::count, AgingBucket::amount)
			.containsExactly(tuple("current", 1L, Money.of("50000.00")), tuple("1-30", 1L, Money.of("40000.00")),
					tuple("31-60", 0L, Money.ZERO), tuple("61-90", 0L, Money.ZERO),
					tuple("91-120", 1L, Money.of("6000.00")), tuple("120+", 0L, Money.ZERO));
		// by invoice date: E 16 days, D 39 days, A 136 days
		assertThat(march.agingByIssue()).extracting(AgingBucket::bucket, AgingBucket::amount)
			.containsExactly(tuple("0-30", Money.of("50000.00")), tuple("31-60", Money.of("40000.00")),
					tuple("61-90", Money.ZERO), tuple("91-120", Money.ZERO), tuple("120+", Money.of("6000.00")));
		// D's dispute is open: disputed 40,000 of D, clean 96,000 - 40,000 = 56,000
		assertThat(march.disputedAr()).isEqualTo(Money.of("40000.00"));
		assertThat(march.cleanAr()).isEqualTo(Money.of("56000.00"));
		// opened in the 90 days: D's; resolved: G's after 2025-12-01..2026-02-15 = 76
		// days;
		// open: D's 8,000 for 2026-03-10..2026-03-31 = 21 days
		assertThat(march.disputes()).isEqualTo(new DsoFigures.Disputes(1, 1, new BigDecimal("76.00"), 1,
				Money.of("8000.00"), new BigDecimal("21.00")));
		// dilution of 2025-04-01..2026-03-31: credit notes C 5,000 + G 3,000 = 8,000 /
		// gross invoiced A 10,000 + B 20,000 + C 30,000 + D 40,000 + E 50,000 + G 3,000
		// = 153,000 -> 0.052288
		assertThat(march.credited12()).isEqualTo(Money.of("8000.00"));
		assertThat(march.gross12()).isEqualTo(Money.of("153000.00"));
		assertThat(march.dilutionRate()).isEqualByComparingTo("0.052288");
		// the tables say the same
		assertThat(this.dilution.list(scope(day("2026-03-31")))).singleElement()
			.satisfies((client) -> assertThat(client.rate()).isEqualByComparingTo("0.052288"));
		assertThat(this.disputes.list(scope(day("2026-03-31")), 10)).singleElement().satisfies((dispute) -> {
			assertThat(dispute.daysOpen()).isEqualTo(21);
			assertThat(dispute.outstanding()).isEqualTo(Money.of("40000.00"));
		});
	}

	@Test
	void aLeapYearsFebruary() {
		// Y issued 2024-01-15 31,000 (26,000 paid 2024-02-05), X issued 2024-02-10 10,000
		Invoice y = funded(day("2024-01-15"), day("2024-02-14"), "31000.00");
		funded(day("2024-02-10"), day("2024-03-11"), "10000.00");
		pay(y, day("2024-02-05"), "26000.00");
		this.entities.flush();

		DsoFigures leap = this.figures.figures(scope(day("2024-02-29")), 30);

		// open AR 5,000 + 10,000 = 15,000; countback: February 1-29 (29 days) 10,000 ->
		// 5,000 left; January: 5,000 / 31,000 x 31 = 5; 29 + 5 = 34.00
		assertThat(leap.openAr()).isEqualTo(Money.of("15000.00"));
		assertThat(leap.countbackDso()).isEqualByComparingTo("34.00");
		// 30 days: 2024-01-31..2024-02-29 holds X only: 15,000 / 10,000 x 30 = 45.00
		assertThat(leap.dso()).isEqualByComparingTo("45.00");
		// 90 days: 2023-12-02..2024-02-29 (30 + 31 + 29 days): 15,000 / 41,000 x 90 =
		// 32.93
		assertThat(leap.dso90()).isEqualByComparingTo("32.93");
	}

	@Test
	void aWindowWithoutSalesHasNoDso() {
		funded(day("2025-01-10"), day("2025-02-09"), "10000.00");
		this.entities.flush();

		Headline june = this.figures.headline(scope(day("2025-06-30")));

		assertThat(june.openAr()).isEqualTo(Money.of("10000.00"));
		assertThat(june.sales90()).isEqualTo(Money.ZERO);
		assertThat(june.dso90()).isNull();
		assertThat(june.bestPossibleDso()).isNull();
		assertThat(june.averageDaysDelinquent()).isNull();
		assertThat(june.daysBeyondTerms()).isNull();
		// (10,000 + 0 - 10,000) / (10,000 + 0 - 0) x 100 = 0
		assertThat(june.collectionEffectivenessIndex()).isEqualByComparingTo("0.00");
		// countback: June 30 + May 31 + April 30 + March 31 + February 28 days without
		// sales, then January: 10,000 / 10,000 x 31 = 31; 150 + 31 = 181
		assertThat(june.dsoCountback()).isEqualByComparingTo("181.00");
		// 10,000 past due 141 days: all at risk
		assertThat(june.atRiskRate()).isEqualByComparingTo("1");
	}

	@Test
	void anEmptyScopeHasNoFigures() {
		Headline nothing = this.figures.headline(scope(day("2026-03-31")));

		assertThat(nothing.openAr()).isEqualTo(Money.ZERO);
		assertThat(nothing.dso90()).isNull();
		assertThat(nothing.dsoCountback()).isNull();
		assertThat(nothing.collectionEffectivenessIndex()).isNull();
		assertThat(nothing.atRiskRate()).isNull();
		assertThat(nothing.dilutionRate()).isNull();
	}

	@Test
	void theSummaryApiAnswersTheContract() throws Exception {
		theBook();

		this.mvc
			.perform(get("/api/v1/portfolio/summary").param("asOf", "2026-03-31")
				.param("clientRef", this.client.getRef()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			// the figures worked out in theDsoFamilyAsOfAPaymentDate
			.andExpect(jsonPath("$.asOf").value("2026-03-31"))
			.andExpect(jsonPath("$.openAr").value(96000.00))
			.andExpect(jsonPath("$.salesLast90Days").value(120000.00))
			.andExpect(jsonPath("$.dsoStandard90").value(72.00))
			.andExpect(jsonPath("$.dsoCountback").value(65.20))
			.andExpect(jsonPath("$.bestPossibleDso").value(37.50))
			.andExpect(jsonPath("$.averageDaysDelinquent").value(34.50))
			.andExpect(jsonPath("$.aging.length()").value(6))
			.andExpect(jsonPath("$.aging[0].bucket").value("current"))
			.andExpect(jsonPath("$.aging[0].count").value(1))
			.andExpect(jsonPath("$.aging[0].amount").value(50000.00))
			.andExpect(jsonPath("$.aging[4].bucket").value("91-120"))
			.andExpect(jsonPath("$.aging[4].amount").value(6000.00))
			.andExpect(jsonPath("$.aging[5].bucket").value("120+"))
			.andExpect(jsonPath("$.dilutionRate").value(0.052288))
			.andExpect(jsonPath("$.clientRef").value(this.client.getRef()))
			.andExpect(jsonPath("$.collectionEffectivenessIndex").value(55.34))
			.andExpect(jsonPath("$.daysBeyondTerms").value(25.90))
			.andExpect(jsonPath("$.atRiskRate").value(0.0625));
	}

	@Test
	void theSummaryApiHasNullsWithoutSalesAndA404ForAnUnknownRef() throws Exception {
		funded(day("2025-01-10"), day("2025-02-09"), "10000.00");
		this.entities.flush();

		String json = this.mvc
			.perform(get("/api/v1/portfolio/summary").param("asOf", "2025-06-30")
				.param("clientRef", this.client.getRef()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openAr").value(10000.00))
			.andExpect(jsonPath("$.dsoStandard90").value(nullValue()))
			.andExpect(jsonPath("$.bestPossibleDso").value(nullValue()))
			.andExpect(jsonPath("$.averageDaysDelinquent").value(nullValue()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// money as numbers with two decimals, the contract's fields first and in order
		assertThat(json).contains("\"openAr\":10000.00,\"salesLast90Days\":0.00,\"dsoStandard90\":null")
			.startsWith("{\"asOf\":\"2025-06-30\"");
		this.mvc.perform(get("/api/v1/portfolio/summary").param("clientRef", "NO-SUCH-CLIENT"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void thePageShowsEachFigureWithItsInputsAndNaWithoutSales() throws Exception {
		theBook();

		this.mvc.perform(get("/portfolio").param("asOf", "2026-03-31").param("clientRef", this.client.getRef()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Open AR EUR\u00a096,000.00 / sales of the last 90 days "
					+ "(2026-01-01 to 2026-03-31: face of the funded invoices issued then) EUR\u00a0120,000.00 x 90.")))
			.andExpect(content().string(containsString("(AR at start EUR\u00a033,000.00 + sales EUR\u00a0120,000.00 "
					+ "- AR at end EUR\u00a096,000.00) / (AR at start EUR\u00a033,000.00 + sales EUR\u00a0120,000.00 "
					+ "- current AR at end EUR\u00a050,000.00) x 100")))
			.andExpect(content().string(containsString("a payment on or before the due date counts as 0 days")));
		this.mvc
			.perform(get("/portfolio").param("asOf", "2026-03-31")
				.param("clientRef", this.client.getRef())
				.param("days", "30")
				.param("aging", "invoice"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-bucket=\"0-30\"")))
			.andExpect(content().string(containsString("DSO (30 days)")));
		this.mvc.perform(get("/portfolio").param("asOf", "2026-12-01").param("clientRef", this.client.getRef()))
			.andExpect(status().isOk());
		this.mvc.perform(get("/portfolio").param("asOf", "2025-06-30").param("clientRef", this.client.getRef()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dso\">n/a<")));
	}

	@Test
	void theWholeBookRendersInDutchAndABadWindowIsNotAnError() throws Exception {
		this.mvc.perform(get("/portfolio").header("Accept-Language", "nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Kerncijfers per")))
			.andExpect(content().string(containsString("id=\"dilution-table\"")))
			.andExpect(content().string(containsString("id=\"disputes-table\"")));
		// a window that is not offered is the default 90 days
		this.mvc.perform(get("/portfolio").param("days", "45"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("DSO (90 days)")));
		this.mvc.perform(get("/portfolio").param("days", "many")).andExpect(status().isBadRequest());
	}

	@Test
	void theWholeBooksCreditSalesAreItsFundedInvoicesSummedOnAnyDay() {
		// the whole book's sales come from its kept sales per day (V064), a client's from
		// its invoices: both against the invoices summed here, on a month end, a leap
		// day, a day before a funding and today
		LocalDate today = day("2026-11-25");
		// issued 2026-11-02, funded 2026-11-20
		this.entities.persist(Invoices.anInvoice(this.client, this.debtor)
			.issued(day("2026-11-02"))
			.due(day("2026-12-02"))
			.amount("4321.09")
			.fundedOn(day("2026-11-20"))
			.build());
		this.entities.flush();
		for (LocalDate asOf : List.of(day("2026-06-30"), day("2024-02-29"), day("2026-11-19"), today)) {
			for (int window : List.of(30, 90, 365)) {
				DsoFigures figures = this.figures.figures(PortfolioScope.portfolio(asOf), window);
				assertThat(figures.sales()).as("sales of " + window + " days to " + asOf)
					.isEqualTo(Money.of(sales(asOf, asOf.minusDays(window))));
				assertThat(figures.sales90()).isEqualTo(Money.of(sales(asOf, asOf.minusDays(90))));
				assertThat(figures.gross12()).isEqualTo(Money.of(sales(asOf, asOf.minusYears(1))));
			}
		}
		// the client's own: not yet funded on the 19th, funded by today
		assertThat(this.figures.figures(scope(day("2026-11-19")), 30).sales()).isEqualTo(Money.ZERO);
		assertThat(this.figures.figures(scope(today), 30).sales()).isEqualTo(Money.of("4321.09"));
	}

	/**
	 * The face of the invoices funded by a day with an issue date after {@code after} and
	 * by the day.
	 */
	private BigDecimal sales(LocalDate asOf, LocalDate after) {
		return this.jdbc.queryForObject("""
				SELECT COALESCE(SUM(amount), 0) FROM invoice
				WHERE funded_on <= ? AND issue_date <= ? AND issue_date > ?
				""", BigDecimal.class, asOf, asOf, after);
	}

	private PortfolioScope scope(LocalDate asOf) {
		return new PortfolioScope(asOf, this.client.getId(), this.client.getRef(), this.client.getLegalName(), null,
				null, null);
	}

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

	/**
	 * An invoice approved on its issue date and funded the same day.
	 */
	private Invoice funded(LocalDate issued, LocalDate due, String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.issued(issued)
			.due(due)
			.amount(amount)
			.fundedOn(issued)
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Invoice invoice, LocalDate on, String amount) {
		Payment payment = new Payment(this.debtor, on, Money.of(amount), "PAY-" + invoice.getNumber());
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(on));
		this.entities.persist(payment);
	}

}
