package com.factordesk.admin;

import java.util.List;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.Underwriting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A person an underwriter reached at a debtor to verify an invoice asks what the desk
 * holds about them, then to be forgotten (GDPR): an admin finds them, downloads their
 * data with the verification that reached them, and erases them after confirming. The
 * name, e-mail address and phone number are gone from the database and from the
 * verification form; the verification stays in the invoice's history; the audit records
 * the export and the erasure without a personal value. Everything is rolled back.
 */
@IntegrationTest
@Transactional
class ContactsControllerIntegrationTests {

	private static final String NAME = "Jantine de Vries-Erasmus";

	private static final String EMAIL = "jantine.devries@example.nl";

	private static final String PHONE = "+31 20 555 0199";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Underwriting underwriting;

	private long invoiceId;

	private String invoiceNumber;

	private String debtorRef;

	private long contactId;

	@BeforeEach
	void anUnderwriterReachedThePersonToVerifyAnInvoice() {
		this.invoiceId = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);
		this.invoiceNumber = this.jdbc.queryForObject("SELECT number FROM invoice WHERE id = ?", String.class,
				this.invoiceId);
		this.debtorRef = this.jdbc.queryForObject(
				"SELECT d.ref FROM invoice i JOIN debtor d ON d.id = i.debtor_id WHERE i.id = ?", String.class,
				this.invoiceId);
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken("uw-verifier", null,
					AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
		try {
			// the debtor did not confirm: the invoice stays in the queue, the person on
			// file
			this.underwriting.recordVerification(this.invoiceId, false, Optional.empty(),
					Optional.of(new Underwriting.NewContact(NAME, EMAIL, PHONE)), "called the accounts payable desk");
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		this.contactId = this.jdbc.queryForObject("SELECT id FROM debtor_contact WHERE email = ?", Long.class, EMAIL);
	}

	@Test
	void anAdminFindsExportsAndErasesAPersonAndTheDebtorsHistoryStays() throws Exception {
		this.mvc.perform(get("/admin/contacts").param("q", "DEVRIES").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(NAME), containsString(EMAIL),
					containsString(this.debtorRef), containsString("/admin/contacts/" + this.contactId))));
		this.mvc.perform(get("/invoices/" + this.invoiceId).with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(NAME)));
		this.mvc.perform(get("/admin/contacts/" + this.contactId).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(NAME), containsString(PHONE),
					containsString(this.invoiceNumber), containsString("Verification failed"))));

		this.mvc.perform(get("/admin/contacts/" + this.contactId + "/export.json").with(admin()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition",
					containsString("attachment; filename=\"debtor-contact-" + this.contactId + ".json\"")))
			.andExpect(jsonPath("$.exportedBy").value("dpo"))
			.andExpect(jsonPath("$.contact.name").value(NAME))
			.andExpect(jsonPath("$.contact.email").value(EMAIL))
			.andExpect(jsonPath("$.contact.phone").value(PHONE))
			.andExpect(jsonPath("$.contact.debtorRef").value(this.debtorRef))
			.andExpect(jsonPath("$.contact.addedBy").value("uw-verifier"))
			.andExpect(jsonPath("$.verifications[0].invoiceNumber").value(this.invoiceNumber))
			.andExpect(jsonPath("$.verifications[0].outcome").value("VERIFICATION_FAILED"))
			.andExpect(jsonPath("$.verifications[0].recordedBy").value("uw-verifier"));

		// the first press asks for confirmation and erases nothing
		this.mvc.perform(post("/admin/contacts/" + this.contactId + "/erase").with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"confirm-erase\""),
					containsString("cannot be restored"), containsString("the 1 verification(s)"))));
		assertThat(
				this.jdbc.queryForObject("SELECT name FROM debtor_contact WHERE id = ?", String.class, this.contactId))
			.isEqualTo(NAME);

		this.mvc
			.perform(post("/admin/contacts/" + this.contactId + "/erase").param("confirmed", "true")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/contacts/" + this.contactId));

		assertThat(this.jdbc.queryForList("SELECT name, email, phone, erased_by FROM debtor_contact WHERE id = ?",
				this.contactId))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("name")).isNull();
				assertThat(row.get("email")).isNull();
				assertThat(row.get("phone")).isNull();
				assertThat(row.get("erased_by")).isEqualTo("dpo");
			});
		// the verification stays in the invoice's history, pointing at the erased contact
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM invoice_decision WHERE invoice_id = ? AND contact_id = ? AND kind = 'VERIFICATION_FAILED'",
				Integer.class, this.invoiceId, this.contactId))
			.isOne();
		// the audit says who exported and erased which contact, and nothing about the
		// person
		List<String> audit = this.jdbc.queryForList(
				"""
						SELECT action || ' ' || actor || ' ' || COALESCE(before_ref::text, '') || ' ' || COALESCE(after_ref::text, '')
						FROM audit_entry WHERE subject_type = 'debtor-contact' AND subject_ref = ? ORDER BY id
						""",
				String.class, String.valueOf(this.contactId));
		assertThat(audit).hasSize(2);
		assertThat(audit.get(0)).startsWith("debtor-contact.export dpo");
		assertThat(audit.get(1)).startsWith("debtor-contact.erase dpo").contains(this.debtorRef);
		assertThat(String.join(" ", audit)).doesNotContain("Jantine", "Vries", "example.nl", "555");

		// found no more, and no longer offered to the underwriters' verification form
		this.mvc.perform(get("/admin/contacts").param("q", "devries").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"contacts-none\""), not(containsString(EMAIL)))));
		this.mvc.perform(get("/admin/contacts/" + this.contactId).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(
					allOf(containsString("Erased contact"), containsString("on the person"), not(containsString(NAME)),
							not(containsString(PHONE)), not(containsString("id=\"export-contact\"")))));
		this.mvc.perform(get("/invoices/" + this.invoiceId).with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(NAME))));
		// erasing twice changes nothing and says so
		this.mvc
			.perform(post("/admin/contacts/" + this.contactId + "/erase").param("confirmed", "true")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/contacts/" + this.contactId));
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_entry WHERE subject_type = 'debtor-contact' AND subject_ref = ?",
				Integer.class, String.valueOf(this.contactId)))
			.isEqualTo(2);
	}

	@Test
	void aSearchTooShortSaysSoAndAnUnknownContactIsA404AndOnlyAdminsComeIn() throws Exception {
		this.mvc.perform(get("/admin/contacts").param("q", "j").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("Type between 2 and 200 characters"), not(containsString(EMAIL)))));
		this.mvc.perform(get("/admin/contacts").param("q", "%").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(EMAIL))));
		this.mvc.perform(get("/admin/contacts/999999999").with(admin())).andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/contacts/999999999/export.json").with(admin())).andExpect(status().isNotFound());
		this.mvc.perform(post("/admin/contacts/999999999/erase").param("confirmed", "true").with(admin()).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/contacts").param("q", "devries").with(user("manager").roles("MANAGER")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/contacts/" + this.contactId + "/erase").param("confirmed", "true")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/contacts/" + this.contactId + "/erase").param("confirmed", "true").with(admin()))
			.andExpect(status().isForbidden());
		assertThat(
				this.jdbc.queryForObject("SELECT name FROM debtor_contact WHERE id = ?", String.class, this.contactId))
			.isEqualTo(NAME);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("dpo").roles("ADMIN");
	}

}
