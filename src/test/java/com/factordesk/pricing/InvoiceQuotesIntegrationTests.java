package com.factordesk.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.factordesk.client.DayCount;
import com.factordesk.client.Facility;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A quote follows its client's facility: the fee structure (per started period of 30 or
 * 15 days, flat, daily ACT/360 or ACT/365) and a negotiated discount.
 */
@IntegrationTest
@WithMockUser(roles = "UNDERWRITER")
class InvoiceQuotesIntegrationTests {

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private Clock clock;

	@Test
	void theDemoBookHasEveryFeeStructureAndSomeDiscounts() {
		assertThat(this.jdbc.queryForList(
				"SELECT DISTINCT fee_structure || ' ' || fee_period_days || ' ' || day_count FROM facility",
				String.class))
			.contains("TIERED 30 ACT_360", "TIERED 15 ACT_360", "FLAT 30 ACT_360", "DAILY 30 ACT_360",
					"DAILY 30 ACT_365");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM facility WHERE client_fee_discount > 0", Long.class))
			.isPositive();
	}

	@Test
	@Transactional
	void eachFeeStructureOfTheFacilityPricesTheInvoice() {
		long invoiceId = pricedInvoice();
		List<FeeStructure> structures = List.of(new FeeStructure.Tiered(30), new FeeStructure.Tiered(15),
				new FeeStructure.Flat(), new FeeStructure.Daily(DayCount.ACT_360),
				new FeeStructure.Daily(DayCount.ACT_365));
		List<Money> fees = new java.util.ArrayList<>();
		for (FeeStructure structure : structures) {
			facilityOf(invoiceId, structure);
			Quote quote = this.quotes.quote(invoiceId).orElseThrow().quote();
			Money expected = structure.fee(this.face(invoiceId), quote.advance(), quote.feeRate(),
					quote.daysOutstanding());
			assertThat(quote.expectedFee()).as(structure.toString()).isEqualTo(expected.min(quote.reserve()));
			fees.add(quote.expectedFee());
		}
		// tiered 30, tiered 15, flat, daily ACT/360, daily ACT/365
		assertThat(fees.get(1)).as("15-day periods never charge more than 30-day ones")
			.isLessThanOrEqualTo(fees.get(0));
		assertThat(fees.get(4)).as("ACT/365 charges less than ACT/360").isLessThan(fees.get(3));
		assertThat(fees.get(2)).as("flat: once the fee rate").isNotEqualTo(fees.get(3));
	}

	@Test
	@Transactional
	void aNegotiatedDiscountLowersTheFeeRateOnItsOwnLine() {
		long invoiceId = pricedInvoice();
		Quote before = this.quotes.quote(invoiceId).orElseThrow().quote();
		agree(invoiceId, new FeeTerms(FeeKind.TIERED, 30, DayCount.ACT_360, Rate.percent("0.25")));

		Quote after = this.quotes.quote(invoiceId).orElseThrow().quote();

		assertThat(before.lineCodes()).doesNotContain(QuoteLine.CLIENT_DISCOUNT);
		assertThat(after.lineCodes()).contains(QuoteLine.CLIENT_DISCOUNT);
		assertThat(before.feeRate().fraction().subtract(after.feeRate().fraction()))
			.isEqualByComparingTo(new BigDecimal("0.0025"));
		assertThat(after.expectedFee()).isLessThan(before.expectedFee());
		assertThat(after.advance()).isEqualTo(before.advance());
	}

