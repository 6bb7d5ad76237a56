package com.factordesk.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.backtest.BacktestReport.GradeOutcome;
import com.factordesk.backtest.BacktestReport.Ranked;
import com.factordesk.shared.NotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The backtest on the demo portfolio (today 2026-11-25): the judged period of issue 8
 * (invoices issued 2026-05-01..2026-10-31, judged where due date + 30 days is on or
 * before today), the score beside its challengers, the API's shape, unknown clients,
 * empty periods and grades too small to judge.
 */
@IntegrationTest
@WithMockUser(roles = "MANAGER")
class BacktestIntegrationTests {

	private static final LocalDate FROM = LocalDate.of(2026, 5, 1);

	private static final LocalDate TO = LocalDate.of(2026, 10, 31);

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private Backtest backtest;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvc mvc;

	@Test
	void theScoreAndItsChallengersOnTheDemoPortfolio() {
		BacktestReport report = this.backtest.run(FROM, TO, null);
		System.out.println("Backtest " + FROM + ".." + TO + " in " + report.elapsed().toMillis() + " ms: "
				+ report.invoices() + " invoices, late " + report.lateShare() + ", 30+ " + report.late30Share());
		for (Ranked ranked : report.rankings()) {
			System.out.println("  " + ranked);
		}
		report.grades().forEach((grade) -> System.out.println("  " + grade));
		assertThat(report.invoices()).isGreaterThan(5_000);
		assertThat(report.asOf()).isEqualTo(TODAY);
		// the matured invoices counted from the invoice rows, independently of the
		// outcome query: due date + 30 on or before today, and not settled by credit
		// notes alone
		long matured = this.jdbc
			.sql("""
					SELECT COUNT(*) FROM invoice i
					WHERE i.issue_date BETWEEN :from AND :to AND i.funded_on <= :today AND i.due_date <= :lastDue
					  AND NOT (EXISTS (SELECT 1 FROM credit_note n WHERE n.invoice_id = i.id AND n.issued_on <= :today)
					           AND NOT EXISTS (SELECT 1 FROM payment_allocation a WHERE a.invoice_id = i.id
					                           AND a.received_on <= :today AND (a.reversed_on IS NULL OR a.reversed_on > :today))
					           AND i.amount <= (SELECT SUM(n.amount) FROM credit_note n
					                            WHERE n.invoice_id = i.id AND n.issued_on <= :today))
					""")
			.param("from", FROM)
			.param("to", TO)
			.param("today", TODAY)
			.param("lastDue", TODAY.minusDays(30))
			.query(Long.class)
			.single();
		assertThat(report.invoices()).isEqualTo(matured);
		assertThat(report.grades().stream().mapToLong(GradeOutcome::invoices).sum()).isEqualTo(report.invoices());
		// the shares per grade add up to the portfolio's
		long late = report.grades()
			.stream()
			.mapToLong((grade) -> grade.lateShare()
				.multiply(BigDecimal.valueOf(grade.invoices()))
				.setScale(0, RoundingMode.HALF_EVEN)
				.longValueExact())
			.sum();
		assertThat(BigDecimal.valueOf(late).divide(BigDecimal.valueOf(report.invoices()), 4, RoundingMode.HALF_EVEN))
			.isEqualByComparingTo(report.lateShare());
		assertThat(report.late30Share()).isLessThan(report.lateShare()).isPositive();
		// on the demo book each judged grade pays worse than the one above it, for late
		// and for 30+ days late
		assertThat(report.monotone()).as("late share falls from E to A").isTrue();
		assertThat(report.monotone30()).as("30+ days late share falls from E to A").isTrue();

		assertThat(report.gini())
			.isEqualByComparingTo(report.auc().multiply(BigDecimal.valueOf(2)).subtract(BigDecimal.ONE));
		assertThat(report.challengers()).extracting(Ranked::name)
			.containsExactly(BacktestReport.PRIOR_LATE_SHARE, BacktestReport.LOGISTIC_REGRESSION);
		for (Ranked ranked : report.rankings()) {
			assertThat(ranked.auc()).as(ranked.name()).isBetween(new BigDecimal("0.55"), BigDecimal.ONE);
			assertThat(ranked.auc30()).as(ranked.name()).isBetween(new BigDecimal("0.55"), BigDecimal.ONE);
			assertThat(ranked.lateInterval().low()).as(ranked.name()).isLessThanOrEqualTo(ranked.auc());
			assertThat(ranked.lateInterval().high()).as(ranked.name()).isGreaterThanOrEqualTo(ranked.auc());
			assertThat(ranked.late30Interval().low()).as(ranked.name()).isLessThanOrEqualTo(ranked.auc30());
			assertThat(ranked.late30Interval().high()).as(ranked.name()).isGreaterThanOrEqualTo(ranked.auc30());
		}
		assertThat(report.roc()).hasSize(6);
		// the same invoices give the same figures, intervals included (fixed seed)
		BacktestReport again = this.backtest.run(FROM, TO, null);
		assertThat(again.rankings()).isEqualTo(report.rankings());
		assertThat(again.grades()).isEqualTo(report.grades());
	}

