package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.CommittedBook;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.risk.internal.EventRescoring;
import com.jayway.jsonpath.JsonPath;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The trends: 12 points (11 month ends and the day), the past month ends stored and
 * served from there, and a late or back-dated event making exactly the month ends on or
 * after its day stale, in its scope only. The data is committed (the staleness test
 * compares the transactions that stored a month end and wrote a change), on a client and
 * debtor of the test's own, and removed afterwards.
 */
@IntegrationTest
@WithMockUser(roles = "MANAGER")
class PortfolioTrendsIntegrationTests {

	private static final LocalDate JUN_30 = LocalDate.of(2026, 6, 30);

	private static final LocalDate JUL_31 = LocalDate.of(2026, 7, 31);

	private static final LocalDate AUG_31 = LocalDate.of(2026, 8, 31);

	private static final LocalDate SEP_30 = LocalDate.of(2026, 9, 30);

	private static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);

	@Autowired
	private PortfolioTrends trends;

	@Autowired
	private PortfolioFigures figures;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	private EventRescoring rescoring;

	@Autowired
	private MockMvc mvc;

	private String clientRef;

	private LocalDate today;

	private long clientId;

	private long otherClientId;

	private long debtorId;

	private long invoiceA;

	@BeforeEach
	void commitABook() {
		this.today = LocalDate.now(this.clock);
		assertThat(this.today).as("the demo clock").isEqualTo(LocalDate.of(2026, 11, 25));
		this.transactions.executeWithoutResult((status) -> {
			Client client = Clients.aClient().named("Trend Test B.V.").build();
			Client other = Clients.aClient().named("Other Trend Test B.V.").build();
			Debtor debtor = Debtors.aDebtor().named("Trend Buyer GmbH").creditLimit("1000000.00").build();
			this.entities.persist(client);
			this.entities.persist(other);
			this.entities.persist(debtor);
			// A: 10,000.00 issued and funded 2026-07-01, due 2026-07-31
			Invoice a = funded(client, debtor, LocalDate.of(2026, 7, 1), JUL_31, "10000.00");
			// B: 5,000.00 issued and funded 2026-09-15, due 2026-10-15
			funded(client, debtor, LocalDate.of(2026, 9, 15), LocalDate.of(2026, 10, 15), "5000.00");
			this.entities.flush();
			this.clientId = client.getId();
			this.clientRef = client.getRef();
			this.otherClientId = other.getId();
			this.debtorId = debtor.getId();
			this.invoiceA = a.getId();
		});
	}

	@AfterEach
	void removeTheBook() {
		// the debtor is re-scored after each commit that changed its invoices
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
		this.transactions.executeWithoutResult((status) -> {
			String invoices = "(SELECT id FROM invoice WHERE client_id IN (?, ?))";
			Object[] clients = { this.clientId, this.otherClientId };
			this.jdbc.update("DELETE FROM portfolio_trend_snapshot WHERE client_id IN (?, ?) OR debtor_id = ?",
					this.clientId, this.otherClientId, this.debtorId);
			this.jdbc.update("DELETE FROM portfolio_open_ar_snapshot WHERE client_id IN (?, ?) OR debtor_id = ?",
					this.clientId, this.otherClientId, this.debtorId);
			this.jdbc.update("DELETE FROM payment_allocation WHERE invoice_id IN " + invoices, clients);
			this.jdbc.update("DELETE FROM payment WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM credit_note WHERE invoice_id IN " + invoices, clients);
			this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id IN " + invoices, clients);
			this.jdbc.update("DELETE FROM invoice WHERE client_id IN (?, ?)", clients);
			CommittedBook.removeOpenBooks(this.jdbc, this.clientId);
			CommittedBook.removeOpenBooks(this.jdbc, this.otherClientId);
			this.jdbc.update("DELETE FROM facility WHERE client_id IN (?, ?)", clients);
			this.jdbc.update("DELETE FROM client WHERE id IN (?, ?)", clients);
			this.jdbc.update("UPDATE debtor SET current_risk_score_id = NULL WHERE id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM risk_score WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM debtor WHERE id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM portfolio_book_change WHERE client_id IN (?, ?) OR debtor_id = ?",
					this.clientId, this.otherClientId, this.debtorId);
		});
	}

	@Test
	void twelvePointsUpToTheDayEachAsOfItsMonthEnd() {
		assertThat(PortfolioTrends.points(LocalDate.of(2026, 11, 25))).hasSize(12)
			.startsWith(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28))
			.endsWith(OCT_31, LocalDate.of(2026, 11, 25));
		// a leap year's February, and a day that is itself a month end
		assertThat(PortfolioTrends.points(LocalDate.of(2024, 12, 31)))
			.startsWith(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29))
			.endsWith(LocalDate.of(2024, 11, 30), LocalDate.of(2024, 12, 31));
		assertThat(PortfolioTrends.storable(OCT_31, this.today)).isTrue();
		assertThat(PortfolioTrends.storable(LocalDate.of(2026, 10, 30), this.today)).isFalse();
		assertThat(PortfolioTrends.storable(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30))).isFalse();
	}

	@Test
	void aBackDatedPaymentAndItsReversalChangeTheTrendFromTheirDayOn() {
		PortfolioScope scope = scopeOfClient();

		PortfolioTrends.Trend first = this.trends.trend(scope);
		assertThat(first.fromStore()).as("nothing stored yet").isZero();
		assertThat(first.days()).endsWith(JUL_31, AUG_31, SEP_30, OCT_31, this.today);
		// 2026-06-30: nothing issued yet; no sales in the window: DSO n/a
		assertThat(at(first, JUN_30).openAr()).isEqualTo(Money.ZERO);
		assertThat(at(first, JUN_30).dso90()).isNull();
		// 2026-07-31: A open (due that day: current); sales of 2026-05-03..07-31 = A
		// DSO = 10,000.00 / 10,000.00 x 90 = 90.00
		assertThat(at(first, JUL_31).openAr()).isEqualTo(Money.of("10000.00"));
		assertThat(at(first, JUL_31).dso90()).isEqualByComparingTo("90.00");
		// 2026-08-31: sales of 06-03..08-31 = A: 10,000.00 / 10,000.00 x 90 = 90.00
		assertThat(at(first, AUG_31).dso90()).isEqualByComparingTo("90.00");
		// 2026-09-30: A + B open = 15,000.00; sales of 07-03..09-30 = B only
		// DSO = 15,000.00 / 5,000.00 x 90 = 270.00
		assertThat(at(first, SEP_30).openAr()).isEqualTo(Money.of("15000.00"));
		assertThat(at(first, SEP_30).dso90()).isEqualByComparingTo("270.00");
		assertThat(at(first, OCT_31).dso90()).isEqualByComparingTo("270.00");
		assertThat(storedOpenAr(AUG_31)).isEqualByComparingTo("10000.00");

		PortfolioTrends.Trend again = this.trends.trend(scope);
		assertThat(again.fromStore()).as("the 11 past month ends, from the store").isEqualTo(11);
		assertThat(again.points()).isEqualTo(first.points());

		// a payment of 4,000.00 on A, received 2026-08-15, recorded late (today)
		long paymentId = this.transactions.execute((status) -> {
			Invoice a = this.entities.find(Invoice.class, this.invoiceA);
			Payment payment = new Payment(a.getDebtor(), LocalDate.of(2026, 8, 15), Money.of("4000.00"), "TREND-1");
			payment.applyTo(a, Money.of("4000.00"), "cash", this.clock);
			this.entities.persist(payment);
			this.entities.flush();
			return payment.getId();
		});

		PortfolioTrends.Trend paid = this.trends.trend(scope);
		// 08-31, 09-30 and 10-31 are stale and computed again; the 8 before stay stored
		assertThat(paid.fromStore()).isEqualTo(8);
		assertThat(at(paid, JUL_31)).isEqualTo(at(first, JUL_31));
		// 2026-08-31: 10,000.00 - 4,000.00 = 6,000.00 open; 6,000.00 / 10,000.00 x 90 =
		// 54.00
		assertThat(at(paid, AUG_31).openAr()).isEqualTo(Money.of("6000.00"));
		assertThat(at(paid, AUG_31).dso90()).isEqualByComparingTo("54.00");
		// received 15 days after the due date 07-31: 4,000.00 x 15 / 4,000.00 = 15.00
		// days
		assertThat(at(paid, AUG_31).daysBeyondTerms()).isEqualByComparingTo("15.00");
		// 2026-09-30: 6,000.00 + 5,000.00 = 11,000.00; 11,000.00 / 5,000.00 x 90 = 198.00
		assertThat(at(paid, SEP_30).dso90()).isEqualByComparingTo("198.00");
		assertThat(at(paid, OCT_31).dso90()).isEqualByComparingTo("198.00");
		assertThat(at(paid, this.today).openAr()).isEqualTo(Money.of("11000.00"));
		assertThat(storedOpenAr(AUG_31)).as("the stored month end, replaced").isEqualByComparingTo("6000.00");
		assertThat(this.trends.trend(scope).fromStore()).isEqualTo(11);

		// the payment bounces: reversed on 2026-09-10, recorded today
		this.transactions.executeWithoutResult((status) -> this.entities.find(Payment.class, paymentId)
			.reverse(LocalDate.of(2026, 9, 10), "cash", "returned by the bank", this.clock));

		PortfolioTrends.Trend reversed = this.trends.trend(scope);
		assertThat(reversed.fromStore()).as("09-30 and 10-31 stale").isEqualTo(9);
		assertThat(at(reversed, AUG_31)).isEqualTo(at(paid, AUG_31));
		// 2026-09-30: A open in full again: 15,000.00 / 5,000.00 x 90 = 270.00
		assertThat(at(reversed, SEP_30).openAr()).isEqualTo(Money.of("15000.00"));
		assertThat(at(reversed, SEP_30).dso90()).isEqualByComparingTo("270.00");
		assertThat(at(reversed, OCT_31).dso90()).isEqualByComparingTo("270.00");
	}

	@Test
	void aBackDatedInvoiceOfAnotherClientLeavesThisClientsMonthEndsAndMovesTheDebtors() {
		PortfolioScope client = scopeOfClient();
		PortfolioScope debtor = new PortfolioScope(this.today, null, null, null, this.debtorId, null, null);
		this.trends.trend(client);
		PortfolioTrends.Trend debtorBefore = this.trends.trend(debtor);
		assertThat(at(debtorBefore, JUL_31).openAr()).isEqualTo(Money.of("10000.00"));

		// the other client's invoice on the same debtor: 2,000.00 issued and funded
		// 2026-07-20, imported today
		this.transactions.executeWithoutResult((status) -> {
			funded(this.entities.find(Client.class, this.otherClientId),
					this.entities.find(Debtor.class, this.debtorId), LocalDate.of(2026, 7, 20),
					LocalDate.of(2026, 8, 19), "2000.00");
			this.entities.flush();
		});

		assertThat(this.trends.trend(client).fromStore()).as("another client's change").isEqualTo(11);
		PortfolioTrends.Trend debtorAfter = this.trends.trend(debtor);
		// 07-31, 08-31, 09-30 and 10-31 stale for the debtor across clients
		assertThat(debtorAfter.fromStore()).isEqualTo(7);
		assertThat(at(debtorAfter, JUN_30)).isEqualTo(at(debtorBefore, JUN_30));
		// 10,000.00 + 2,000.00 = 12,000.00; sales of 05-03..07-31: 12,000.00 -> 90.00
		assertThat(at(debtorAfter, JUL_31).openAr()).isEqualTo(Money.of("12000.00"));
		assertThat(at(debtorAfter, JUL_31).dso90()).isEqualByComparingTo("90.00");
	}

	@Test
	void theBackgroundRefreshComputesTheBooksMissingAndStaleMonthEndsOnly() {
		this.trends.refreshBook();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM portfolio_trend_snapshot"
						+ " WHERE client_id = 0 AND debtor_id = 0 AND month_end BETWEEN ? AND ?",
				Long.class, LocalDate.of(2025, 12, 31), OCT_31))
			.as("the book's 11 month ends before November 2026")
			.isEqualTo(11);
		assertThat(this.trends.refreshBook()).as("nothing changed since").isZero();

		// a payment on A received 2026-08-15, recorded today: the book's 08-31, 09-30 and
		// 10-31 are stale
		this.transactions.executeWithoutResult((status) -> {
			Invoice a = this.entities.find(Invoice.class, this.invoiceA);
			Payment payment = new Payment(a.getDebtor(), LocalDate.of(2026, 8, 15), Money.of("1000.00"), "TREND-2");
			payment.applyTo(a, Money.of("1000.00"), "cash", this.clock);
			this.entities.persist(payment);
		});
		assertThat(this.trends.refreshBook()).isEqualTo(3);
		assertThat(this.trends.refreshBook()).isZero();
	}

	@Test
	void theCleanUpKeepsWhatIsStillRightAndForgetsTheChanges() {
		PortfolioScope scope = scopeOfClient();
		this.trends.trend(scope);
		this.transactions.executeWithoutResult((status) -> {
			Invoice a = this.entities.find(Invoice.class, this.invoiceA);
			a.credit(Money.of("1000.00"), null, LocalDate.of(2026, 9, 1), "price", "underwriter",
					Invoices.on(LocalDate.of(2026, 9, 1)));
			this.entities.flush();
		});

		int[] removed = this.trends.cleanUp();

		// 09-30 and 10-31 of this client were stale (the credit note of 2026-09-01)
		assertThat(removed[0]).isGreaterThanOrEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM portfolio_trend_snapshot WHERE client_id = ?",
				Long.class, this.clientId))
			.isEqualTo(9);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM portfolio_book_change", Long.class)).isZero();
		PortfolioTrends.Trend after = this.trends.trend(scope);
		assertThat(after.fromStore()).isEqualTo(9);
		// 2026-09-30: 15,000.00 - 1,000.00 credited = 14,000.00
		assertThat(at(after, SEP_30).openAr()).isEqualTo(Money.of("14000.00"));
		assertThat(this.trends.trend(scope).fromStore()).isEqualTo(11);
	}

	@Test
	void theOpenArAtTheWindowsStartIsStoredWithTheTrendAndReadByTheFiguresWhileItIsRight() {
		PortfolioScope scope = scopeOfClient();
		// 2026-11-25 - 90 days
		LocalDate start = LocalDate.of(2026, 8, 27);
		assertThat(PortfolioTrends.start(this.today)).isEqualTo(start);
		assertThat(storedStart(start)).isNull();
		// 2026-08-27: A open (10,000.00), B not issued yet; summed, nothing stored
		assertThat(this.figures.figures(scope, 90).arAtStart90()).isEqualTo(Money.of("10000.00"));
		this.trends.trend(scope);
		assertThat(storedStart(start)).isEqualByComparingTo("10000.00");
		// read from the store: a stored figure changed by hand is what the figures show,
		// for both windows that start there
		this.jdbc.update("UPDATE portfolio_open_ar_snapshot SET open_ar = 1234.56 WHERE client_id = ? AND day = ?",
				this.clientId, start);
		assertThat(this.figures.figures(scope, 90).arAtStart()).isEqualTo(Money.of("1234.56"));
		assertThat(this.figures.figures(scope, 30).arAtStart90()).isEqualTo(Money.of("1234.56"));
		// the 30-day window starts 2026-10-26, not stored: A + B = 15,000.00 summed
		assertThat(this.figures.figures(scope, 30).arAtStart()).isEqualTo(Money.of("15000.00"));

		// a payment received after the start (1,000.00 on A on 2026-09-20, recorded
		// today) leaves it right and stored
		pay(LocalDate.of(2026, 9, 20), "1000.00", "TREND-S1");
		assertThat(this.figures.figures(scope, 90).arAtStart()).isEqualTo(Money.of("1234.56"));
		// one received before it (2,000.00 on 2026-08-15, recorded today) makes it stale:
		// summed again, 10,000.00 - 2,000.00 = 8,000.00
		pay(LocalDate.of(2026, 8, 15), "2000.00", "TREND-S2");
		assertThat(this.figures.figures(scope, 90).arAtStart()).isEqualTo(Money.of("8000.00"));
		// the clean-up removes it; the next trend stores it again
		this.trends.cleanUp();
		assertThat(storedStart(start)).isNull();
		this.trends.trend(scope);
		assertThat(storedStart(start)).isEqualByComparingTo("8000.00");
		assertThat(this.figures.figures(scope, 90).arAtStart()).isEqualTo(Money.of("8000.00"));
	}

	@Test
	void theDashboardShowsEachChartWithItsTableOfTwelvePoints() throws Exception {
		String page = this.mvc.perform(get("/portfolio").param("asOf", "2026-10-31").param("clientRef", this.clientRef))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		for (String chart : List.of("ar", "dso", "cei", "dbt", "rates")) {
			assertThat(page).contains("<canvas id=\"trend-" + chart + "\"", "id=\"trend-" + chart + "-table\"");
		}
		// 12 points (2025-11-30 .. 2026-10-31) in each of the 5 tables
		assertThat(page.split("data-day=\"", -1)).hasSize(5 * 12 + 1);
		assertThat(page).contains("data-day=\"2025-11-30\"", "data-day=\"2026-10-31\"")
			.contains("/portfolio/export/trends.csv?asOf=2026-10-31&amp;clientRef=" + this.clientRef)
			.contains("id=\"portfolio-trends-data\"", "/js/portfolio-trends.js");
		// 2026-10-31: 15,000.00 / 5,000.00 x 90 = 270.00 days; no sales before July: n/a
		assertThat(page).contains("<td class=\"num\" data-figure=\"dso90\">270.00</td>")
			.contains("<td class=\"num\" data-figure=\"dso90\">n/a</td>");
		// the charts' data: the same twelve days and values, n/a as null, rates in
		// percent
		int block = page.indexOf("id=\"portfolio-trends-data\"");
		String json = page.substring(page.indexOf('{', block), page.indexOf("</script>", block));
		assertThat(JsonPath.<List<String>>read(json, "$.days")).hasSize(12)
			.startsWith("2025-11-30")
			.endsWith("2026-10-31");
		assertThat(JsonPath.<List<String>>read(json, "$.charts[*].id")).containsExactly("ar", "dso", "cei", "dbt",
				"rates");
		List<Object> dso = JsonPath.read(json, "$.charts[1].series[0]");
		assertThat(dso).hasSize(12).startsWith((Object) null);
		assertThat(new BigDecimal(dso.get(11).toString())).isEqualByComparingTo("270.00");
		assertThat(JsonPath.<String>read(json, "$.names.dso90")).isEqualTo("DSO");
	}

	private PortfolioScope scopeOfClient() {
		return new PortfolioScope(this.today, this.clientId, null, null, null, null, null);
	}

	private BigDecimal storedStart(LocalDate day) {
		List<BigDecimal> stored = this.jdbc.queryForList(
				"SELECT open_ar FROM portfolio_open_ar_snapshot WHERE client_id = ? AND debtor_id = 0 AND day = ?",
				BigDecimal.class, this.clientId, day);
		return stored.isEmpty() ? null : stored.get(0);
	}

	/** A payment on A received on a day and recorded today, committed. */
	private void pay(LocalDate received, String amount, String reference) {
		this.transactions.executeWithoutResult((status) -> {
			Invoice a = this.entities.find(Invoice.class, this.invoiceA);
			Payment payment = new Payment(a.getDebtor(), received, Money.of(amount), reference);
			payment.applyTo(a, Money.of(amount), "cash", this.clock);
			this.entities.persist(payment);
			this.entities.flush();
		});
	}

	private BigDecimal storedOpenAr(LocalDate monthEnd) {
		return this.jdbc.queryForObject(
				"SELECT open_ar FROM portfolio_trend_snapshot WHERE client_id = ? AND debtor_id = 0 AND month_end = ?",
				BigDecimal.class, this.clientId, monthEnd);
	}

	private static Headline at(PortfolioTrends.Trend trend, LocalDate day) {
		List<Headline> points = trend.points().stream().filter((point) -> point.asOf().equals(day)).toList();
		assertThat(points).as("the point of " + day).hasSize(1);
		return points.get(0);
	}

	private Invoice funded(Client client, Debtor debtor, LocalDate issued, LocalDate due, String amount) {
		Invoice invoice = Invoices.anInvoice(client, debtor)
			.issued(issued)
			.due(due)
			.amount(amount)
			.fundedOn(issued)
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

}
