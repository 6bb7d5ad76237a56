package com.factordesk.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.pricing.Quote;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The queue's filters (status, client, debtor, grade, amount range), combined and run
 * before the paging; bad values said on the page; the time in the queue; the results
 * region alone for htmx; the secondary columns hidden on narrow screens. Four invoices of
 * amounts no demo invoice has (7,777.71 to 7,777.74) are added and rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class QueueFiltersIntegrationTests {

	private static final Pattern ROW = Pattern.compile("data-invoice-id=\"(\\d+)\"");

	private static final String RANGE = "&min=7777.71&max=7777.74";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private Clock clock;

	@Autowired
	private InvoiceQuotes quotes;

	private Client client;

	private Debtor first;

	private Debtor second;

	private String firstGrade;

	private long a;

	private long b;

	private long c;

	private long held;

	@BeforeEach
	void fourInvoicesOfTwoDebtorsOfDifferentGrades() {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE amount BETWEEN 7777.71 AND 7777.74",
				Long.class))
			.isZero();
		Map<String, Object> pair = this.jdbc.queryForMap("""
				SELECT i.client_id, r1.debtor_id AS first, r1.grade AS first_grade, r2.debtor_id AS second
				FROM invoice i JOIN debtor_current_score r1 ON r1.debtor_id = i.debtor_id
				JOIN debtor_current_score r2 ON r2.grade <> r1.grade
				JOIN debtor d1 ON d1.id = r1.debtor_id JOIN debtor d2 ON d2.id = r2.debtor_id
				WHERE LEFT(d1.name, 3) <> LEFT(d2.name, 3)
				ORDER BY i.client_id, r1.debtor_id, r2.debtor_id LIMIT 1
				""");
		this.client = this.entities.find(Client.class, ((Number) pair.get("client_id")).longValue());
		this.first = this.entities.find(Debtor.class, ((Number) pair.get("first")).longValue());
		this.second = this.entities.find(Debtor.class, ((Number) pair.get("second")).longValue());
		this.firstGrade = (String) pair.get("first_grade");
		this.a = persist(this.first, "7777.71");
		this.b = persist(this.second, "7777.72");
		this.c = persist(this.first, "7777.73");
		Invoice onHold = Invoices.anInvoice(this.client, this.first)
			.issued(LocalDate.of(2026, 11, 10))
			.amount("7777.74")
			.build();
		onHold.hold(Money.of("6000.00"), "underwriter", "no headroom", Invoices.on(LocalDate.of(2026, 11, 12)));
		this.entities.persist(onHold);
		this.entities.flush();
		this.held = onHold.getId();
	}

	@Test
	void theFiltersCombineAndRunBeforeThePaging() throws Exception {
		// the default queue: submitted and verified, never held
		assertThat(rows("/queue?" + RANGE)).containsExactlyInAnyOrder(this.a, this.b, this.c);
		assertThat(rows("/queue?status=HELD" + RANGE)).containsExactly(this.held);
		assertThat(rows("/queue?status=AWAITING_SECOND_APPROVAL" + RANGE)).isEmpty();
		assertThat(rows("/queue?max=7777.72&min=7777.71")).containsExactlyInAnyOrder(this.a, this.b);
		assertThat(rows("/queue?grade=" + this.firstGrade + RANGE)).containsExactlyInAnyOrder(this.a, this.c);
		assertThat(rows("/queue?debtor=" + this.first.getRef().toLowerCase() + RANGE)).containsExactlyInAnyOrder(this.a,
				this.c);
		// a name prefix: the two debtors' names differ in their first three letters
		assertThat(rows("/queue?debtor=" + this.second.getName().substring(0, 3) + RANGE)).containsExactly(this.b);
		assertThat(rows("/queue?client=" + this.client.getRef() + RANGE)).containsExactlyInAnyOrder(this.a, this.b,
				this.c);
		assertThat(rows("/queue?client=" + this.client.getLegalName().substring(0, 4) + "&status=HELD" + RANGE))
			.containsExactly(this.held);
		assertThat(rows("/queue?client=" + this.client.getRef() + "&debtor=" + this.first.getRef() + "&grade="
				+ this.firstGrade + "&min=7777.72&max=7777.74"))
			.containsExactly(this.c);
		// paged after filtering: one of three a page would need the filter in SQL
		String page = body(get("/queue?sort=amount&dir=desc" + RANGE));
		assertThat(page).contains("3 invoices waiting for a decision, largest amount first")
			.contains("Filters: amount at least EUR\u00a07,777.71; amount at most EUR\u00a07,777.74.");
	}

	@Test
	void aFilterThatCannotBeReadIsSaidAndThePageStillRenders() throws Exception {
		String page = body(get("/queue?min=abc&grade=Z&status=PAID&flag=NOPE&max=7777.74"));
		assertThat(page).contains("The lowest amount &quot;abc&quot; is not an amount")
			.contains("&quot;Z&quot; is not a grade")
			.contains("&quot;PAID&quot; is not a status the queue shows")
			.contains("&quot;NOPE&quot; is not a flag the queue knows")
			.contains("id=\"queue-table\"")
			// the readable filter stays in force
			.contains("amount at most EUR\u00a07,777.74");
		assertThat(body(get("/queue?min=9000&max=10")))
			.contains("The lowest amount EUR\u00a09,000.00 is above the highest amount EUR\u00a010.00");
		// in Dutch, the Dutch way of writing amounts, and the Dutch message
		assertThat(body(get("/queue?min=7.777,71&max=7777,74").header("Accept-Language", "nl")))
			.contains("bedrag minstens EUR\u00a07.777,71");
		assertThat(body(get("/queue?min=-5").header("Accept-Language", "nl")))
			.contains("Het laagste bedrag &quot;-5&quot; is geen bedrag");
	}

	@Test
	void anEmptyResultSaysSo() throws Exception {
		assertThat(body(get("/queue?client=no-such-client-at-all"))).contains("No invoices match these filters.")
			.doesNotContain("id=\"queue-table\"");
	}

	@Test
	void theTimeInTheQueueCountsFromTheSubmission() throws Exception {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		// 5 h 10 min ago: "5 h"; 3 d 2 h ago: "3 d"; 40 min ago: "40 min"
		this.jdbc.update("UPDATE invoice SET submitted_at = ? WHERE id = ?", now.minus(Duration.ofMinutes(310)),
				this.a);
		this.jdbc.update("UPDATE invoice SET submitted_at = ? WHERE id = ?", now.minus(Duration.ofHours(74)), this.b);
		this.jdbc.update("UPDATE invoice SET submitted_at = ? WHERE id = ?", now.minus(Duration.ofMinutes(40)), this.c);
		String page = body(get("/queue?" + RANGE));
		assertThat(waited(page, this.a)).isEqualTo("5 h");
		assertThat(waited(page, this.b)).isEqualTo("3 d");
		assertThat(waited(page, this.c)).isEqualTo("40 min");
		assertThat(page).contains(">In queue</th>").contains(">Invoice age (days)</th>");
	}

	@Test
	void htmxGetsTheResultsRegionAloneFromTheSameHandler() throws Exception {
		String partial = body(get("/queue?grade=" + this.firstGrade + RANGE).header("HX-Request", "true"));
		assertThat(partial.strip()).startsWith("<div id=\"queue-results\"")
			.doesNotContain("<html")
			.doesNotContain("<form");
		assertThat(ids(partial)).containsExactlyInAnyOrder(this.a, this.c);
		this.mvc.perform(get("/queue").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().stringValues("Vary", org.hamcrest.Matchers.hasItem("HX-Request")));
		// restoring the history asks for the whole page
		assertThat(body(get("/queue").header("HX-Request", "true").header("HX-History-Restore-Request", "true")))
			.contains("<html");
		String full = body(get("/queue?grade=" + this.firstGrade + RANGE));
		assertThat(full).contains("<html")
			.contains("src=\"/webjars/htmx.org/2.0.8/dist/htmx.min.js\"")
			.contains("hx-target=\"#queue-results\"")
			.contains("hx-get=\"/queue\"");
	}

	@Test
	void theSecondaryColumnsHideOnNarrowScreensAndTheDecisionColumnsStay() throws Exception {
		String page = body(get("/queue?" + RANGE));
		List<String> headers = new ArrayList<>();
		Matcher header = Pattern.compile("<th(\\s[^>]*)?>")
			.matcher(page.substring(page.indexOf("<thead"), page.indexOf("</thead>")));
		while (header.find()) {
			headers.add(header.group());
		}
		// 14 columns: submitted, in queue, client, debtor, invoice, flags, amount,
		// issued,
		// due, terms, invoice age, grade, advance, fee (the fee goes only on the
		// narrowest)
		assertThat(headers).hasSize(14);
		for (int hidden : new int[] { 0, 1, 2, 7, 8, 9, 10, 13 }) {
			assertThat(headers.get(hidden)).as("header %d", hidden).contains("d-none d-");
		}
		for (int kept : new int[] { 3, 4, 5, 6, 11, 12 }) {
			assertThat(headers.get(kept)).as("header %d", kept).doesNotContain("d-none");
		}
		assertThat(page).contains("<td class=\"num text-nowrap d-none d-md-table-cell queue-waited\"");
	}

	@Test
	void theQueueSortsByTheInvoicesTermsEitherWay() throws Exception {
		// issued 2026-11-10: due 45, 14 and 30 days later
		this.jdbc.update("UPDATE invoice SET due_date = issue_date + 45 WHERE id = ?", this.a);
		this.jdbc.update("UPDATE invoice SET due_date = issue_date + 14 WHERE id = ?", this.b);
		this.jdbc.update("UPDATE invoice SET due_date = issue_date + 30 WHERE id = ?", this.c);
		String ascending = body(get("/queue?sort=terms&dir=asc" + RANGE));
		assertThat(inOrder(ascending)).containsExactly(this.b, this.c, this.a);
		assertThat(ascending).contains("shortest terms first").contains("data-sort=\"terms\"");
		assertThat(inOrder(body(get("/queue?sort=terms&dir=desc" + RANGE)))).containsExactly(this.a, this.c, this.b);
	}

	@Test
	void theQueueSortsByTheDebtorsGradeEitherWay() throws Exception {
		// a and c are of the first debtor, b of the second, whose grade is another: the
		// worse grade (later letter) last going up, first going down
		String secondGrade = this.jdbc.queryForObject("SELECT grade FROM debtor_current_score WHERE debtor_id = ?",
				String.class, this.second.getId());
		boolean firstIsBetter = this.firstGrade.compareTo(secondGrade) < 0;
		List<Long> ascending = inOrder(body(get("/queue?sort=grade&dir=asc" + RANGE)));
		List<Long> descending = inOrder(body(get("/queue?sort=grade&dir=desc" + RANGE)));
		assertThat(ascending).containsExactlyInAnyOrder(this.a, this.b, this.c);
		assertThat(ascending.indexOf(this.b)).as("the second debtor's invoice, going up")
			.isEqualTo(firstIsBetter ? 2 : 0);
		assertThat(descending.indexOf(this.b)).as("the second debtor's invoice, going down")
			.isEqualTo(firstIsBetter ? 0 : 2);
	}

	private static List<Long> inOrder(String page) {
		List<Long> ids = new ArrayList<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			ids.add(Long.parseLong(row.group(1)));
		}
		return ids;
	}

	@Test
	void eachRowShowsTheQuotedAdvanceAndItsExpectedFee() throws Exception {
		// quoted before the request, whose end clears the test's security context
		Quote quote = this.quotes.quote(this.a).orElseThrow().quote();
		String page = body(get("/queue?" + RANGE));
		String row = page.substring(page.indexOf("data-invoice-id=\"" + this.a + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(cell(row, "quote-advance"))
			.isEqualTo(String.format(Locale.ENGLISH, "EUR\u00a0%,.2f", quote.advance().amount()));
		assertThat(cell(row, "quote-fee"))
			.isEqualTo(String.format(Locale.ENGLISH, "EUR\u00a0%,.2f", quote.expectedFee().amount()));
		assertThat(quote.expectedFee().isPositive()).as("a fee to show").isTrue();
		assertThat(page).contains(">Expected fee</th>");
	}

	private static String cell(String row, String cssClass) {
		Matcher cell = Pattern.compile("class=\"[^\"]*" + cssClass + "\">\\s*<span[^>]*>([^<]*)</span>").matcher(row);
		assertThat(cell.find()).as("the %s cell", cssClass).isTrue();
		return cell.group(1);
	}

	private long persist(Debtor debtor, String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, debtor)
			.issued(LocalDate.of(2026, 11, 10))
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		return invoice.getId();
	}

	private Set<Long> rows(String url) throws Exception {
		return ids(body(get(url)));
	}

	private static Set<Long> ids(String page) {
		return new TreeSet<>(inOrder(page));
	}

	private String body(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static String waited(String page, long id) {
		Matcher cell = Pattern.compile("data-invoice-id=\"" + id + "\"[\\s\\S]*?queue-waited\">([^<]*)<").matcher(page);
		assertThat(cell.find()).as("row of invoice %d", id).isTrue();
		return cell.group(1).strip();
	}

}
