package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit trail records the desk's decisions and money movements in their own
 * transaction (committed with the change or not at all), and the admin console's audit
 * log shows them, filtered by user, kind and days. Everything is rolled back; today is
 * the demo's 2026-11-25.
 */
@IntegrationTest
@WithMockUser(username = "uw-audit", roles = "UNDERWRITER")
class AuditLogIntegrationTests {

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private Receipts receipts;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Clock clock;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	@Transactional
	void aDecisionIsRecordedWithWhoWhenAndTheStatusBeforeAndAfter() throws Exception {
		long invoiceId = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);

		this.underwriting.reject(invoiceId, RejectionReason.DOCUMENTS_MISSING, "no delivery note");

		Map<String, Object> entry = this.jdbc.queryForMap("""
				SELECT actor, action, subject_type, subject_ref, before_ref ->> 'status' AS before_status,
				       after_ref ->> 'status' AS after_status, after_ref ->> 'reason' AS reason,
				       (after_ref ->> 'decision')::bigint AS decision, occurred_at
				FROM audit_entry WHERE actor = 'uw-audit'
				""");
		assertThat(entry).containsEntry("action", "invoice.reject")
			.containsEntry("subject_type", "invoice")
			.containsEntry("subject_ref", String.valueOf(invoiceId))
			.containsEntry("before_status", "SUBMITTED")
			.containsEntry("after_status", "REJECTED")
			.containsEntry("reason", "DOCUMENTS_MISSING");
		// the decision it names is the one recorded on the invoice
		assertThat(this.jdbc.queryForObject("SELECT kind FROM invoice_decision WHERE id = ?", String.class,
				entry.get("decision")))
			.isEqualTo("REJECT");

		// the admin's log, filtered by the underwriter: the entry, in words
		String page = auditPage("/admin/audit?user=uw-audit&lang=en");
		assertThat(page).contains("data-action=\"invoice.reject\"")
			.contains("Rejected")
			.contains("Invoice " + invoiceId)
			.contains("DOCUMENTS_MISSING");
		// by kind and by days: today's invoices have it, yesterday's and the receipts' do
		// not
		LocalDate today = LocalDate.now(this.clock);
		assertThat(auditPage("/admin/audit?user=uw-audit&kind=invoice&from=" + today + "&to=" + today))
			.contains("data-action=\"invoice.reject\"");
		assertThat(auditPage("/admin/audit?user=uw-audit&to=" + today.minusDays(1)))
			.doesNotContain("data-action=\"invoice.reject\"")
			.contains("id=\"audit-empty\"");
		assertThat(auditPage("/admin/audit?user=uw-audit&kind=receipt"))
			.doesNotContain("data-action=\"invoice.reject\"")
			.contains("id=\"audit-empty\"");
	}

	@Test
	@Transactional
	void aRefusedDecisionRecordsNothing() {
		long invoiceId = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);

		assertThatThrownBy(() -> this.underwriting.reject(invoiceId, RejectionReason.OTHER, " "))
			.isInstanceOf(BusinessRefusal.class);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE actor = 'uw-audit'", Long.class))
			.isZero();
	}

	@Test
	void theEntryIsCommittedWithItsChangeOrNotAtAll() {
		long before = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class);
		long payments = this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class);
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);

		Long receipt = transaction.execute((status) -> {
			long id = this.receipts.record(new RecordReceipt(LocalDate.now(this.clock), Money.of("123.45"),
					"Audit Test BV", null, "audit test", null));
			// written in the transaction of the receipt
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM audit_entry WHERE action = 'receipt.recorded' AND subject_ref = ?",
					Long.class, String.valueOf(id)))
				.isEqualTo(1);
			status.setRollbackOnly();
			return id;
		});

		// rolled back: neither the receipt nor its entry
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE id = ?", Long.class, receipt)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment", Long.class)).isEqualTo(payments);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isEqualTo(before);
	}

	@Test
	void badFiltersAreSaidAndLeftOut() throws Exception {
		String page = auditPage("/admin/audit?user=admin&kind=No_Such_Kind&from=2026-13-01&to=2026-01-01&page=x");
		assertThat(page).contains("&quot;No_Such_Kind&quot; is not a kind of entry")
			.contains("&quot;2026-13-01&quot; is not a date")
			.contains("The page is a number from 1 to 2000");
		// the admin's own entries still show (the demo's users were created by the
		// system)
		assertThat(auditPage("/admin/audit?kind=user")).contains("data-action=\"user.created\"");
		for (String role : List.of("UNDERWRITER", "MANAGER")) {
			this.mvc.perform(get("/admin/audit").with(user("someone").roles(role))).andExpect(status().isForbidden());
		}
	}

	private String auditPage(String url) throws Exception {
		return this.mvc.perform(get(url).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
