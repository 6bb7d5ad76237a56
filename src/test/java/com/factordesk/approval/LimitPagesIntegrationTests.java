package com.factordesk.approval;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The limit forms of the debtor page and the facility limit page as a person fills them
 * in: bad input comes back on the form with the field named (never a 500), a good
 * proposal redirects with its outcome, a manager's buttons apply or refuse it, and an
 * underwriter's are refused. A debtor and a client of their own, rolled back.
 */
@IntegrationTest
@Transactional
class LimitPagesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Debtor debtor;

	private Client client;

	private com.factordesk.invoice.Invoice invoice;

	@BeforeEach
	void aDebtorWithAClient() {
		this.debtor = Debtors.aDebtor().creditLimit("50000.00").build();
		this.client = Clients.aClient().named("Seller Test B.V.").build();
		this.entities.persist(this.debtor);
		this.entities.persist(this.client);
		this.invoice = Invoices.anInvoice(this.client, this.debtor).build();
		this.entities.persist(this.invoice);
		this.entities.flush();
	}

	@Test
	void anUnderwriterMarksAClientRelatedFromTheDebtorPage() throws Exception {
		String path = "/debtors/" + this.debtor.getRef() + "/related";
		// no reason: the form again, on its field, nothing marked
		this.mvc
			.perform(post(path).with(csrf())
				.with(user("u").roles("UNDERWRITER"))
				.param("clientId", String.valueOf(this.client.getId())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"related-reason-error\"")));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM related_party WHERE debtor_id = ?", Long.class,
				this.debtor.getId()))
			.isZero();
		this.mvc
			.perform(post(path).with(csrf())
				.with(user("u").roles("UNDERWRITER"))
				.param("clientId", String.valueOf(this.client.getId()))
				.param("reason", "owned by the same holding"))
			.andExpect(redirectedUrl("/debtors/" + this.debtor.getRef() + "#notices"))
			.andExpect(flash().attribute("success", "related.marked"));
		this.mvc.perform(get("/debtors/" + this.debtor.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("<td class=\"related-reason\">owned by the same holding</td>")))
			.andExpect(content().string(containsString("id=\"related-form\"")));
		// and the invoice carries the flag
		this.mvc.perform(get("/invoices/" + this.invoice.getId()).with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("data-flag=\"RELATED_PARTY\"")));
	}

	@Test
	void aManagerSetsHowTheFacilityEnforcesItsLimitsWithAReasonAndAnUnderwriterCannot() throws Exception {
		String path = "/clients/" + this.client.getRef() + "/enforcement";
		// the page says the mode in force; only a manager sees the form
		this.mvc.perform(get("/clients/" + this.client.getRef() + "/limit").with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("Now: Hold: they wait for headroom.")))
			.andExpect(content().string(not(containsString("id=\"enforcement-form\""))));
		this.mvc
			.perform(post(path).with(csrf())
				.with(user("u").roles("UNDERWRITER"))
				.param("mode", "BLOCK")
				.param("reason", "tighter"))
			.andExpect(status().isForbidden());
		// no reason, or a mode that does not exist: the form again, saying which field,
		// nothing changed
		this.mvc.perform(post(path).with(csrf()).with(user("m").roles("MANAGER")).param("mode", "BLOCK"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"enforcement-reason-error\"")));
		this.mvc
			.perform(post(path).with(csrf())
				.with(user("m").roles("MANAGER"))
				.param("mode", "SOMETIMES")
				.param("reason", "x"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"enforcement-form\"")));
		assertThat(enforcement()).isEqualTo("HOLD");

		this.mvc
			.perform(post(path).with(csrf())
				.with(user("m").roles("MANAGER"))
				.param("mode", "BLOCK")
				.param("reason", "client in a restructuring"))
			.andExpect(redirectedUrl("/clients/" + this.client.getRef() + "/limit"))
			.andExpect(flash().attribute("success", "limit.enforcement.changed"));
		assertThat(enforcement()).isEqualTo("BLOCK");
		// the client page says it, with the way to the setting
		this.mvc.perform(get("/clients/" + this.client.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("Block: they are refused")))
			.andExpect(content().string(containsString("/clients/" + this.client.getRef() + "/limit#enforcement")));
		assertThat(this.jdbc.queryForObject("""
				SELECT actor || ' ' || CAST(before_ref AS text) || ' ' || CAST(after_ref AS text) FROM audit_entry
				WHERE action = 'facility.enforcement' AND subject_ref = ?
				""", String.class, this.client.getRef())).startsWith("m ")
			.contains("\"enforcement\": \"HOLD\"")
			.contains("\"enforcement\": \"BLOCK\"")
			.contains("client in a restructuring");
	}

	private String enforcement() {
		this.entities.flush();
		return this.jdbc.queryForObject("SELECT enforcement FROM facility WHERE client_id = ?", String.class,
				this.client.getId());
	}

	@Test
	void theNoticeFlagLeadsToTheFormThatRecordsTheNoticeAndTheLimitPagesLinkTheClient() throws Exception {
		assertThat(this.client.getFacility().isNotification()).as("a notification facility").isTrue();
		this.mvc.perform(get("/invoices/" + this.invoice.getId()).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-flag=\"NO_NOTICE\"")))
			.andExpect(content().string(containsString("href=\"/debtors/" + this.debtor.getRef() + "#notices\"")));
		// the notices table and the facility limit page name the client with a link to it
		this.mvc.perform(get("/debtors/" + this.debtor.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("<a href=\"/clients/" + this.client.getRef() + "\">")));
		this.mvc.perform(get("/clients/" + this.client.getRef() + "/limit").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"facility-client-link\"")));
	}

	@Test
	void theDebtorPageShowsTheLimitsTheirUseAndTheForms() throws Exception {
		this.mvc.perform(get("/debtors/" + this.debtor.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"credit-limit\"")))
			.andExpect(content().string(containsString("id=\"credit-limit-form\"")))
			.andExpect(content().string(containsString("id=\"insurer-limit-form\"")))
			.andExpect(content().string(containsString("id=\"notice-form\"")))
			// the client that invoiced the debtor, with no notice on file and a link to
			// its facility limit
			.andExpect(content().string(containsString("data-client=\"" + this.client.getRef() + "\"")))
			.andExpect(content().string(containsString("/clients/" + this.client.getRef() + "/limit")));
	}

	@Test
	void badInputComesBackOnTheFormFieldByField() throws Exception {
		String path = "/debtors/" + this.debtor.getRef() + "/credit-limit";
		// not a number
		this.mvc
			.perform(post(path).param("limit", "lots")
				.param("date", "2027-05-01")
				.param("reason", "x")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("creditLimitForm", "limit", "typeMismatch"))
			.andExpect(content().string(containsString("Enter a number such as 2.5")));
		// negative, no reason
		this.mvc
			.perform(post(path).param("limit", "-10")
				.param("date", "2027-05-01")
				.param("reason", " ")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("creditLimitForm", "limit", "reason"));
		// a review date in the past (today is 2026-11-25), and none at all
		this.mvc
			.perform(post(path).param("limit", "60000")
				.param("date", "2026-11-24")
				.param("reason", "Review")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("creditLimitForm", "date", "limit.reviewOn.past"))
			.andExpect(content()
				.string(containsString("The review date 2026-11-24 is in the past (today is " + "2026-11-25).")));
		this.mvc
			.perform(post(path).param("limit", "60000")
				.param("reason", "Review")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("creditLimitForm", "date", "limit.reviewOn.missing"));
		// more than cents
		this.mvc
			.perform(post(path).param("limit", "60000.001")
				.param("date", "2027-05-01")
				.param("reason", "Review")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("creditLimitForm", "limit"));
		assertThat(decisions()).isZero();
	}

	@Test
	void aProposalAboveTheAuthorityWaitsAndAManagerAppliesItFromThePage() throws Exception {
		this.mvc
			.perform(post("/debtors/" + this.debtor.getRef() + "/credit-limit").param("limit", "150000.00")
				.param("date", "2027-05-01")
				.param("reason", "Group guarantee")
				.with(user("ursula").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(redirectedUrl("/debtors/" + this.debtor.getRef() + "#credit-limit"))
			.andExpect(flash().attribute("success", "limit.waiting"));
		long id = this.jdbc.queryForObject("SELECT id FROM credit_limit_decision WHERE debtor_id = ?", Long.class,
				this.debtor.getId());

		// the underwriter sees it waiting, without buttons; the manager sees the buttons
		this.mvc.perform(get("/debtors/" + this.debtor.getRef()).with(user("ursula").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("data-decision=\"" + id + "\"")))
			.andExpect(content().string(not(containsString("/limits/" + id + "/apply"))));
		this.mvc.perform(get("/limits").with(user("max").roles("MANAGER")))
			.andExpect(content().string(containsString("/limits/" + id + "/apply")));
		this.mvc.perform(post("/limits/" + id + "/apply").with(user("ursula").roles("UNDERWRITER")).with(csrf()))
			.andExpect(status().isForbidden());

		this.mvc
			.perform(post("/limits/" + id + "/apply").param("note", "Seen")
				.param("back", "/debtors/" + this.debtor.getRef())
				.with(user("max").roles("MANAGER"))
				.with(csrf()))
			.andExpect(redirectedUrl("/debtors/" + this.debtor.getRef()))
			.andExpect(flash().attribute("success", "limit.applied"));
		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("150000.00"));

		// a second click says who decided it, in the reader's language
		this.mvc
			.perform(post("/limits/" + id + "/refuse").param("note", "No")
				.param("back", "https://elsewhere.example")
				.with(user("mia").roles("MANAGER"))
				.with(csrf()))
			.andExpect(redirectedUrl("/limits"))
			.andExpect(flash().attribute("failure", "limit.refusal"))
			.andExpect(flash().attribute("successArg",
					org.hamcrest.Matchers.startsWith("This proposal was already decided by max at ")));
	}

	@Test
	void theFacilityLimitPageProposesAFacilityLimit() throws Exception {
		this.mvc.perform(get("/clients/" + this.client.getRef() + "/limit").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Facility limit of Seller Test B.V.")));
		this.mvc
			.perform(post("/clients/" + this.client.getRef() + "/limit").param("limit", "0")
				.param("reason", "Wind down")
				.with(user("max").roles("MANAGER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("facilityLimitForm", "limit", "limit.limit.notPositive"));
		this.mvc
			.perform(post("/clients/" + this.client.getRef() + "/limit").param("limit", "750000")
				.param("reason", "Wind down")
				.with(user("max").roles("MANAGER"))
				.with(csrf()))
			.andExpect(redirectedUrl("/clients/" + this.client.getRef() + "/limit"))
			.andExpect(flash().attribute("success", "limit.applied"));
		this.mvc.perform(get("/clients/NO-SUCH-CLIENT/limit").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aNoticeOfAssignmentIsRecordedOncePerClientAndDebtor() throws Exception {
		String path = "/debtors/" + this.debtor.getRef() + "/notices";
		// in the future (today is 2026-11-25)
		this.mvc
			.perform(post(path).param("clientId", this.client.getId().toString())
				.param("sentOn", "2026-11-26")
				.param("reference", "NOA-7")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("noticeForm", "sentOn", "notice.sentOn.future"));
		// a client that never invoiced the debtor
		Client stranger = Clients.aClient().build();
		this.entities.persist(stranger);
		this.entities.flush();
		this.mvc
			.perform(post(path).param("clientId", stranger.getId().toString())
				.param("sentOn", "2026-11-20")
				.param("reference", "NOA-7")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("noticeForm", "clientId", "notice.client.unknown"));

		this.mvc
			.perform(post(path).param("clientId", this.client.getId().toString())
				.param("sentOn", "2026-11-20")
				.param("reference", "NOA-7")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(redirectedUrl("/debtors/" + this.debtor.getRef() + "#notices"));
		this.mvc.perform(get("/debtors/" + this.debtor.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(content().string(containsString("NOA-7")));
		this.mvc
			.perform(post(path).param("clientId", this.client.getId().toString())
				.param("sentOn", "2026-11-21")
				.param("reference", "NOA-8")
				.with(user("u").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("A notice of assignment for client " + this.client.getRef()
					+ " is already on file: NOA-7, sent on 2026-11-20.")));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_entry WHERE action = 'notice-of-assignment.recorded' AND subject_ref = ?",
				Long.class, this.debtor.getRef()))
			.isEqualTo(1);
	}

	private long decisions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM credit_limit_decision WHERE debtor_id = ?", Long.class,
				this.debtor.getId());
	}

}