	@Test
	void aGradeWithFewerThan30InvoicesIsNotJudged() throws Exception {
		// one issue day: some 50 invoices, too few for most grades
		BacktestReport report = this.backtest.run(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 2), null);
		assertThat(report.grades()).anySatisfy((grade) -> assertThat(grade.judged()).isFalse());
		for (GradeOutcome grade : report.grades()) {
			assertThat(grade.judged()).as(grade.grade().name()).isEqualTo(grade.invoices() >= 30);
		}
		GradeOutcome notJudged = report.grades().stream().filter((grade) -> !grade.judged()).findFirst().orElseThrow();
		this.mvc
			.perform(get("/risk/backtest").param("from", "2026-06-02")
				.param("to", "2026-06-02")
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("data-grade=\"" + notJudged.grade() + "\" data-judged=\"false\"")))
			.andExpect(content().string(containsString("not judged (fewer than 30 invoices)")));
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", "2026-06-02")
				.param("to", "2026-06-02")
				.with(user("m").roles("MANAGER")))
			.andExpect(jsonPath("$.grades[?(@.grade == '" + notJudged.grade() + "')].judged").value(false));
	}

	@Test
	void theApiAnswersDesignSection7() throws Exception {
		BacktestReport report = this.backtest.run(FROM, TO, null);
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", FROM.toString())
				.param("to", TO.toString())
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.invoices", is((int) report.invoices())))
			.andExpect(jsonPath("$.lateShare", is(report.lateShare().doubleValue())))
			.andExpect(jsonPath("$.auc", is(report.auc().doubleValue())))
			.andExpect(jsonPath("$.gini", is(report.gini().doubleValue())))
			.andExpect(jsonPath("$.ks", is(report.ks().doubleValue())))
			.andExpect(jsonPath("$.late30Share", is(report.late30Share().doubleValue())))
			.andExpect(jsonPath("$.auc30", is(report.auc30().doubleValue())))
			.andExpect(jsonPath("$.ks30", is(report.ks30().doubleValue())))
			.andExpect(jsonPath("$.aucInterval.low", is(report.score().lateInterval().low().doubleValue())))
			.andExpect(jsonPath("$.challengers", hasSize(2)))
			.andExpect(jsonPath("$.challengers[0].name", is("priorLateShare")))
			.andExpect(jsonPath("$.challengers[0].auc", is(report.challengers().get(0).auc().doubleValue())))
			.andExpect(jsonPath("$.challengers[1].name", is("logisticRegression")))
			.andExpect(jsonPath("$.challengers[1].auc30", is(report.challengers().get(1).auc30().doubleValue())))
			.andExpect(jsonPath("$.challengers[1].auc30Interval.high").isNumber())
			.andExpect(jsonPath("$.grades", hasSize(5)))
			.andExpect(jsonPath("$.grades[0].grade", is("A")))
			.andExpect(jsonPath("$.grades[0].invoices", is((int) report.grades().get(0).invoices())))
			.andExpect(jsonPath("$.grades[0].lateShare").isNumber())
			.andExpect(jsonPath("$.grades[0].late30Share").isNumber())
			.andExpect(jsonPath("$.grades[0].avgDaysBeyondTerms",
					is(report.grades().get(0).avgDaysBeyondTerms().doubleValue())));
	}

	@Test
	void anUnknownOrLowerCaseClientIsA404AndSaidOnThePage() throws Exception {
		String client = this.jdbc.sql("SELECT ref FROM client ORDER BY ref LIMIT 1").query(String.class).single();
		assertThat(client).isEqualTo(client.toUpperCase());
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.backtest.run(FROM, TO, client.toLowerCase()));
		for (String unknown : new String[] { client.toLowerCase(), "C9999" }) {
			this.mvc
				.perform(get("/api/v1/risk/backtest").param("from", FROM.toString())
					.param("to", TO.toString())
					.param("clientRef", unknown)
					.with(user("m").roles("MANAGER")))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			this.mvc.perform(get("/risk/backtest").param("clientRef", unknown).with(user("m").roles("MANAGER")))
				.andExpect(status().isNotFound())
				.andExpect(content()
					.string(containsString("There is no client with the reference " + unknown + ". References are")))
				.andExpect(content().string(not(containsString("id=\"backtest-invoices\""))));
		}
		this.mvc.perform(
				get("/risk/backtest").param("clientRef", "C9999").param("lang", "nl").with(user("m").roles("MANAGER")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Er is geen cliënt met de referentie C9999.")));
		// a known client answers
		this.mvc
			.perform(get("/api/v1/risk/backtest").param("from", FROM.toString())
				.param("to", TO.toString())
				.param("clientRef", client)
				.with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.invoices", greaterThan(0)));
	}

	@Test
	void aPeriodWithoutMaturedInvoicesHasNoAucAndNoVerdict() throws Exception {
		// issued this month: nothing is due + 30 days yet; and a period before the book
		String[][] periods = { { "2026-11-01", "2026-11-25" }, { "2020-01-01", "2020-01-31" } };
		for (String[] period : periods) {
			BacktestReport report = this.backtest.run(LocalDate.parse(period[0]), LocalDate.parse(period[1]), null);
			assertThat(report.invoices()).isZero();
			assertThat(report.auc()).isNull();
			assertThat(report.monotone()).isFalse();
			assertThat(report.challengers()).allSatisfy((ranked) -> assertThat(ranked.auc()).isNull());
		}
		for (String[] period : periods) {
			this.mvc
				.perform(get("/api/v1/risk/backtest").param("from", period[0])
					.param("to", period[1])
					.with(user("m").roles("MANAGER")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.invoices", is(0)))
				.andExpect(jsonPath("$.auc", nullValue()))
				.andExpect(jsonPath("$.auc30", nullValue()))
				.andExpect(jsonPath("$.ks", nullValue()))
				.andExpect(jsonPath("$.challengers[0].auc", nullValue()));
			this.mvc
				.perform(get("/risk/backtest").param("from", period[0])
					.param("to", period[1])
					.with(user("m").roles("MANAGER")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("No invoices with a matured outcome in this period")))
				.andExpect(content().string(not(containsString("text-success"))))
				.andExpect(content().string(not(containsString("id=\"backtest-auc\""))));
		}
	}

	@Test
	void thePageShowsBothOutcomesTheChallengersAndTheChartInBothLanguages() throws Exception {
		this.mvc.perform(get("/risk/backtest").with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			// the default period: the six full months before today's
			.andExpect(content().string(containsString("value=\"2026-05-01\"")))
			.andExpect(content().string(containsString("value=\"2026-10-31\"")))
			.andExpect(content().string(containsString("The score and its challengers")))
			.andExpect(content().string(containsString("Prior late share alone")))
			.andExpect(content().string(containsString("Logistic regression on the raw inputs")))
			.andExpect(content().string(containsString("Days beyond terms (amount-weighted)")))
			.andExpect(content().string(containsString("id=\"backtest-roc-data\"")))
			.andExpect(content().string(containsString("/js/backtest-roc.js")))
			.andExpect(content().string(containsString("id=\"backtest-roc-table\"")));
		this.mvc.perform(get("/risk/backtest").param("lang", "nl").with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("De score en haar uitdagers")))
			.andExpect(content().string(containsString("Alleen het eerdere aandeel te laat")))
			.andExpect(content().string(containsString("Dagen over termijn (naar bedrag gewogen)")))
			.andExpect(content().string(containsString("30+ dagen te laat")));
	}

}
