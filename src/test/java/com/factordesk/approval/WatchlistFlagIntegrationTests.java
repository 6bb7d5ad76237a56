package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.QueueItem;
import com.factordesk.risk.Grade;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The watchlist flag (DESIGN section 5, issue 9): raised on the queued invoices of a
 * debtor whose grade fell a grade or more in 30 days, whose exposure is within 10 % of a
 * limit, or who paid later beyond terms over the last 90 days than over the year, by more
 * than the policy's 5 days ({@code debtor_watchlist}); each criterion next to its nearest
 * miss. Each test has debtors of its own and rolls everything back (today is 2026-11-25:
 * 30 days ago is 2026-10-26, the 90 days are 2026-08-28 to 2026-11-25, the year
 * 2025-11-26 to 2026-11-25).
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class WatchlistFlagIntegrationTests {

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private UnderwriterQueue queue;

	@Autowired
	private MessageSource messages;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Test
	void aGradeThatFellAGradeOrMoreIn30DaysRaisesTheFlagAndTheSameOrABetterGradeDoesNot() {
		Client client = client();
		Debtor fell = debtor("100000.00");
		score(fell, Grade.B, LocalDate.of(2026, 10, 1));
		score(fell, Grade.D, LocalDate.of(2026, 11, 20));
		Flag flag = only(queued(client, fell), FlagCode.WATCHLIST);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		assertThat(english(flag)).isEqualTo("Debtor on the watchlist: grade fell from B to D in 30 days.");
		assertThat(dutch(flag)).isEqualTo("Debiteur op de volglijst: rating gedaald van B naar D in 30 dagen.");

		// the same grade then and now
		Debtor same = debtor("100000.00");
		score(same, Grade.C, LocalDate.of(2026, 10, 1));
		score(same, Grade.C, LocalDate.of(2026, 11, 20));
		assertThat(codes(queued(client, same))).doesNotContain(FlagCode.WATCHLIST);

		// a better grade now
		Debtor better = debtor("100000.00");
		score(better, Grade.D, LocalDate.of(2026, 10, 1));
		score(better, Grade.B, LocalDate.of(2026, 11, 20));
		assertThat(codes(queued(client, better))).doesNotContain(FlagCode.WATCHLIST);

		// a fall that started more than 30 days ago: the grade in force on 2026-10-26 is
		// already D
		Debtor earlier = debtor("100000.00");
		score(earlier, Grade.B, LocalDate.of(2026, 9, 1));
		score(earlier, Grade.D, LocalDate.of(2026, 10, 20));
		assertThat(codes(queued(client, earlier))).doesNotContain(FlagCode.WATCHLIST);
	}

	@Test
	void exposureAt90PercentOfALimitRaisesTheFlagAnd8999PercentDoesNot() {
		Client client = client();
		// 22,500.00 of 25,000.00 is 90 %
		Debtor near = debtor("25000.00");
		exposure(near, "20000.00", "2500.00");
		Flag flag = only(queued(client, near), FlagCode.WATCHLIST);
		assertThat(english(flag)).isEqualTo(
				"Debtor on the watchlist: exposure EUR 22,500.00 is within 10 % of its EUR 25,000.00 credit limit.");
		assertThat(dutch(flag)).isEqualTo("Debiteur op de volglijst: blootstelling EUR 22.500,00 ligt binnen 10 % van"
				+ " de kredietlimiet van EUR 25.000,00.");

		// 22,497.50 of 25,000.00 is 89.99 %
		Debtor below = debtor("25000.00");
		exposure(below, "20000.00", "2497.50");
		assertThat(codes(queued(client, below))).doesNotContain(FlagCode.WATCHLIST);

		// the insurer limit in force, 20,000.00, is nearer: 18,000.00 is 90 % of it
		Debtor insured = debtor("25000.00");
		exposure(insured, "18000.00", "0.00");
		insurerLimit(insured, "20000.00", LocalDate.of(2027, 1, 31));
		assertThat(english(only(queued(client, insured), FlagCode.WATCHLIST))).isEqualTo(
				"Debtor on the watchlist: exposure EUR 18,000.00 is within 10 % of its EUR 20,000.00 insurer limit.");

		// an insurer limit that expired yesterday does not count; 18,000.00 is 72 % of
		// the credit limit
		Debtor expired = debtor("25000.00");
		exposure(expired, "18000.00", "0.00");
		insurerLimit(expired, "20000.00", LocalDate.of(2026, 11, 24));
		assertThat(codes(queued(client, expired))).doesNotContain(FlagCode.WATCHLIST);

		// a limit of zero is no limit to be near
		Debtor zero = debtor("0.00");
		assertThat(codes(queued(client, zero))).doesNotContain(FlagCode.WATCHLIST);
	}

	@Test
	void payingLaterOver90DaysThanOverTheYearByMoreThanFiveDaysRaisesTheFlagAndTheSameDaysDoNot() {
		Client client = client();
		Debtor later = debtor("100000.00");
		// in the year only: 4,000.00 paid 2 days after its due date
		paid(client, later, "4000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3));
		// in the 90 days: 3,000.00 paid 20 days late, 1,000.00 paid 7 days early (0)
		paid(client, later, "3000.00", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 21));
		paid(client, later, "1000.00", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 10, 25));
		// a payment older than the year does not count: 500.00, 100 days late
		paid(client, later, "500.00", LocalDate.of(2025, 8, 1), LocalDate.of(2025, 11, 9));
		// 90 days: (3,000.00 x 20 + 1,000.00 x 0) / 4,000.00 = 15.0; year: (4,000.00 x 2
		// + 60,000.00) / 8,000.00 = 8.5; 6.5 days more, above the policy's 5
		Flag flag = only(queued(client, later), FlagCode.WATCHLIST);
		assertThat(english(flag)).isEqualTo(
				"Debtor on the watchlist: paid 15.0 days beyond terms over 90 days" + " against 8.5 over the year.");
		assertThat(dutch(flag)).isEqualTo("Debiteur op de volglijst: 15,0 dagen na de vervaldatum betaald over 90"
				+ " dagen tegenover 8,5 over het jaar.");

		// 90 days 20.0 (3,000.00 x 20), the year (3,000.00 x 20 + 1,000.00 x 0) /
		// 4,000.00 =
		// 15.0: exactly 5 days more, not more than 5
		Debtor fiveMore = debtor("100000.00");
		paid(client, fiveMore, "1000.00", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1));
		paid(client, fiveMore, "3000.00", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 21));
		assertThat(codes(queued(client, fiveMore))).doesNotContain(FlagCode.WATCHLIST);

		// a cent more paid on time in March: the year 60,000.00 / 4,000.01 = 14.99996,
		// just
		// over 5 days less than the 90 days' 20.0
		Debtor overFive = debtor("100000.00");
		paid(client, overFive, "1000.01", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1));
		paid(client, overFive, "3000.00", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 21));
		assertThat(english(only(queued(client, overFive), FlagCode.WATCHLIST))).isEqualTo(
				"Debtor on the watchlist: paid 20.0 days beyond terms over 90 days" + " against 15.0 over the year.");

		// every payment of the year in the 90 days: 20.0 against 20.0
		Debtor same = debtor("100000.00");
		paid(client, same, "3000.00", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 21));
		assertThat(codes(queued(client, same))).doesNotContain(FlagCode.WATCHLIST);

		// paying better lately: 90 days 0.0, the year (2,000.00 x 10) / 3,000.00 = 6.7
		Debtor better = debtor("100000.00");
		paid(client, better, "2000.00", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 11));
		paid(client, better, "1000.00", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1));
		assertThat(codes(queued(client, better))).doesNotContain(FlagCode.WATCHLIST);
	}

	@Test
	void allThreeReasonsMakeOneSentence() {
		Client client = client();
		Debtor debtor = debtor("25000.00");
		score(debtor, Grade.A, LocalDate.of(2026, 10, 1));
		score(debtor, Grade.C, LocalDate.of(2026, 11, 20));
		exposure(debtor, "23000.00", "0.00");
		// 90 days: 18 days late on 2,000.00; year: (2,000.00 x 18 + 2,000.00 x 2) /
		// 4,000.00
		// = 10.0
		paid(client, debtor, "2000.00", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 3));
		paid(client, debtor, "2000.00", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 19));
		Flag flag = only(queued(client, debtor), FlagCode.WATCHLIST);
		assertThat(english(flag)).isEqualTo("Debtor on the watchlist: grade fell from A to C in 30 days; exposure"
				+ " EUR 23,000.00 is within 10 % of its EUR 25,000.00 credit limit; paid 18.0 days beyond terms over 90"
				+ " days against 10.0 over the year.");
		assertThat(dutch(flag)).isEqualTo("Debiteur op de volglijst: rating gedaald van A naar C in 30 dagen;"
				+ " blootstelling EUR 23.000,00 ligt binnen 10 % van de kredietlimiet van EUR 25.000,00; 18,0 dagen na"
				+ " de vervaldatum betaald over 90 dagen tegenover 10,0 over het jaar.");
	}

	@Test
	void aPagesDebtorsAndTheWholeBookAreListedAlikeWhetherThePlanIsKeptOrMadeForTheirNumber() {
		// up to 100 debtors (a page) the function keeps one plan for the session, the
		// whole book is planned for its size: the demo book's debtors in pages of 50 and
		// all at once list the same debtors with the same figures, on today and on a
		// month end with the policy's margin of 0 days
		for (String asOf : List.of("2026-11-25", "2026-08-31")) {
			int laterDays = asOf.equals("2026-11-25") ? 5 : 0;
			List<String> whole = this.jdbc.queryForList("""
					SELECT w::text FROM debtor_watchlist(CAST(? AS date), ARRAY(SELECT id FROM debtor), ?) w
					ORDER BY w.debtor_id
					""", String.class, asOf, laterDays);
			List<String> paged = this.jdbc.queryForList("""
					SELECT w::text
					FROM (SELECT array_agg(id) AS ids FROM debtor GROUP BY id / 50) p,
					     LATERAL debtor_watchlist(CAST(? AS date), p.ids, ?) w
					ORDER BY w.debtor_id
					""", String.class, asOf, laterDays);
			assertThat(whole).as("listed on %s", asOf).hasSizeGreaterThan(100);
			assertThat(paged).as("on %s", asOf).isEqualTo(whole);
		}
		assertThat(this.jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
	}

	@Test
	void theQueueFilteredByTheFlagShowsTheWatchedDebtorsInvoicesAndNotTheOthers() throws Exception {
		Client client = client();
		Debtor watched = debtor("10000.00");
		exposure(watched, "9500.00", "0.00");
		Debtor calm = debtor("10000.00");
		exposure(calm, "1000.00", "0.00");
		Invoice watchedOne = queued(client, watched);
		Invoice watchedTwo = queued(client, watched);
		Invoice calmOne = queued(client, calm);
		// submitted before the whole demo queue: first in it
		this.jdbc.update("UPDATE invoice SET submitted_at = TIMESTAMPTZ '2020-01-01 10:00:00+00' WHERE id IN (?, ?, ?)",
				watchedOne.getId(), watchedTwo.getId(), calmOne.getId());

		List<Long> flagged = this.queue
			.page(PageRequest.of(0, 1000, Sort.by("submittedAt").and(Sort.by("id"))), Optional.of(FlagCode.WATCHLIST))
			.getContent()
			.stream()
			.map(QueueItem::id)
			.toList();
		assertThat(flagged.subList(0, 2)).containsExactly(watchedOne.getId(), watchedTwo.getId());
		assertThat(flagged).doesNotContain(calmOne.getId());

		String page = this.mvc.perform(get("/queue").param("flag", "WATCHLIST").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<option value=\"WATCHLIST\" selected=\"selected\">Debtor on the watchlist</option>")
			.contains("data-invoice-id=\"" + watchedOne.getId() + "\"")
			.doesNotContain("data-invoice-id=\"" + calmOne.getId() + "\"")
			.contains("exposure EUR 9,500.00 is within 10 % of its EUR 10,000.00 credit limit");
	}

	@Test
	void theDebtorPageSaysWhyTheDebtorIsOnTheWatchlistUnderItsScore() throws Exception {
		Debtor watched = debtor("10000.00");
		exposure(watched, "9000.00", "0.00");
		Debtor calm = debtor("10000.00");
		exposure(calm, "8999.99", "0.00");
		assertThat(debtorPage(watched)).contains("id=\"debtor-watchlist\"")
			.contains(
					"Debtor on the watchlist: exposure EUR 9,000.00 is within 10 % of its EUR 10,000.00 credit limit.");
		assertThat(debtorPage(calm)).doesNotContain("debtor-watchlist");
	}

	private String debtorPage(Debtor debtor) throws Exception {
		return this.mvc.perform(get("/debtors/" + debtor.getRef()).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private Client client() {
		Client client = Clients.aClient().build();
		this.entities.persist(client);
		return client;
	}

	private Debtor debtor(String creditLimit) {
		Debtor debtor = Debtors.aDebtor().creditLimit(creditLimit).build();
		this.entities.persist(debtor);
		this.entities.flush();
		return debtor;
	}

	private Invoice queued(Client client, Debtor debtor) {
		return save(Invoices.anInvoice(client, debtor).amount("500.00"));
	}

	private Invoice save(Invoices invoice) {
		Invoice built = invoice.build();
		this.entities.persist(built);
		this.entities.flush();
		return built;
	}

	/** A snapshot of this grade as of the day, the debtor's current one from then on. */
	private void score(Debtor debtor, Grade grade, LocalDate asOf) {
		long snapshot = this.jdbc.queryForObject("""
				INSERT INTO risk_score (debtor_id, as_of, scored_at, model_version, score, grade, trigger,
				                        components, reasons, inputs)
				VALUES (?, ?, now(), (SELECT MAX(version) FROM scoring_weights), ?, ?, 'MANUAL',
				        '[]'::jsonb, '[]'::jsonb, '{}'::jsonb)
				RETURNING id
				""", Long.class, debtor.getId(), asOf, grade.from(), grade.name());
		this.jdbc.update("UPDATE debtor SET current_risk_score_id = ? WHERE id = ?", snapshot, debtor.getId());
	}

	private void exposure(Debtor debtor, String funded, String reserved) {
		this.jdbc.update("""
				INSERT INTO debtor_exposure (debtor_id, funded, reserved) VALUES (?, ?, ?)
				ON CONFLICT (debtor_id) DO UPDATE SET funded = EXCLUDED.funded, reserved = EXCLUDED.reserved
				""", debtor.getId(), new BigDecimal(funded), new BigDecimal(reserved));
	}

	private void insurerLimit(Debtor debtor, String limit, LocalDate expiresOn) {
		this.jdbc.update("UPDATE debtor SET insurer_limit = ?, insurer_limit_expires_on = ? WHERE id = ?",
				new BigDecimal(limit), expiresOn, debtor.getId());
	}

	/** An invoice of this face due on the day, paid in full on another. */
	private void paid(Client client, Debtor debtor, String amount, LocalDate due, LocalDate receivedOn) {
		Invoice invoice = save(Invoices.anInvoice(client, debtor)
			.amount(amount)
			.issued(due.minusDays(30))
			.due(due)
			.fundedOn(due.minusDays(29)));
		long payment = this.jdbc.queryForObject(
				"INSERT INTO payment (debtor_id, received_on, amount, reference) VALUES (?, ?, ?, 'WATCH') RETURNING id",
				Long.class, debtor.getId(), receivedOn, new BigDecimal(amount));
		this.jdbc.update(
				"INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on) VALUES (?, ?, ?, ?)",
				payment, invoice.getId(), new BigDecimal(amount), receivedOn);
	}

	private List<FlagCode> codes(Invoice invoice) {
		return this.flags.of(invoice.getId()).stream().map(Flag::code).toList();
	}

	private Flag only(Invoice invoice, FlagCode code) {
		List<Flag> found = this.flags.of(invoice.getId()).stream().filter((flag) -> flag.code() == code).toList();
		assertThat(found).as("%s flags on the invoice", code).hasSize(1);
		return found.get(0);
	}

	private String english(Flag flag) {
		return this.messages.getMessage(flag, Locale.ENGLISH);
	}

	private String dutch(Flag flag) {
		return this.messages.getMessage(flag, Locale.forLanguageTag("nl"));
	}

}
