package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.Enforcement;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Schedule;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.pricing.Quote;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The page of a schedule and its bulk decisions: the schedule lists its invoices with
 * their quotes and flags; "approve all eligible" approves each queued, quoted invoice
 * without an error flag at its quoted advance, each on its own, and reports the others
 * with the reason. The schedule belongs to a client of its own (facility 1,000,000,
 * advance 80 %, concentration 100 %: no cut for concentration) and its invoices to one
 * demo debtor with a good grade, little exposure, no insurer limit and a credit limit of
 * 90,000; everything is rolled back. Today is the demo's 2026-11-25.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw1", roles = "UNDERWRITER")
class SchedulePageIntegrationTests {

	private static final LocalDate ISSUED = LocalDate.of(2026, 11, 20);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private Underwriting underwriting;

	private Client client;

	private Debtor debtor;

	private Schedule schedule;

	/** Eligible: queued, quoted, no error flag. */
	private Invoice first;

	/** Eligible too. */
	private Invoice second;

	/** Double pledging: the same debtor, amount and issue date under another client. */
	private Invoice pledged;

	/** Rejected before the bulk decision. */
	private Invoice rejected;

	@BeforeEach
	void aScheduleOfFourInvoices() {
		this.client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
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
		this.schedule = new Schedule(this.client, "S-2026-0042", Instant.parse("2026-11-20T09:30:00Z"), "portal");
		this.entities.persist(this.schedule);

		// amounts no other invoice of the pair shares: no possible duplicate
		this.first = invoice("SCH-1", "10430.00");
		this.second = invoice("SCH-2", "5210.00");
		this.pledged = invoice("SCH-3", "7123.45");
		this.rejected = invoice("SCH-4", "3050.00");
		Client other = Clients.aClient().build();
		this.entities.persist(other);
		this.entities.persist(Invoices.anInvoice(other, this.debtor)
			.number("ELSEWHERE-1")
			.issued(ISSUED)
			.due(ISSUED.plusDays(30))
			.amount("7123.45")
			.build());
		this.entities.flush();
		this.underwriting.reject(this.rejected.getId(), RejectionReason.DOCUMENTS_MISSING, null);
		this.entities.flush();
	}

