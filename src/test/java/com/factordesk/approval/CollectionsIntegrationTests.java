package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The collections worklist and a debtor's collections page on a client and debtors of the
 * test's own, today 2026-11-25 (the demo clock), every figure worked out by hand. Each
 * test rolls back.
 *
 * <pre>
 * debtor    grade (score)  past-due invoices (due, days past due, outstanding)      promise
 * unscored  none           100.00 due 11-24 (1)                                     none
 * risky     E (30.0)       1,000.00 due 10-26 (30)                                  400.00 on the invoice by 11-20, made 11-10,
 *                                                                                   nothing paid since: BROKEN
 * slow      C (55.0)       3,000.00 due 11-15 (10); 2,000.00 due 09-26 (60) less    500.00 on all invoices by 11-20, made 11-01;
 *                          100.00 paid 10-20 and 500.00 paid 11-18 = 1,400.00        500.00 paid since (11-18): KEPT
 *                          together 4,400.00, 2 invoices, oldest 60 days
 * steady    C (60.0)       800.00 due 11-05 (20)                                    800.00 by 12-01, made today: PENDING
 * good      A (90.0)       nothing past due (1,000.00 due 12-10)                    -
 * </pre>
 *
 * Riskiest first: no score first, then the worst grade, then the most past due: unscored,
 * risky (E), slow (C, 4,400.00), steady (C, 800.00); good is not on the list.
 */
