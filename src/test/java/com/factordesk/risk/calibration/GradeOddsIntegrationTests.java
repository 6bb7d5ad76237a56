package com.factordesk.risk.calibration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import com.factordesk.risk.Grade;
import com.factordesk.risk.GradeOdds;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each grade carries its observed probability of 30+ days late (DESIGN.md section 2b),
 * measured on the judge window and stored; the debtor page, the queue, the invoice page
 * and the score API show the stored figures, in English and Dutch, and never measure. The
 * expected counts come from the invoices, payments and credit notes themselves and the
 * stored month-end score snapshots of the demo book.
 */
@IntegrationTest
@WithMockUser(username = "underwriter", roles = { "UNDERWRITER", "API_READ" })
class GradeOddsIntegrationTests {

	private static final Cookie DUTCH = new Cookie("factordesk-lang", "nl");

	private static final Locale NL = Locale.forLanguageTag("nl");

	private static final char NBSP = '\u00a0';

	/**
	 * Every matured invoice issued in the window with its outcome, graded by its debtor's
	 * newest stored snapshot as of the end of the month before issue under the version.
	 */
	private static final String EXPECTED = """
			WITH outcome AS (
			    SELECT i.debtor_id, i.issue_date, i.due_date,
			           i.amount - COALESCE(p.collected, 0) - COALESCE(c.credited, 0) AS outstanding, p.last_on
			    FROM invoice i
			    LEFT JOIN LATERAL (SELECT SUM(a.amount) AS collected, MAX(a.received_on) AS last_on
			                       FROM payment_allocation a
			                       WHERE a.invoice_id = i.id AND a.received_on <= ?
			                         AND (a.reversed_on IS NULL OR a.reversed_on > ?)) p ON TRUE
			    LEFT JOIN LATERAL (SELECT SUM(n.amount) AS credited FROM credit_note n
			                       WHERE n.invoice_id = i.id AND n.issued_on <= ?) c ON TRUE
			    WHERE i.funded_on <= ? AND i.issue_date BETWEEN ? AND ? AND i.due_date + 30 <= ?
			)
			SELECT s.grade, COUNT(*) AS invoices,
			       COUNT(*) FILTER (WHERE o.outstanding > 0 OR o.last_on - o.due_date >= 30) AS late30
			FROM outcome o
			JOIN LATERAL (SELECT r.grade FROM risk_score r
			              WHERE r.debtor_id = o.debtor_id AND r.model_version = ?
			                AND r.as_of = CAST(date_trunc('month', o.issue_date) AS date) - 1
			              ORDER BY r.scored_at DESC, r.id DESC LIMIT 1) s ON TRUE
			WHERE o.outstanding > 0 OR o.last_on IS NOT NULL
			GROUP BY s.grade
			""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private GradeOutcomes outcomes;

	@Autowired
	private Clock clock;

	@AfterEach
	void measuredAsBefore() {
		this.outcomes.recompute();
	}

	@Test
	void eachGradeCarriesItsShareThirtyDaysLateOnTheJudgeWindow() throws Exception {
		LocalDate today = LocalDate.now(this.clock);
		YearMonth month = YearMonth.from(today);
		// the 6 full months before this one
		LocalDate from = month.minusMonths(6).atDay(1);
		LocalDate to = month.minusMonths(1).atEndOfMonth();
		int version = this.jdbc.queryForObject("SELECT MAX(version) FROM scoring_weights", Integer.class);
		Map<Grade, long[]> expected = new EnumMap<>(Grade.class);
		for (Grade grade : Grade.values()) {
			expected.put(grade, new long[2]);
		}
		this.jdbc.query(EXPECTED, (rs) -> {
			expected.put(Grade.valueOf(rs.getString("grade")),
					new long[] { rs.getLong("invoices"), rs.getLong("late30") });
		}, today, today, today, today, from, to, today, version);
		long total = expected.values().stream().mapToLong((counts) -> counts[0]).sum();
		assertThat(total).as("the demo book has matured invoices in the window").isGreaterThan(1000);

		this.outcomes.recompute();

		for (Grade grade : Grade.values()) {
			Map<String, Object> row = this.jdbc
				.queryForMap("SELECT invoices, late30, judge_from, judge_to, computed_on FROM grade_outcome"
						+ " WHERE model_version = ? AND grade = ?", version, grade.name());
			assertThat(((Number) row.get("invoices")).longValue()).as("invoices of %s", grade)
				.isEqualTo(expected.get(grade)[0]);
			assertThat(((Number) row.get("late30")).longValue()).as("30+ days late of %s", grade)
				.isEqualTo(expected.get(grade)[1]);
			assertThat(row.get("judge_from").toString()).isEqualTo(from.toString());
			assertThat(row.get("judge_to").toString()).isEqualTo(to.toString());
			assertThat(row.get("computed_on").toString()).isEqualTo(today.toString());
		}
		assertThat(expected.values().stream().filter((counts) -> counts[0] >= GradeOdds.MIN_INVOICES))
			.as("grades judged on the demo book")
			.isNotEmpty();

		// the debtor page, in both languages
		Map<String, Object> debtor = this.jdbc.queryForMap("""
				SELECT d.ref, r.grade FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				ORDER BY d.ref LIMIT 1
				""");
		Grade debtorGrade = Grade.valueOf((String) debtor.get("grade"));
		String debtorPage = page(get("/debtors/{ref}", debtor.get("ref")));
		assertThat(debtorPage).contains(line(expected.get(debtorGrade), Locale.ENGLISH))
			.contains("matured invoices issued");
		assertThat(page(get("/debtors/{ref}", debtor.get("ref")).cookie(DUTCH)))
			.contains(line(expected.get(debtorGrade), NL))
			.contains("vervallen facturen uitgegeven");

		// the invoice page of a submitted invoice
		long invoiceId = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);
		for (Locale locale : List.of(Locale.ENGLISH, NL)) {
			MockHttpServletRequestBuilder request = get("/invoices/{id}", invoiceId);
			String invoicePage = page((locale == NL) ? request.cookie(DUTCH) : request);
			Matcher quoted = Pattern
				.compile("id=\"quote-grade-odds\"><span class=\"grade-odds[^>]*data-grade=\"([A-E])\"")
				.matcher(invoicePage);
			assertThat(quoted.find())
				.as("the invoice page shows the odds of its grade: %s",
						invoicePage.substring(Math.max(0, invoicePage.indexOf("quote-grade") - 200),
								Math.min(invoicePage.length(), Math.max(0, invoicePage.indexOf("quote-grade")) + 800)))
				.isTrue();
			assertThat(invoicePage).contains(line(expected.get(Grade.valueOf(quoted.group(1))), locale));
		}

		// the queue: every grade cell carries its grade's odds, short and in full
		for (Locale locale : List.of(Locale.ENGLISH, NL)) {
			MockHttpServletRequestBuilder request = get("/queue");
			List<String[]> cells = queueCells(page((locale == NL) ? request.cookie(DUTCH) : request));
			assertThat(cells).as("graded queue rows").isNotEmpty();
			for (String[] cell : cells) {
				long[] counts = expected.get(Grade.valueOf(cell[0]));
				assertThat(cell[1]).isEqualTo(line(counts, locale));
				assertThat(cell[2]).isEqualTo((counts[0] >= GradeOdds.MIN_INVOICES)
						? percent(counts, 0, locale) + NBSP + "%" : ((locale == NL) ? "n.b." : "n/j"));
			}
		}

		// the API, as a fraction with 4 decimals
		long[] counts = expected.get(debtorGrade);
		this.mvc.perform(get("/api/v1/debtors/{ref}/score", debtor.get("ref")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.grade").value(debtorGrade.name()))
			.andExpect(jsonPath("$.gradeInvoices").value(counts[0]));
		if (counts[0] >= GradeOdds.MIN_INVOICES) {
			BigDecimal share = BigDecimal.valueOf(counts[1])
				.divide(BigDecimal.valueOf(counts[0]), 4, RoundingMode.HALF_EVEN);
			this.mvc.perform(get("/api/v1/debtors/{ref}/score", debtor.get("ref")))
				.andExpect(jsonPath("$.gradeLate30Share").value(share.doubleValue()));
		}
	}

	@Test
	void aGradeWithFewerThanThirtyInvoicesIsNotJudged() throws Exception {
		this.outcomes.recompute();
		Map<String, Object> debtor = this.jdbc.queryForMap("""
				SELECT d.ref, r.grade FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				ORDER BY d.ref LIMIT 1
				""");
		// the pages show what is stored: 12 invoices, 5 of them late, is too few to judge
		this.jdbc.update("""
				UPDATE grade_outcome SET invoices = 12, late30 = 5
				WHERE model_version = (SELECT MAX(version) FROM scoring_weights) AND grade = ?
				""", debtor.get("grade"));

		assertThat(page(get("/debtors/{ref}", debtor.get("ref")))).contains("not judged (12 invoices)")
			.doesNotContain("41.7");
		assertThat(page(get("/debtors/{ref}", debtor.get("ref")).cookie(DUTCH)))
			.contains("niet beoordeeld (12 facturen)");
		this.mvc.perform(get("/api/v1/debtors/{ref}/score", debtor.get("ref")))
			.andExpect(jsonPath("$.gradeInvoices").value(12))
			.andExpect(jsonPath("$.gradeLate30Share").doesNotExist());
	}

	@Test
	void thePagesOnlyReadWhatWasMeasured() throws Exception {
		this.jdbc.update("DELETE FROM grade_outcome");
		String ref = this.jdbc
			.queryForObject("SELECT MIN(d.ref) FROM debtor d WHERE d.current_risk_score_id IS NOT NULL", String.class);
		long invoiceId = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);

		assertThat(page(get("/debtors/{ref}", ref))).contains("30+ days late: not yet measured");
		assertThat(page(get("/debtors/{ref}", ref).cookie(DUTCH))).contains("30+ dagen te laat: nog niet gemeten");
		assertThat(page(get("/invoices/{id}", invoiceId))).contains("30+ days late: not yet measured");
		assertThat(page(get("/queue"))).contains("30+ days late: not yet measured");
		this.mvc.perform(get("/api/v1/debtors/{ref}/score", ref))
			.andExpect(jsonPath("$.gradeInvoices").doesNotExist())
			.andExpect(jsonPath("$.gradeLate30Share").doesNotExist());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM grade_outcome", Long.class))
			.as("a page request measures nothing")
			.isZero();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * Each grade cell of the queue: its grade, its tooltip and its visible short text.
	 */
	private static List<String[]> queueCells(String page) {
		Matcher cell = Pattern.compile("<small class=\"grade-odds[^>]*>\\s*<span aria-hidden=\"true\">([^<]*)</span>")
			.matcher(page);
		List<String[]> cells = new ArrayList<>();
		while (cell.find()) {
			cells.add(new String[] { attribute(cell.group(), "data-grade"), attribute(cell.group(), "title"),
					cell.group(1) });
		}
		return cells;
	}

	private static String attribute(String tag, String name) {
		Matcher attribute = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
		assertThat(attribute.find()).as("%s in %s", name, tag).isTrue();
		return attribute.group(1);
	}

	/**
	 * The line the pages show for a grade with these counts: 30+ days late as a share of
	 * its invoices, in percent with one decimal, or not judged below 30 invoices.
	 */
	private static String line(long[] counts, Locale locale) {
		String invoices = NumberFormat.getIntegerInstance(locale).format(counts[0]);
		if (counts[0] < GradeOdds.MIN_INVOICES) {
			return (locale == NL) ? "niet beoordeeld (" + invoices + " facturen)"
					: "not judged (" + invoices + " invoices)";
		}
		String share = percent(counts, 1, locale) + NBSP + "%";
		return (locale == NL) ? share + " 30+ dagen te laat (van " + invoices + " facturen)"
				: share + " 30+ days late (of " + invoices + " invoices)";
	}

	/**
	 * late30 x 100 / invoices, rounded once, half to even.
	 */
	private static String percent(long[] counts, int decimals, Locale locale) {
		BigDecimal percent = BigDecimal.valueOf(counts[1] * 100)
			.divide(BigDecimal.valueOf(counts[0]), decimals, RoundingMode.HALF_EVEN);
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		return format.format(percent);
	}

}