	@Test
	void thePageListsTheSchedulesInvoicesWithTheirDebtorGradeAdvanceAndFlagsAndTotals() throws Exception {
		Quote quote = quote(this.first);
		this.mvc.perform(get("/schedules/{id}", this.schedule.getId()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("S-2026-0042"),
					containsString("href=\"/clients/" + this.client.getRef() + "\""),
					containsString("href=\"/invoices/" + this.first.getId() + "\""),
					containsString("href=\"/invoices/" + this.second.getId() + "\""),
					containsString("href=\"/invoices/" + this.pledged.getId() + "\""),
					containsString("href=\"/invoices/" + this.rejected.getId() + "\""),
					containsString("href=\"/debtors/" + this.debtor.getRef() + "\""),
					containsString("data-flag=\"DOUBLE_PLEDGING\""), containsString(plain(quote.advance())),
					// 10,430.00 + 5,210.00 + 7,123.45 + 3,050.00
					containsString("25,813.45"), containsString("id=\"approve-all-form\""),
					not(containsString(">ELSEWHERE-1</a>")))));
	}

	@Test
	void theInvoicePageLinksItsSchedule() throws Exception {
		this.mvc.perform(get("/invoices/{id}", this.first.getId()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/schedules/" + this.schedule.getId() + "\"")));
	}

	@Test
	void approvingAllEligibleApprovesEachAtItsQuoteAndReportsTheSkippedWithWhy() throws Exception {
		Money firstQuoted = quote(this.first).advance();
		Money secondQuoted = quote(this.second).advance();
		Rate rate = quote(this.first).advanceRate();
		Exposure debtorBefore = debtorExposure();

		MvcResult result = this.mvc.perform(post("/schedules/{id}/approve", this.schedule.getId()).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/schedules/" + this.schedule.getId()))
			.andReturn();

		ScheduleReport report = (ScheduleReport) result.getFlashMap().get("report");
		assertThat(report.decided()).containsExactly(
				new ScheduleReport.Decided(this.first.getId(), "SCH-1", InvoiceStatus.APPROVED, firstQuoted.amount()),
				new ScheduleReport.Decided(this.second.getId(), "SCH-2", InvoiceStatus.APPROVED,
						secondQuoted.amount()));
		assertThat(report.skipped()).extracting(ScheduleReport.Skipped::number).containsExactly("SCH-3", "SCH-4");
		assertThat(report.skipped().get(0).reason()).startsWith("error flag: Double pledging: invoice ELSEWHERE-1 of ");
		assertThat(report.skipped().get(1).reason()).isEqualTo("not waiting for a decision (Rejected)");

		// each at the quote's advance rate of its face, the rate of the debtor's band
		Money expected = Money.of("10430.00").times(rate).plus(Money.of("5210.00").times(rate));
		assertThat(firstQuoted.plus(secondQuoted)).isEqualTo(expected);
		assertThat(debtorExposure().reserved()).isEqualTo(debtorBefore.reserved().plus(expected));
		assertThat(facilityExposure()).isEqualTo(new Exposure(Money.ZERO, expected));
		assertThat(statusOf(this.first)).isEqualTo("APPROVED");
		assertThat(statusOf(this.second)).isEqualTo("APPROVED");
		assertThat(statusOf(this.pledged)).isEqualTo("SUBMITTED");
		assertThat(statusOf(this.rejected)).isEqualTo("REJECTED");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM invoice_decision WHERE kind = 'APPROVE' AND decided_by = 'uw1' AND invoice_id IN (?, ?)",
				Long.class, this.first.getId(), this.second.getId()))
			.isEqualTo(2);

		// the report travels to the page after the redirect in the session, which is kept
		// in the database: it must serialize
		try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())) {
			out.writeObject(report);
		}
		// the session of a MockMvc request is not the application's (Spring Session):
		// hand the page the flash attributes as the dispatcher would
		this.mvc
			.perform(get("/schedules/{id}", this.schedule.getId())
				.requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, Map.of("report", report)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"schedule-report\""),
					containsString("data-status=\"APPROVED\""), containsString("not waiting for a decision (Rejected)"),
					containsString("error flag: Double pledging"))));
	}

	@Test
	void anInvoiceTheEngineRefusesIsSkippedWithTheRefusalInTheReadersLanguageAndTheOthersStayApproved()
			throws Exception {
		Money firstQuoted = quote(this.first).advance();
		Money secondQuoted = quote(this.second).advance();
		// room for the first advance and a cent less than the second: the second is
		// blocked
		Money limit = debtorExposure().total().plus(firstQuoted).plus(secondQuoted).minus(Money.of("0.01"));
		this.debtor.setCreditLimit(limit, LocalDate.of(2027, 6, 30));
		this.client.getFacility().enforce(Enforcement.BLOCK);
		this.entities.flush();

		MvcResult result = this.mvc
			.perform(post("/schedules/{id}/approve", this.schedule.getId()).with(csrf())
				.header("Accept-Language", "nl")
				.param("note", "in één keer"))
			.andExpect(status().is3xxRedirection())
			.andReturn();

		ScheduleReport report = (ScheduleReport) result.getFlashMap().get("report");
		assertThat(report.decided()).extracting(ScheduleReport.Decided::number).containsExactly("SCH-1");
		assertThat(report.skipped()).extracting(ScheduleReport.Skipped::number)
			.containsExactly("SCH-2", "SCH-3", "SCH-4");
		assertThat(report.skipped().get(0).reason())
			.startsWith("geweigerd: Factuur SCH-2 zou de kredietlimiet van de debiteur op ");
		assertThat(report.skipped().get(2).reason()).isEqualTo("wacht niet op een beslissing (Afgewezen)");
		assertThat(statusOf(this.first)).isEqualTo("APPROVED");
		assertThat(statusOf(this.second)).isEqualTo("SUBMITTED");
		assertThat(facilityExposure()).isEqualTo(new Exposure(Money.ZERO, firstQuoted));
	}

	@Test
	void rejectingAllStillWaitingRejectsTheQueuedOnesWithTheReason() throws Exception {
		this.underwriting.approve(this.first.getId(), Optional.empty(), Optional.empty(), null);
		this.entities.flush();

		MvcResult result = this.mvc
			.perform(post("/schedules/{id}/reject", this.schedule.getId()).with(csrf()).param("reason", "CREDIT_RISK"))
			.andExpect(status().is3xxRedirection())
			.andReturn();

		ScheduleReport report = (ScheduleReport) result.getFlashMap().get("report");
		assertThat(report.decided()).extracting(ScheduleReport.Decided::number).containsExactly("SCH-2", "SCH-3");
		assertThat(report.skipped()).extracting(ScheduleReport.Skipped::number).containsExactly("SCH-1", "SCH-4");
		assertThat(statusOf(this.second)).isEqualTo("REJECTED");
		assertThat(statusOf(this.pledged)).isEqualTo("REJECTED");
		assertThat(statusOf(this.first)).isEqualTo("APPROVED");
	}

	@Test
	void aRejectionWithoutAReasonIsShownOnTheFormAndChangesNothing() throws Exception {
		this.mvc.perform(post("/schedules/{id}/reject", this.schedule.getId()).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose a reason.")));
		this.mvc.perform(post("/schedules/{id}/reject", this.schedule.getId()).with(csrf()).param("reason", "OTHER"))
			.andExpect(status().isUnprocessableContent());
		assertThat(statusOf(this.first)).isEqualTo("SUBMITTED");
		assertThat(statusOf(this.second)).isEqualTo("SUBMITTED");
	}

	@Test
	void anAdminMayNeitherSeeNorDecideASchedule() throws Exception {
		this.mvc.perform(get("/schedules/{id}", this.schedule.getId()).with(user("admin1").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/schedules/{id}/approve", this.schedule.getId()).with(csrf())
				.with(user("admin1").roles("ADMIN")))
			.andExpect(status().isForbidden());
		assertThat(statusOf(this.first)).isEqualTo("SUBMITTED");
	}

	@Test
	void aBulkDecisionWithoutTheCsrfTokenIsForbiddenAndChangesNothing() throws Exception {
		this.mvc.perform(post("/schedules/{id}/approve", this.schedule.getId())).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/{id}/reject", this.schedule.getId()).param("reason", "CREDIT_RISK"))
			.andExpect(status().isForbidden());
		assertThat(statusOf(this.first)).isEqualTo("SUBMITTED");
		assertThat(facilityExposure()).isEqualTo(Exposure.NONE);
	}

	@Test
	void anUnknownScheduleIsNotFound() throws Exception {
		this.mvc.perform(get("/schedules/{id}", 999_999_999L)).andExpect(status().isNotFound());
	}

	private Invoice invoice(String number, String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.inSchedule(this.schedule)
			.number(number)
			.issued(ISSUED)
			.due(ISSUED.plusDays(30))
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private Quote quote(Invoice invoice) {
		return this.quotes.quote(invoice.getId()).orElseThrow().quote();
	}

	private String statusOf(Invoice invoice) {
		this.entities.flush();
		return this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoice.getId());
	}

	private Exposure debtorExposure() {
		this.entities.flush();
		return this.jdbc
			.query("SELECT funded, reserved FROM debtor_exposure WHERE debtor_id = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))),
					this.debtor.getId())
			.stream()
			.findFirst()
			.orElse(Exposure.NONE);
	}

	private Exposure facilityExposure() {
		this.entities.flush();
		return this.jdbc
			.query("SELECT funded, reserved FROM facility_exposure WHERE client_id = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))),
					this.client.getId())
			.stream()
			.findFirst()
			.orElse(Exposure.NONE);
	}

	/** An amount as the English page shows it: 8,344.00. */
	private static String plain(Money money) {
		return String.format(java.util.Locale.ENGLISH, "%,.2f", money.amount());
	}

}