@IntegrationTest
@Transactional
class CollectionsIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private CollectionsWorklist worklist;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private Debtor unscored;

	private Debtor risky;

	private Debtor slow;

	private Debtor steady;

	private Debtor good;

	private Invoice riskyInvoice;

	private Invoice slowPartlyPaid;

	private Invoice steadyInvoice;

	@BeforeEach
	void book() {
		this.client = Clients.aClient().named("Collections Test Client B.V.").build();
		this.entities.persist(this.client);
		this.unscored = debtor("Unscored GmbH", null);
		this.risky = debtor("Risky AG", "30.0");
		this.slow = debtor("Slow SE", "55.0");
		this.steady = debtor("Steady KG", "60.0");
		this.good = debtor("Good GmbH", "90.0");
		funded(this.unscored, "100.00", LocalDate.of(2026, 11, 24));
		this.riskyInvoice = funded(this.risky, "1000.00", LocalDate.of(2026, 10, 26));
		funded(this.slow, "3000.00", LocalDate.of(2026, 11, 15));
		this.slowPartlyPaid = funded(this.slow, "2000.00", LocalDate.of(2026, 9, 26));
		this.steadyInvoice = funded(this.steady, "800.00", LocalDate.of(2026, 11, 5));
		funded(this.good, "1000.00", LocalDate.of(2026, 12, 10));
		pay(this.slowPartlyPaid, "100.00", LocalDate.of(2026, 10, 20));
		pay(this.slowPartlyPaid, "500.00", LocalDate.of(2026, 11, 18));
		promise(this.risky, this.riskyInvoice, LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 20), "400.00");
		promise(this.slow, null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20), "500.00");
		promise(this.steady, null, TODAY, LocalDate.of(2026, 12, 1), "800.00");
		note(this.slow, "Promised to pay next week", NextAction.CALL, LocalDate.of(2026, 12, 1),
				"2026-11-20T10:00:00Z");
		note(this.steady, "Left a message", NextAction.EMAIL, TODAY, "2026-11-24T09:00:00Z");
		note(this.steady, "Spoke to the accountant", NextAction.CALL, LocalDate.of(2026, 11, 23),
				"2026-11-24T15:00:00Z");
		this.entities.flush();
	}

	@Test
	@WithMockUser(roles = "UNDERWRITER")
	void theWorklistPutsTheRiskiestFirstWithWhatIsPastDueAndTheLatestNoteAndPromise() {
		Page<CollectionsWorklist.Row> page = this.worklist.page(mine(), TODAY, 0);

		assertThat(page.getTotalElements()).isEqualTo(4);
		assertThat(page.getContent()).extracting(CollectionsWorklist.Row::ref)
			.containsExactly(this.unscored.getRef(), this.risky.getRef(), this.slow.getRef(), this.steady.getRef());
		CollectionsWorklist.Row unscoredRow = page.getContent().get(0);
		assertThat(unscoredRow.grade()).isNull();
		assertThat(unscoredRow.pastDue()).isEqualTo(Money.of("100.00"));
		assertThat(unscoredRow.oldestDays()).isEqualTo(1);
		assertThat(unscoredRow.promise()).isNull();
		assertThat(unscoredRow.note()).isNull();

		CollectionsWorklist.Row riskyRow = page.getContent().get(1);
		assertThat(riskyRow.grade()).isEqualTo(Grade.E);
		assertThat(riskyRow.score()).isEqualByComparingTo("30.0");
		assertThat(riskyRow.pastDue()).isEqualTo(Money.of("1000.00"));
		assertThat(riskyRow.invoices()).isEqualTo(1);
		assertThat(riskyRow.oldestDays()).isEqualTo(30);
		assertThat(riskyRow.promise().status()).isEqualTo(PromiseStatus.BROKEN);
		assertThat(riskyRow.promise().amount()).isEqualTo(Money.of("400.00"));
		assertThat(riskyRow.promise().collected()).isEqualTo(Money.ZERO);
		assertThat(riskyRow.broken()).isTrue();

		CollectionsWorklist.Row slowRow = page.getContent().get(2);
		assertThat(slowRow.grade()).isEqualTo(Grade.C);
		assertThat(slowRow.pastDue()).isEqualTo(Money.of("4400.00"));
		assertThat(slowRow.invoices()).isEqualTo(2);
		assertThat(slowRow.oldestDays()).isEqualTo(60);
		assertThat(slowRow.promise().status()).as("500.00 paid on 11-18, after the promise of 11-01")
			.isEqualTo(PromiseStatus.KEPT);
		assertThat(slowRow.promise().collected()).as("the 100.00 of 10-20 came before the promise")
			.isEqualTo(Money.of("500.00"));
		assertThat(slowRow.note().nextAction()).isEqualTo(NextAction.CALL);
		assertThat(slowRow.note().due(TODAY)).isFalse();

		CollectionsWorklist.Row steadyRow = page.getContent().get(3);
		assertThat(steadyRow.pastDue()).isEqualTo(Money.of("800.00"));
		assertThat(steadyRow.promise().status()).isEqualTo(PromiseStatus.PENDING);
		assertThat(steadyRow.note().text()).as("the latest note").isEqualTo("Spoke to the accountant");
		assertThat(steadyRow.note().nextActionOn()).isEqualTo(LocalDate.of(2026, 11, 23));
		assertThat(steadyRow.note().due(TODAY)).isTrue();
	}

	@Test
	@WithMockUser(roles = "MANAGER")
	void theFiltersNarrowTheWorklistInSql() {
		assertThat(refs(new CollectionsWorklist.Filter(client(), Optional.empty(), true, false)))
			.containsExactly(this.risky.getRef());
		assertThat(refs(new CollectionsWorklist.Filter(client(), Optional.of(Grade.C), false, false)))
			.containsExactly(this.slow.getRef(), this.steady.getRef());
		assertThat(refs(new CollectionsWorklist.Filter(client(), Optional.empty(), false, true)))
			.containsExactly(this.steady.getRef());
		assertThat(refs(new CollectionsWorklist.Filter(client(), Optional.of(Grade.A), false, false))).isEmpty();
	}

	@Test
	void theWorklistPageShowsTheOrderAndTheBrokenPromiseInRed() throws Exception {
		String html = this.mvc
			.perform(get("/collections").param("client", this.client.getRef())
				.with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		int unscoredAt = html.indexOf("data-debtor=\"" + this.unscored.getRef() + "\"");
		int riskyAt = html.indexOf("data-debtor=\"" + this.risky.getRef() + "\"");
		int slowAt = html.indexOf("data-debtor=\"" + this.slow.getRef() + "\"");
		int steadyAt = html.indexOf("data-debtor=\"" + this.steady.getRef() + "\"");
		assertThat(unscoredAt).isPositive().isLessThan(riskyAt);
		assertThat(riskyAt).isLessThan(slowAt);
		assertThat(slowAt).isLessThan(steadyAt);
		assertThat(html).contains("the worst grade first").contains("then the largest amount past due");
		assertThat(html.substring(riskyAt, slowAt)).contains("text-bg-danger")
			.contains("BROKEN: not paid by the promised day");
		assertThat(html).doesNotContain("data-debtor=\"" + this.good.getRef() + "\"");
	}

	@Test
	void theDebtorPageShowsItsPastDueInvoicesNotesAndPromises() throws Exception {
		this.mvc
			.perform(get("/collections/debtors/" + this.slow.getRef()).with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("4,400.00 past due on 2 invoices")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Promised to pay next week")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-status=\"KEPT\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("may be closed as short paid")));
		this.mvc.perform(get("/collections/debtors/NO-SUCH-DEBTOR").with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(username = "underwriter", roles = "UNDERWRITER")
	void aNoteWithItsNextActionIsAddedAndBecomesTheDebtorsNextAction() throws Exception {
		this.mvc
			.perform(post("/collections/debtors/" + this.risky.getRef() + "/notes").param("text", "  Sent a letter  ")
				.param("invoiceId", this.riskyInvoice.getId().toString())
				.param("nextAction", "LETTER")
				.param("nextActionOn", "2026-11-30")
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/collections/debtors/" + this.risky.getRef() + "#notes"));
		// a request clears the thread's security context
		CommittedBook.as("underwriter");
		CollectionsWorklist.Row row = this.worklist.page(mine(), TODAY, 0)
			.getContent()
			.stream()
			.filter((candidate) -> candidate.ref().equals(this.risky.getRef()))
			.findFirst()
			.orElseThrow();
		assertThat(row.note().text()).isEqualTo("Sent a letter");
		assertThat(row.note().nextAction()).isEqualTo(NextAction.LETTER);
		assertThat(row.note().nextActionOn()).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(row.note().writtenBy()).isEqualTo("underwriter");
	}

	@Test
	void aNoteRefusesANextActionWithoutItsDayOrADayInThePast() throws Exception {
		long before = count("collection_note");
		this.mvc
			.perform(post("/collections/debtors/" + this.risky.getRef() + "/notes").param("text", "Called")
				.param("nextAction", "CALL")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("noteForm", "nextActionOn",
					"collections.note.nextActionOn.missing"));
		this.mvc
			.perform(post("/collections/debtors/" + this.risky.getRef() + "/notes").param("text", "")
				.param("nextAction", "CALL")
				.param("nextActionOn", "2026-11-24")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("noteForm", "text", "collections.note.text.missing"))
			.andExpect(model().attributeHasFieldErrorCode("noteForm", "nextActionOn", "collections.date.past"));
		this.mvc
			.perform(post("/collections/debtors/" + this.risky.getRef() + "/notes").param("text", "Called")
				.param("nextAction", "CALL")
				.param("nextActionOn", "2026-13-45")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrors("noteForm", "nextActionOn"));
		assertThat(count("collection_note")).isEqualTo(before);
	}

	@Test
	void aPromiseToPayIsRecordedOnAnInvoiceAndRefusedOutsideItsBounds() throws Exception {
		long before = count("promise_to_pay");
		String path = "/collections/debtors/" + this.steady.getRef() + "/promises";
		String invoiceId = this.steadyInvoice.getId().toString();
		// the day before today
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("promisedOn", "2026-11-24")
				.param("amount", "100.00")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("promiseForm", "promisedOn", "collections.date.past"));
		// a negative amount
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("promisedOn", "2026-11-30")
				.param("amount", "-5.00")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("promiseForm", "amount", "collections.amount.notPositive"));
		// above the invoice's 800.00 outstanding
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("promisedOn", "2026-11-30")
				.param("amount", "800.01")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(
					model().attributeHasFieldErrorCode("promiseForm", "amount", "collections.amount.aboveOutstanding"));
		// not a number, and an invoice of another debtor
		this.mvc
			.perform(post(path).param("invoiceId", this.riskyInvoice.getId().toString())
				.param("promisedOn", "2026-11-30")
				.param("amount", "12,34,5")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrors("promiseForm", "amount"));
		assertThat(count("promise_to_pay")).isEqualTo(before);

		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("promisedOn", "2026-11-30")
				.param("amount", "800.00")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject(
				"SELECT status FROM promise_to_pay_status(?) WHERE debtor_id = ? ORDER BY promise_id DESC LIMIT 1",
				String.class, TODAY, this.steady.getId()))
			.isEqualTo("PENDING");
		assertThat(this.jdbc.queryForObject(
				"SELECT status FROM promise_to_pay_status(?) WHERE debtor_id = ? ORDER BY promise_id DESC LIMIT 1",
				String.class, LocalDate.of(2026, 12, 1), this.steady.getId()))
			.as("a day after the promised day, nothing paid")
			.isEqualTo("BROKEN");
	}

	@Test
	void aDisputeIsOpenedOnAnInvoiceAndRefusedOutsideItsBounds() throws Exception {
		long before = count("dispute");
		String path = "/collections/debtors/" + this.risky.getRef() + "/disputes";
		String invoiceId = this.riskyInvoice.getId().toString();
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("reason", "QUALITY")
				.param("amount", "1000.01")
				.param("openedOn", "2026-11-26")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(
					model().attributeHasFieldErrorCode("disputeForm", "amount", "collections.amount.aboveOutstanding"))
			.andExpect(model().attributeHasFieldErrorCode("disputeForm", "openedOn", "collections.date.future"));
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("amount", "0")
				.param("openedOn", "2026-09-01")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(
					model().attributeHasFieldErrorCode("disputeForm", "reason", "collections.dispute.reason.missing"))
			.andExpect(model().attributeHasFieldErrorCode("disputeForm", "amount", "collections.amount.notPositive"))
			.andExpect(model().attributeHasFieldErrorCode("disputeForm", "openedOn",
					"collections.dispute.openedOn.beforeIssue"));
		assertThat(count("dispute")).isEqualTo(before);

		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("reason", "QUALITY")
				.param("amount", "250.00")
				.param("openedOn", "2026-11-20")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM dispute WHERE invoice_id = ? AND amount = 250.00 AND outcome IS NULL", Long.class,
				this.riskyInvoice.getId()))
			.isOne();
		// one open dispute per invoice
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("reason", "PRICE")
				.param("amount", "10.00")
				.param("openedOn", "2026-11-21")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(
					model().attributeHasFieldErrorCode("disputeForm", "invoiceId", "collections.dispute.alreadyOpen"));

		long disputeId = this.jdbc.queryForObject("SELECT id FROM dispute WHERE invoice_id = ?", Long.class,
				this.riskyInvoice.getId());
		this.mvc
			.perform(post(path + "/resolve").param("disputeId", Long.toString(disputeId))
				.param("outcome", "WITHDRAWN")
				.param("resolvedOn", "2026-11-19")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("resolveForm", "resolvedOn",
					"collections.dispute.resolvedOn.beforeOpened"));
		this.mvc
			.perform(post(path + "/resolve").param("disputeId", Long.toString(disputeId))
				.param("outcome", "WITHDRAWN")
				.param("resolvedOn", "2026-11-25")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject("SELECT outcome FROM dispute WHERE id = ?", String.class, disputeId))
			.isEqualTo("WITHDRAWN");
	}

	@Test
	@WithMockUser(username = "underwriter", roles = "UNDERWRITER")
	void aCreditNoteAboveTheOutstandingIsRefusedAndOneWithinItIsDebitedToTheReserveAsDilution() throws Exception {
		long entriesBefore = count("reserve_entry");
		String path = "/collections/debtors/" + this.slow.getRef() + "/credit-notes";
		String invoiceId = this.slowPartlyPaid.getId().toString();
		// 2,000.00 - 600.00 paid = 1,400.00 outstanding
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("amount", "1400.01")
				.param("reason", "quality discount")
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("creditNoteForm", "amount",
					"collections.amount.aboveOutstanding"));
		this.mvc
			.perform(post(path).param("invoiceId", invoiceId).param("amount", "-1.00").param("reason", "").with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("creditNoteForm", "amount", "collections.amount.notPositive"))
			.andExpect(model().attributeHasFieldErrorCode("creditNoteForm", "reason", "settlement.reason.required"));
		assertThat(count("reserve_entry")).isEqualTo(entriesBefore);
		assertThat(count("credit_note")).isZero();

		this.mvc
			.perform(post(path).param("invoiceId", invoiceId)
				.param("amount", "400.00")
				.param("reason", "quality discount")
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject(
				"SELECT amount FROM reserve_entry WHERE invoice_id = ? AND kind = 'DILUTION' AND client_id = ?",
				BigDecimal.class, this.slowPartlyPaid.getId(), this.client.getId()))
			.isEqualByComparingTo("-400.00");
		// 4,400.00 past due less the 400.00 credited
		this.entities.flush();
		CommittedBook.as("underwriter");
		assertThat(this.worklist
			.page(new CollectionsWorklist.Filter(client(), Optional.of(Grade.C), false, false), TODAY, 0)
			.getContent()
			.get(0)
			.pastDue()).isEqualTo(Money.of("4000.00"));
	}

	@Test
	void anUnderwriterMayNotChargeBackNorWriteOff() throws Exception {
		for (String action : List.of("charge-back", "write-off")) {
			this.mvc
				.perform(post("/collections/debtors/" + this.risky.getRef() + "/" + action)
					.param("invoiceId", this.riskyInvoice.getId().toString())
					.param("reason", "no payment")
					.with(user("underwriter").roles("UNDERWRITER"))
					.with(csrf()))
				.andExpect(status().isForbidden());
		}
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class,
				this.riskyInvoice.getId()))
			.isEqualTo("FUNDED");
	}

	@Test
	void anUnderwriterClosesAPartlyPaidInvoiceAsShortPaidAndAManagerChargesBackARecourseInvoicePastItsPeriod()
			throws Exception {
		// demo invoices with their advances: a partly paid one past due, and a recourse
		// one past its facility's recourse period
		java.util.Map<String, Object> partly = this.jdbc.queryForMap("""
				SELECT i.id, d.ref, o.outstanding FROM open_receivable(?) o JOIN invoice i ON i.id = o.invoice_id
				JOIN debtor d ON d.id = i.debtor_id JOIN advance a ON a.invoice_id = i.id
				WHERE o.days_past_due > 0 AND i.status = 'PARTIALLY_PAID' ORDER BY i.id LIMIT 1
				""", TODAY);
		this.mvc
			.perform(post("/collections/debtors/" + partly.get("ref") + "/short-paid")
				.param("invoiceId", partly.get("id").toString())
				.param("reason", "debtor will not pay the rest")
				.with(user("underwriter").roles("UNDERWRITER"))
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, partly.get("id")))
			.isEqualTo("PAID");
		assertThat(this.jdbc.queryForObject(
				"SELECT -amount FROM reserve_entry WHERE invoice_id = ? AND kind = 'SHORT_PAY'", BigDecimal.class,
				partly.get("id")))
			.isEqualByComparingTo((BigDecimal) partly.get("outstanding"));

		java.util.Map<String, Object> late = this.jdbc.queryForMap("""
				SELECT i.id, d.ref, o.outstanding FROM open_receivable(?) o JOIN invoice i ON i.id = o.invoice_id
				JOIN debtor d ON d.id = i.debtor_id JOIN advance a ON a.invoice_id = i.id
				JOIN facility_terms f ON f.client_id = i.client_id
				WHERE f.recourse AND o.days_past_due > f.recourse_days AND i.status IN ('FUNDED', 'PARTIALLY_PAID')
				ORDER BY i.id LIMIT 1
				""", TODAY);
		this.mvc
			.perform(post("/collections/debtors/" + late.get("ref") + "/charge-back")
				.param("invoiceId", late.get("id").toString())
				.param("reason", "")
				.with(user("manager").roles("MANAGER"))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attributeHasFieldErrorCode("settleForm", "reason", "settlement.reason.required"));
		this.mvc
			.perform(post("/collections/debtors/" + late.get("ref") + "/charge-back")
				.param("invoiceId", late.get("id").toString())
				.param("reason", "past the recourse period")
				.with(user("manager").roles("MANAGER"))
				.with(csrf()))
			.andExpect(status().isFound());
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, late.get("id")))
			.isEqualTo("CHARGED_BACK");
		assertThat(this.jdbc.queryForObject(
				"SELECT -amount FROM reserve_entry WHERE invoice_id = ? AND kind = 'CHARGEBACK'", BigDecimal.class,
				late.get("id")))
			.isEqualByComparingTo((BigDecimal) late.get("outstanding"));
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " t WHERE " + switch (table) {
			case "collection_note", "promise_to_pay" ->
				"t.debtor_id IN (SELECT id FROM debtor WHERE ref IN (?, ?, ?, ?, ?))";
			case "reserve_entry" -> "t.client_id IN (SELECT id FROM client WHERE ref = ? OR ref IN (?, ?, ?, ?))";
			default -> "t.invoice_id IN (SELECT i.id FROM invoice i JOIN debtor d ON d.id = i.debtor_id "
					+ "WHERE d.ref IN (?, ?, ?, ?, ?))";
		}, Long.class, table.equals("reserve_entry") ? this.client.getRef() : this.unscored.getRef(),
				this.risky.getRef(), this.slow.getRef(), this.steady.getRef(), this.good.getRef());
	}

	private List<String> refs(CollectionsWorklist.Filter filter) {
		return this.worklist.page(filter, TODAY, 0).getContent().stream().map(CollectionsWorklist.Row::ref).toList();
	}

	private CollectionsWorklist.Filter mine() {
		return new CollectionsWorklist.Filter(client(), Optional.empty(), false, false);
	}

	private Optional<String> client() {
		return Optional.of(this.client.getRef());
	}

	private Debtor debtor(String name, String score) {
		Debtor debtor = Debtors.aDebtor().named(name).build();
		this.entities.persist(debtor);
		this.entities.flush();
		if (score != null) {
			long snapshot = this.jdbc.queryForObject("""
					INSERT INTO risk_score (debtor_id, as_of, scored_at, model_version, score, grade, trigger,
					                        components, reasons, inputs)
					VALUES (?, ?, now(), (SELECT MAX(version) FROM scoring_weights), ?, ?, 'MANUAL',
					        '[]'::jsonb, '[]'::jsonb, '{}'::jsonb)
					RETURNING id
					""", Long.class, debtor.getId(), TODAY, new BigDecimal(score),
					Grade.of(new BigDecimal(score)).name());
			this.jdbc.update("UPDATE debtor SET current_risk_score_id = ? WHERE id = ?", snapshot, debtor.getId());
		}
		return debtor;
	}

	private Invoice funded(Debtor debtor, String amount, LocalDate due) {
		Invoice invoice = Invoices.anInvoice(this.client, debtor)
			.issued(due.minusDays(30))
			.due(due)
			.amount(amount)
			.fundedOn(due.minusDays(28))
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Invoice invoice, String amount, LocalDate on) {
		Payment payment = new Payment(invoice.getDebtor(), on, Money.of(amount), "TEST-" + invoice.getNumber() + on);
		payment.applyTo(invoice, Money.of(amount), "underwriter", Invoices.on(on));
		this.entities.persist(payment);
	}

	private void promise(Debtor debtor, Invoice invoice, LocalDate madeOn, LocalDate promisedOn, String amount) {
		this.entities.persist(new PromiseToPay(debtor.getId(), (invoice != null) ? invoice.getId() : null, madeOn,
				promisedOn, Money.of(amount), "underwriter", madeOn.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)));
	}

	private void note(Debtor debtor, String text, NextAction action, LocalDate on, String writtenAt) {
		this.entities.persist(
				new CollectionNote(debtor.getId(), null, text, action, on, "underwriter", Instant.parse(writtenAt)));
	}

}
