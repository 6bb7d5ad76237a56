package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The decision page's forms (DESIGN section 7): {@code POST /invoices/{id}/approve} with
 * the advance in {@code amount} raises the debtor's and the facility's exposure by
 * exactly that amount; a refused or malformed decision re-renders the page with the
 * reason and changes nothing. The invoice belongs to a client of its own and a demo
 * debtor; everything is rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw1", roles = "UNDERWRITER")
class DecisionPageIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private InvoiceQuotes quotes;

	private Invoice invoice;

	@BeforeEach
	void aQueuedInvoice() {
		Client client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.entities.persist(client);
		long debtorId = this.jdbc.queryForObject(
				"""
						SELECT s.debtor_id FROM debtor_current_score s JOIN debtor d ON d.id = s.debtor_id
						WHERE s.grade IN ('A', 'B') AND d.insurer_limit IS NULL
						  AND d.credit_limit - COALESCE((SELECT e.funded + e.reserved FROM debtor_exposure e WHERE e.debtor_id = d.id), 0) > 50000
						ORDER BY s.debtor_id LIMIT 1
						""",
				Long.class);
		this.invoice = Invoices.anInvoice(client, this.entities.find(Debtor.class, debtorId))
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.amount("10000.00")
			.build();
		this.entities.persist(this.invoice);
		this.entities.flush();
	}

	@Test
	void theQueuedInvoiceShowsTheProposedAdvanceAndTheLimitsItWouldUse() throws Exception {
		Money quoted = this.quotes.quote(this.invoice.getId()).orElseThrow().quote().advance();
		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"decision-advance\"")))
			.andExpect(content().string(containsString(plain(quoted))))
			.andExpect(content().string(containsString("data-limit=\"CREDIT_LIMIT\"")))
			.andExpect(content().string(containsString("data-limit=\"FACILITY_LIMIT\"")))
			.andExpect(content().string(containsString("id=\"approve-form\"")))
			.andExpect(content().string(not(containsString("id=\"second-approval-form\""))));
	}

	@Test
	void approvingPartOfTheAdvanceRaisesExposureByExactlyTheAmountAndFreezesTheQuote() throws Exception {
		BigDecimal facilityBefore = facilityReserved();
		BigDecimal debtorBefore = debtorTotal();

		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf()).param("amount", "6543.21"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/invoices/" + this.invoice.getId()))
			.andExpect(flash().attribute("success", "decision.outcome.APPROVED"));

		assertThat(facilityReserved()).isEqualByComparingTo(facilityBefore.add(new BigDecimal("6543.21")));
		assertThat(debtorTotal()).isEqualByComparingTo(debtorBefore.add(new BigDecimal("6543.21")));
		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"quote-frozen\"")))
			.andExpect(content().string(containsString("data-kind=\"APPROVE\"")))
			.andExpect(content().string(containsString("id=\"withdraw-form\"")))
			.andExpect(content().string(not(containsString("id=\"approve-form\""))));
	}

	@Test
	void anAdvanceAboveTheQuoteOrNotANumberIsShownOnTheFormAndChangesNothing() throws Exception {
		BigDecimal before = facilityReserved();
		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf()).param("amount", "9999.99"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("is above the quoted advance")));
		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf()).param("amount", "12,x"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("id=\"approve-amount-error\"")));
		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf()).param("amount", "-5"))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(post("/invoices/{id}/reject", this.invoice.getId()).with(csrf()).param("reason", "BOGUS"))
			.andExpect(status().isUnprocessableContent());
		assertThat(facilityReserved()).isEqualByComparingTo(before);
		assertThat(
				this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, this.invoice.getId()))
			.isEqualTo("SUBMITTED");
	}

	@Test
	void theDebtorCardShowsWhyItScoresAsItDoesAndThisClientsConcentrationOnIt() throws Exception {
		// the client's open funded book: 3,000.00 on this debtor, 1,000.00 on another;
		// the queued invoice itself is not funded, so not in it: 3,000.00 / 4,000.00 =
		// 75.0 %
		Debtor other = this.entities.find(Debtor.class,
				this.jdbc.queryForObject("SELECT id FROM debtor WHERE id <> ? ORDER BY id LIMIT 1", Long.class,
						this.invoice.getDebtor().getId()));
		this.entities.persist(Invoices.anInvoice(this.invoice.getClient(), this.invoice.getDebtor())
			.issued(LocalDate.of(2026, 11, 1))
			.due(LocalDate.of(2026, 12, 31))
			.fundedOn(LocalDate.of(2026, 11, 2))
			.amount("3000.00")
			.build());
		this.entities.persist(Invoices.anInvoice(this.invoice.getClient(), other)
			.issued(LocalDate.of(2026, 11, 1))
			.due(LocalDate.of(2026, 12, 31))
			.fundedOn(LocalDate.of(2026, 11, 2))
			.amount("1000.00")
			.build());
		this.entities.flush();
		String grade = this.jdbc.queryForObject("SELECT grade FROM debtor_current_score WHERE debtor_id = ?",
				String.class, this.invoice.getDebtor().getId());

		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()).locale(java.util.Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("75.0 % of its open book (EUR\u00a03,000.00 of EUR\u00a04,000.00)")))
			.andExpect(content().string(containsString("id=\"debtor-reasons\"")))
			.andExpect(content().string(containsString(">Grade " + grade + " · ")))
			.andExpect(content()
				.string(containsString("/debtors/" + this.invoice.getDebtor().getRef() + "#client-behaviour")));
	}

	@Test
	void aFundedInvoiceShowsWhatWasPaidOutOnItAndAQueuedOneDoesNot() throws Exception {
		// a funded invoice of the demo book, funded in a run, with a tiered fee
		java.util.Map<String, Object> funded = this.jdbc.queryForMap("""
				SELECT a.invoice_id, a.funding_run_id, a.funded_on, a.amount, a.reserve, a.face, a.fee_period_days
				FROM advance a WHERE a.funding_run_id IS NOT NULL AND a.fee_structure = 'TIERED'
				  AND a.fee_rate IS NOT NULL
				ORDER BY a.id LIMIT 1
				""");
		// advance + reserve = face, as the page shows them
		assertThat(((BigDecimal) funded.get("amount")).add((BigDecimal) funded.get("reserve")))
			.isEqualByComparingTo((BigDecimal) funded.get("face"));
		this.mvc.perform(get("/invoices/{id}", funded.get("invoice_id")).locale(java.util.Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"advance-heading\"")))
			.andExpect(content().string(containsString(funded.get("funded_on").toString())))
			.andExpect(content().string(containsString("/funding/runs/" + funded.get("funding_run_id"))))
			.andExpect(content().string(containsString(
					"EUR\u00a0" + String.format(java.util.Locale.ENGLISH, "%,.2f", funded.get("amount")))))
			.andExpect(content().string(containsString(
					"EUR\u00a0" + String.format(java.util.Locale.ENGLISH, "%,.2f", funded.get("reserve")))))
			.andExpect(content().string(containsString(" per " + funded.get("fee_period_days") + " days")));
		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()))
			.andExpect(content().string(not(containsString("id=\"advance-heading\""))));
	}

	@Test
	void theInvoiceIsSentForVerificationFromItsPageAndStaysQueued() throws Exception {
		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"verification-request-form\"")))
			.andExpect(content().string(containsString("/invoices/" + this.invoice.getId() + "/verification-request")));

		this.mvc
			.perform(post("/invoices/{id}/verification-request", this.invoice.getId()).with(csrf())
				.param("note", "asked accounts payable by e-mail"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/invoices/" + this.invoice.getId()))
			.andExpect(flash().attribute("success", "decision.outcome.verificationRequested"));

		assertThat(this.jdbc.queryForList("""
				SELECT kind || ' ' || decided_by || ' ' || from_status || '>' || to_status || ' ' || note
				FROM invoice_decision WHERE invoice_id = ?
				""", String.class, this.invoice.getId()))
			.containsExactly("VERIFICATION_REQUESTED uw1 SUBMITTED>SUBMITTED asked accounts payable by e-mail");
		// still waiting for a decision, its outcome to be recorded on the same page
		this.mvc.perform(get("/invoices/{id}", this.invoice.getId()))
			.andExpect(content().string(containsString("id=\"verification-form\"")))
			.andExpect(content().string(containsString("Verification requested")));
	}

	@Test
	void theSecondUnderwriterIsToldWhoDecidedFirst() throws Exception {
		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/invoices/{id}/reject", this.invoice.getId()).with(csrf())
				.with(user("uw2").roles("UNDERWRITER"))
				.param("reason", "CREDIT_RISK"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf())
				.with(user("uw3").roles("UNDERWRITER")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("was already decided: Rejected, by uw2")));
	}

	@Test
	void withoutCsrfOrAsAnAdminNothingIsDecided() throws Exception {
		this.mvc.perform(post("/invoices/{id}/approve", this.invoice.getId())).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/invoices/{id}/approve", this.invoice.getId()).with(csrf())
				.with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice_decision WHERE invoice_id = ?", Long.class,
				this.invoice.getId()))
			.isZero();
	}

	private BigDecimal facilityReserved() {
		this.entities.flush();
		return this.jdbc
			.queryForList("SELECT reserved FROM facility_exposure WHERE client_id = ?", BigDecimal.class,
					this.invoice.getClient().getId())
			.stream()
			.findFirst()
			.orElse(BigDecimal.ZERO);
	}

	private BigDecimal debtorTotal() {
		this.entities.flush();
		return this.jdbc
			.queryForList("SELECT funded + reserved FROM debtor_exposure WHERE debtor_id = ?", BigDecimal.class,
					this.invoice.getDebtor().getId())
			.stream()
			.findFirst()
			.orElse(BigDecimal.ZERO);
	}

	private static String plain(Money money) {
		return new java.text.DecimalFormat("#,##0.00",
				java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH))
			.format(money.amount());
	}

}
