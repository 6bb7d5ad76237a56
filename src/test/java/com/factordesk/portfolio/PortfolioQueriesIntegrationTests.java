package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.IntegrationTest;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio figures come from SQL: adding known invoices to the demo portfolio moves
 * each figure by exactly what those invoices should add, as of today and as of an earlier
 * date.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "MANAGER")
class PortfolioQueriesIntegrationTests {

	@Autowired
	private PortfolioQueries queries;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	private LocalDate today;

	private long clientId;

	private long debtorId;

	@BeforeEach
	void createClientAndDebtor() {
		this.today = LocalDate.now(this.clock);
		this.clientId = this.jdbc.queryForObject("""
				INSERT INTO client (ref, legal_name, registration_number, country, industry, onboarded_on)
				VALUES ('PQ-C1', 'Aging Test B.V.', 'PQ-REG-C1', 'NL', 'metal', DATE '2024-01-01') RETURNING id
				""", Long.class);
		this.debtorId = this.jdbc.queryForObject("""
				INSERT INTO debtor (ref, name, registration_number, country, industry, credit_limit)
				VALUES ('PQ-D1', 'Biggest Buyer AG', 'PQ-REG-D1', 'DE', 'wholesale', 1000000.00) RETURNING id
				""", Long.class);
	}

	@Test
	void openInvoicesLandInTheirAgingBucketsNetOfPaymentsAndCredits() {
		PortfolioOverview before = this.queries.overview(this.today, 10);
		// 45 days past due, 400 paid ten days ago and 100 credited: 500 open in 31-60
		long late = invoice("PQ-1", this.today.minusDays(75), this.today.minusDays(45), "1000.00", "FUNDED", null);
		pay(late, this.today.minusDays(10), "400.00");
		credit(late, this.today.minusDays(5), "100.00");
		// not yet due: 2,500,000 current, making this debtor the largest
		invoice("PQ-2", this.today.minusDays(5), this.today.plusDays(25), "2500000.00", "FUNDED", null);
		// paid in full and closed: not open
		long paid = invoice("PQ-3", this.today.minusDays(60), this.today.minusDays(30), "700.00", "PAID",
				this.today.minusDays(31));
		pay(paid, this.today.minusDays(31), "700.00");
		// submitted, not funded: not ours yet
		invoice("PQ-4", this.today.minusDays(3), this.today.plusDays(27), "900.00", "SUBMITTED", null);

		PortfolioOverview after = this.queries.overview(this.today, 10);

		assertThat(after.openAr().minus(before.openAr())).isEqualTo(Money.of("2500500.00"));
		assertThat(after.openInvoices() - before.openInvoices()).isEqualTo(2);
		assertThat(after.clients() - before.clients()).isEqualTo(1);
		Map<String, AgingBucket> was = byBucket(before);
		Map<String, AgingBucket> now = byBucket(after);
		assertThat(now.get("31-60").count() - was.get("31-60").count()).isEqualTo(1);
		assertThat(now.get("31-60").amount().minus(was.get("31-60").amount())).isEqualTo(Money.of("500.00"));
		assertThat(now.get("current").amount().minus(was.get("current").amount())).isEqualTo(Money.of("2500000.00"));
		assertThat(after.aging().stream().map(AgingBucket::amount).reduce(Money.ZERO, Money::plus))
			.isEqualTo(after.openAr());
		assertThat(after.topDebtors()).hasSize(10).first().satisfies((top) -> {
			assertThat(top.ref()).isEqualTo("PQ-D1");
			assertThat(top.openAmount()).isEqualTo(Money.of("2500500.00"));
			assertThat(top.pastDueAmount()).isEqualTo(Money.of("500.00"));
			assertThat(top.overLimit()).isTrue();
			assertThat(top.share()).isEqualByComparingTo(
					new BigDecimal("2500500.00").divide(after.openAr().amount(), 6, java.math.RoundingMode.HALF_EVEN));
		});
	}

	@Test
	void asOfAnEarlierDateOnlyWhatWasKnownThenCounts() {
		long late = invoice("PQ-5", this.today.minusDays(75), this.today.minusDays(45), "1000.00", "FUNDED", null);
		pay(late, this.today.minusDays(10), "400.00");
		invoice("PQ-6", this.today.minusDays(5), this.today.plusDays(25), "800.00", "FUNDED", null);
		LocalDate earlier = this.today.minusDays(20);

		PortfolioOverview asOf = this.queries.overview(earlier, 10);
		PortfolioOverview withoutThem = withoutTestInvoices(earlier);

		// 20 days ago: 25 days past due, the payment not yet received, the second invoice
		// not yet issued
		assertThat(asOf.openAr().minus(withoutThem.openAr())).isEqualTo(Money.of("1000.00"));
		assertThat(byBucket(asOf).get("1-30").amount().minus(byBucket(withoutThem).get("1-30").amount()))
			.isEqualTo(Money.of("1000.00"));
	}

	private PortfolioOverview withoutTestInvoices(LocalDate asOf) {
		this.jdbc.update("UPDATE invoice SET funded_on = NULL WHERE client_id = ?", this.clientId);
		PortfolioOverview overview = this.queries.overview(asOf, 10);
		this.jdbc.update("UPDATE invoice SET funded_on = issue_date WHERE client_id = ?", this.clientId);
		return overview;
	}

	private static Map<String, AgingBucket> byBucket(PortfolioOverview overview) {
		return overview.aging().stream().collect(Collectors.toMap(AgingBucket::bucket, Function.identity()));
	}

	private long invoice(String number, LocalDate issued, LocalDate due, String amount, String status,
			LocalDate closedOn) {
		boolean funded = !status.equals("SUBMITTED");
		return this.jdbc.queryForObject("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at,
				                     funded_on, closed_on)
				VALUES (?, ?, ?, ?, ?, ?, ?, now(), ?, ?) RETURNING id
				""", Long.class, this.clientId, this.debtorId, number, issued, due, new BigDecimal(amount), status,
				funded ? issued : null, closedOn);
	}

	private void pay(long invoiceId, LocalDate on, String amount) {
		long paymentId = this.jdbc.queryForObject(
				"INSERT INTO payment (debtor_id, received_on, amount, reference) VALUES (?, ?, ?, ?) RETURNING id",
				Long.class, this.debtorId, on, new BigDecimal(amount), "PQ-PAY-" + invoiceId);
		this.jdbc.update(
				"INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on) VALUES (?, ?, ?, ?)",
				paymentId, invoiceId, new BigDecimal(amount), on);
	}

	private void credit(long invoiceId, LocalDate on, String amount) {
		this.jdbc.update("INSERT INTO credit_note (invoice_id, issued_on, amount, reason) VALUES (?, ?, ?, 'price')",
				invoiceId, on, new BigDecimal(amount));
	}

}