	@Test
	void theInvoicePageShowsTheFacilitysFeeTerms() throws Exception {
		long daily = this.jdbc.queryForObject("""
				SELECT i.id FROM invoice i JOIN facility f ON f.client_id = i.client_id
				WHERE f.fee_structure = 'DAILY' AND f.day_count = 'ACT_365' AND f.client_fee_discount > 0
				ORDER BY i.id LIMIT 1
				""", Long.class);
		this.mvc.perform(get("/invoices/{id}", daily))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("daily on the funds in use, ACT/365")))
			.andExpect(content().string(containsString("Negotiated fee discount")));
		long tiered = this.jdbc.queryForObject("""
				SELECT i.id FROM invoice i JOIN facility f ON f.client_id = i.client_id
				WHERE f.fee_structure = 'TIERED' AND f.fee_period_days = 15 ORDER BY i.id LIMIT 1
				""", Long.class);
		this.mvc.perform(get("/invoices/{id}", tiered))
			.andExpect(content().string(containsString("per started period of 15 days")));
	}

	@Test
	@Transactional
	void theInvoicePageShowsEverythingToRedoTheQuoteByHand() throws Exception {
		long invoiceId = pricedInvoice();
		facilityOf(invoiceId, new FeeStructure.Tiered(15));
		Quote quote = this.quotes.quote(invoiceId).orElseThrow().quote();
		LocalDate today = LocalDate.now(this.clock);
		Invoice invoice = this.entities.find(Invoice.class, invoiceId);
		// not funded: the quote assumes funding today; the debtor is expected on the due
		// date plus its days beyond terms, and the fee runs from today to then
		assertThat(quote.fundingDate()).isEqualTo(today);
		assertThat(quote.dueDate()).isEqualTo(invoice.getDueDate());
		assertThat(quote.expectedPaymentDate()).isEqualTo(invoice.getDueDate().plusDays(quote.daysBeyondTerms()));
		assertThat(quote.daysOutstanding())
			.isEqualTo(Math.max(0, ChronoUnit.DAYS.between(today, quote.expectedPaymentDate())));
		assertThat(quote.parametersVersion()).isEqualTo(1);
		// a 15-day facility: half the rate per 30 days, at four decimals of a percentage
		FeeCalculation shown = quote.feeCalculation();
		assertThat(shown.periodDays()).isEqualTo(15);
		assertThat(shown.rate().fraction())
			.isEqualByComparingTo(quote.feeRate().fraction().divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_EVEN));
		assertThat(shown.periods()).isEqualTo(Math.max(1, (quote.daysOutstanding() + 14) / 15));
		assertThat(shown.basisAmount()).isEqualTo(invoice.getAmount());
		QuoteLine fee = quote.lines()
			.stream()
			.filter((line) -> QuoteLine.FEE.equals(line.code()))
			.findFirst()
			.orElseThrow();
		String ratePercent = shown.rate().asPercent().stripTrailingZeros().toPlainString();
		assertThat(fee.reason()).startsWith(shown.periods() + " started period")
			.contains(" of 15 days x " + ratePercent + " % x face ");

		this.mvc.perform(get("/invoices/{id}", invoiceId))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Funding date")))
			.andExpect(content().string(containsString("assumed today")))
			.andExpect(content().string(containsString(today.toString())))
			.andExpect(content().string(containsString(quote.expectedPaymentDate().toString())))
			.andExpect(content().string(containsString(
					"due " + invoice.getDueDate() + " + " + quote.daysBeyondTerms() + " days beyond terms")))
			.andExpect(content().string(
					containsString("<dd class=\"col-5 num\" id=\"quote-days\">" + quote.daysOutstanding() + "</dd>")))
			.andExpect(content().string(containsString(" per 15 days")))
			.andExpect(content().string(containsString("the face, EUR")))
			.andExpect(content().string(containsString(fee.reason())))
			.andExpect(content().string(containsString("pricing parameters version 1")));
		this.mvc.perform(get("/invoices/{id}", invoiceId).cookie(new Cookie("factordesk-lang", "nl")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Financieringsdatum")))
			.andExpect(content().string(containsString("verondersteld vandaag")))
			.andExpect(content().string(containsString(" per 15 dagen")))
			.andExpect(content().string(containsString("de factuurwaarde, EUR")))
			.andExpect(content().string(containsString(" begonnen ")))
			.andExpect(content().string(containsString("prijsparameterversie 1")));
	}

	@Test
	@Transactional
	void aDailyFacilityShowsTheAdvanceAsTheBasisAndTheYearlyRate() throws Exception {
		long invoiceId = pricedInvoice();
		facilityOf(invoiceId, new FeeStructure.Daily(DayCount.ACT_365));
		Quote quote = this.quotes.quote(invoiceId).orElseThrow().quote();
		FeeCalculation shown = quote.feeCalculation();
		assertThat(shown.basis()).isEqualTo(FeeCalculation.Basis.ADVANCE);
		assertThat(shown.basisAmount()).isEqualTo(quote.advance());
		// 12 months of the rate per 30 days make the yearly rate
		assertThat(shown.rate().fraction())
			.isEqualByComparingTo(quote.feeRate().fraction().multiply(BigDecimal.valueOf(12)));
		assertThat(shown.periodDays()).isEqualTo(365);
		assertThat(shown.periods()).isEqualTo(quote.daysOutstanding());
		this.mvc.perform(get("/invoices/{id}", invoiceId))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("a year (ACT/365)")))
			.andExpect(content().string(containsString("the funds in use (the advance), EUR")))
			.andExpect(content().string(containsString(" days of a 365-day year")));
	}

	@Test
	@Transactional
	void aNewerVersionOfTheParametersInForceIsTheOneTheQuoteRecords() {
		long invoiceId = pricedInvoice();
		Quote before = this.quotes.quote(invoiceId).orElseThrow().quote();
		int next = this.jdbc.queryForObject("SELECT MAX(version) + 1 FROM pricing_parameter_set", Integer.class);
		// from today: the excess above the concentration limit costs 0.5 % per 30 days
		// instead of being held back, and the tenor surcharge doubles
		this.jdbc.update("""
				INSERT INTO pricing_parameter_set (version, effective_from, created_at, created_by, tenor_surcharge,
				    tenor_surcharge_days, concentration_rule, concentration_surcharge)
				VALUES (?, ?, now(), 'test', 0.005, 30, 'SURCHARGE', 0.005)
				""", next, LocalDate.now(this.clock));

		Quote after = this.quotes.quote(invoiceId).orElseThrow().quote();

		assertThat(before.parametersVersion()).isEqualTo(1);
		assertThat(after.parametersVersion()).isEqualTo(next);
		assertThat(after.bandSetVersion()).isEqualTo(before.bandSetVersion());
	}

	/**
	 * An invoice like a queued one of the demo book that its band prices (not declined),
	 * its fee well below the reserve, to the same debtor, but submitted by a client of
	 * the test's own whose facility no other test sees.
	 */
	private long pricedInvoice() {
		List<Long> queued = this.jdbc.queryForList("""
				SELECT i.id FROM invoice i JOIN facility f ON f.client_id = i.client_id
				WHERE i.status = 'SUBMITTED' AND f.client_fee_discount = 0 AND i.due_date - i.issue_date >= 30
				ORDER BY i.id LIMIT 50
				""", Long.class);
		Invoice like = this.entities.find(Invoice.class,
				this.quotes.quoteAll(queued)
					.entrySet()
					.stream()
					.filter((entry) -> !entry.getValue().quote().declined() && entry.getValue()
						.quote()
						.lines()
						.stream()
						.noneMatch((line) -> line.code().equals(QuoteLine.FEE_CAPPED)))
					.map(java.util.Map.Entry::getKey)
					.sorted()
					.findFirst()
					.orElseThrow());
		Client client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("10000000.00"), Rate.percent("100"), null, true, Rate.percent("100")))
			.build();
		this.entities.persist(client);
		Invoice invoice = Invoices.anInvoice(client, like.getDebtor())
			.issued(like.getIssueDate())
			.due(like.getDueDate())
			.amount(like.getAmount().amount().toPlainString())
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		assertThat(this.quotes.quote(invoice.getId()).orElseThrow().quote().lineCodes())
			.doesNotContain(QuoteLine.DECLINED, QuoteLine.FEE_CAPPED, QuoteLine.CONCENTRATION);
		return invoice.getId();
	}

	private Money face(long invoiceId) {
		return Money
			.of(this.jdbc.queryForObject("SELECT amount FROM invoice WHERE id = ?", BigDecimal.class, invoiceId));
	}

	private void facilityOf(long invoiceId, FeeStructure structure) {
		FeeTerms terms = new FeeTerms(FeeKind.FLAT, 30, DayCount.ACT_360, Rate.ZERO);
		if (structure instanceof FeeStructure.Tiered tiered) {
			terms = new FeeTerms(FeeKind.TIERED, tiered.periodDays(), DayCount.ACT_360, Rate.ZERO);
		}
		else if (structure instanceof FeeStructure.Daily daily) {
			terms = new FeeTerms(FeeKind.DAILY, 30, daily.dayCount(), Rate.ZERO);
		}

		agree(invoiceId, terms);
	}

	private void agree(long invoiceId, FeeTerms terms) {
		Facility facility = this.entities.find(Invoice.class, invoiceId).getClient().getFacility();
		facility.agreeFeeTerms(terms);
		this.entities.flush();
	}

}
