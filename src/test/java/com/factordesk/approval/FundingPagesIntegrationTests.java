package com.factordesk.approval;

import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The client page, the funding list and a funding run's page, for an underwriter and a
 * manager, refused to an admin: the facility's usage, the approved invoices and the form
 * that funds them (all or the selected ones), the run with its advances, its payout file
 * and its confirmation. A client and its invoices of their own on a demo debtor, rolled
 * back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.pages", roles = "UNDERWRITER")
class FundingPagesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void aClientOfItsOwn() {
		this.client = Clients.aClient()
			.named("Pages & Partners B.V.")
			.facility(new FacilityTerms(Money.of("200000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.client.payTo("NL91ABNA0417164300", "ABNANL2A");
		this.entities.persist(this.client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = s.debtor_id
				                  AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'HELD'))
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		this.debtor = this.entities.find(Debtor.class, debtorId);
		this.debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
	}

	@Test
	void theClientPageShowsTheFacilityItsUsageAndWhatAwaitsFunding() throws Exception {
		Invoice invoice = approved("10000.00", "6000.00");

		for (String role : new String[] { "UNDERWRITER", "MANAGER" }) {
			this.mvc.perform(get("/clients/{ref}", this.client.getRef()).with(user("someone").roles(role)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Pages &amp; Partners B.V.")))
				// limit 200,000.00; in use 6,000.00 reserved: 3.0 %; headroom 194,000.00
				.andExpect(content().string(containsString("EUR\u00a0200,000.00")))
				.andExpect(content()
					.string(containsString("EUR\u00a06,000.00 of EUR\u00a0200,000.00 in use (3.0\u00a0%)")))
				.andExpect(content().string(containsString("EUR\u00a0194,000.00")))
				.andExpect(content().string(containsString("Hold: they wait for headroom")))
				.andExpect(content().string(containsString("None paid yet")))
				.andExpect(content().string(containsString("name=\"invoiceIds\" value=\"" + invoice.getId() + "\"")))
				.andExpect(content().string(containsString("href=\"/invoices/" + invoice.getId() + "\"")))
				.andExpect(content().string(containsString("NL91ABNA0417164300")));
		}
		this.mvc.perform(get("/clients/{ref}", this.client.getRef()).param("lang", "nl"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Nog geen betaald")))
			.andExpect(content()
				.string(containsString("EUR\u00a06.000,00 van EUR\u00a0200.000,00 in gebruik (3,0\u00a0%)")));
		this.mvc.perform(get("/clients/NO-SUCH-CLIENT")).andExpect(status().isNotFound());
	}

	@Test
	void fundingAllMakesTheRunAndShowsItWithWhatItFunded() throws Exception {
		Invoice first = approved("10000.00", "6000.00");
		Invoice second = approved("5000.00", "2500.00");

		MvcResult made = this.mvc
			.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).param("scope", "all").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/funding/runs/*"))
			.andReturn();
		FundingOutcome outcome = (FundingOutcome) made.getFlashMap().get("outcome");
		assertThat(outcome.funded()).containsExactlyInAnyOrder(first.getNumber(), second.getNumber());
		this.entities.flush();

		this.mvc.perform(get("/funding/runs/{id}", outcome.runId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(first.getNumber())))
			// advances 6,000.00 + 2,500.00 = 8,500.00, reserves 4,000.00 + 2,500.00 =
			// 6,500.00, faces 15,000.00
			.andExpect(content()
				.string(containsString("<td class=\"num\" id=\"run-advances-total\">EUR\u00a08,500.00</td>")))
			.andExpect(content().string(containsString("<td class=\"num\" id=\"run-reserves\">EUR\u00a06,500.00</td>")))
			.andExpect(content().string(containsString("<td class=\"num\" id=\"run-faces\">EUR\u00a015,000.00</td>")))
			.andExpect(content().string(containsString("/funding/runs/" + outcome.runId() + "/pain.001.xml")))
			.andExpect(content().string(containsString("Not paid yet")));
		this.mvc.perform(get("/clients/{ref}", this.client.getRef()))
			.andExpect(content().string(containsString("href=\"/funding/runs/" + outcome.runId() + "\"")))
			.andExpect(content().string(containsString("No approved invoice awaits funding.")));
		// the redirect, in the session that carries the flash message (last: the session
		// ends with it)
		assertThat(followInSession(made))
			.contains("Funding run " + outcome.runId() + " made: 2 invoices funded for EUR\u00a08,500.00 ("
					+ first.getNumber() + ", " + second.getNumber() + ").");
	}

	@Test
	void fundingTheSelectedOnesLeavesTheOthersAndNoneSelectedIsRefusedOnTheClientPage() throws Exception {
		Invoice chosen = approved("10000.00", "6000.00");
		Invoice left = approved("5000.00", "2500.00");

		MvcResult refused = this.mvc
			.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).param("scope", "selected").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/clients/" + this.client.getRef()))
			.andExpect(flash().attributeExists("fundingRefusal"))
			.andReturn();
		MvcResult made = this.mvc
			.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).param("scope", "selected")
				.param("invoiceIds", String.valueOf(chosen.getId()))
				.with(csrf()))
			.andExpect(status().isFound())
			.andReturn();
		this.entities.flush();
		FundingOutcome outcome = (FundingOutcome) made.getFlashMap().get("outcome");
		assertThat(outcome.funded()).containsExactly(chosen.getNumber());
		assertThat(left.getStatus().name()).isEqualTo("APPROVED");

		this.mvc.perform(get("/funding"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/clients/" + this.client.getRef() + "\"")))
			.andExpect(content().string(containsString("EUR\u00a02,500.00")));
		// the refusal, on the client page it redirected to (last: the session ends with
		// it)
		assertThat(followInSession(refused)).contains("Select at least one invoice to fund, or fund all of them.");
	}

	@Test
	void thePayoutFileDownloadsAndTheRunIsMarkedPaidOnce() throws Exception {
		approved("10000.00", "6000.00");
		FundingOutcome outcome = fundAll();

		this.mvc.perform(get("/funding/runs/{id}/pain.001.xml", outcome.runId()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("application/xml")))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andExpect(content().string(containsString("<CtrlSum>6000.00</CtrlSum>")))
			.andExpect(content().string(containsString("<EndToEndId>" + outcome.runId() + "</EndToEndId>")));

		this.mvc.perform(post("/funding/runs/{id}/paid", outcome.runId()).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/funding/runs/" + outcome.runId()))
			.andExpect(flash().attribute("success", "funding.paid"));
		this.entities.flush();
		this.mvc.perform(get("/funding/runs/{id}", outcome.runId()))
			.andExpect(content().string(containsString("<dd class=\"col-6\" id=\"run-paid\">uw.pages at 2026-11-25 ")))
			.andExpect(content().string(not(containsString("id=\"mark-paid\""))));
		this.mvc.perform(post("/funding/runs/{id}/paid", outcome.runId()).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attributeExists("fundingRefusal"));
	}

	@Test
	void aClientWithoutAnIbanHasNoPayoutFile() throws Exception {
		this.client.payTo(null, null);
		approved("10000.00", "6000.00");
		FundingOutcome outcome = fundAll();

		this.mvc.perform(get("/funding/runs/{id}", outcome.runId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("client " + this.client.getRef() + " has no IBAN on file")));
		this.mvc.perform(get("/funding/runs/{id}/pain.001.xml", outcome.runId()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(
					"client Pages &amp; Partners B.V. (" + this.client.getRef() + ") has no IBAN on file")));
	}

	@Test
	void everyFundingPageSpeaksBothLanguagesWithNoKeyMissing() throws Exception {
		approved("10000.00", "6000.00");
		approved("5000.00", "2500.00");
		FundingOutcome outcome = fundAll();
		for (String language : new String[] { "en", "nl" }) {
			for (String path : new String[] { "/clients/" + this.client.getRef(), "/funding",
					"/funding/runs/" + outcome.runId() }) {
				String page = this.mvc.perform(get(path).param("lang", language))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(page).as(language + " " + path)
					.contains("en".equals(language) ? ">Funding</a>" : ">Bevoorschotting</a>")
					.doesNotContain("??");
			}
		}
	}

	@Test
	@WithMockUser(username = "admin.pages", roles = "ADMIN")
	void anAdminSeesNoneOfItAndFundsNothing() throws Exception {
		this.mvc.perform(get("/clients/{ref}", this.client.getRef())).andExpect(status().isForbidden());
		this.mvc.perform(get("/funding")).andExpect(status().isForbidden());
		this.mvc.perform(get("/funding/runs/1")).andExpect(status().isForbidden());
		this.mvc.perform(get("/funding/runs/1/pain.001.xml")).andExpect(status().isForbidden());
		this.mvc.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/funding/runs/1/paid").with(csrf())).andExpect(status().isForbidden());
	}

	@Test
	void aFormWithoutItsCsrfTokenFundsNothing() throws Exception {
		approved("10000.00", "6000.00");
		this.mvc.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).param("scope", "all"))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM funding_run WHERE client_id = ?", Long.class,
				this.client.getId()))
			.isZero();
	}

	private FundingOutcome fundAll() throws Exception {
		MvcResult made = this.mvc
			.perform(post("/clients/{ref}/funding-runs", this.client.getRef()).param("scope", "all").with(csrf()))
			.andExpect(status().isFound())
			.andReturn();
		this.entities.flush();
		return (FundingOutcome) made.getFlashMap().get("outcome");
	}

	/**
	 * The page a post redirected to, read in the session the post left its flash message
	 * in; the session is ended after (a logout, which also ends this test's user).
	 */
	private String followInSession(MvcResult post) throws Exception {
		Cookie[] cookies = post.getResponse().getCookies();
		assertThat(cookies).as("the session cookie").isNotEmpty();
		String page = this.mvc.perform(get(post.getResponse().getRedirectedUrl()).cookie(cookies))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.mvc.perform(post("/logout").with(csrf()).cookie(cookies)).andExpect(status().isFound());
		return page;
	}

	private Invoice approved(String amount, String advance) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		this.underwriting.approve(invoice.getId(), Optional.of(Money.of(advance)), Optional.empty(), null);
		this.entities.flush();
		return invoice;
	}

}
