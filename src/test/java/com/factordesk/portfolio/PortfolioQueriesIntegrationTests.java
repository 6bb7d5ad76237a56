package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
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
	private PortfolioFigures figures;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private Clock clock;

	private LocalDate today;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void createClientAndDebtor() {
		this.today = LocalDate.now(this.clock);
		this.client = Clients.aClient().named("Aging Test B.V.").industry("metal").build();
		this.debtor = Debtors.aDebtor().named("Biggest Buyer AG").creditLimit("1000000.00").build();
		this.entities.persist(this.client);
		this.entities.persist(this.debtor);
	}

	@Test
	void openInvoicesLandInTheirAgingBucketsNetOfPaymentsAndCredits() {
		DsoFigures before = this.figures.figures(PortfolioScope.portfolio(this.today), PortfolioFigures.DEFAULT_WINDOW);
		// 45 days past due, 400 paid ten days ago and 100 credited: 500 open in 31-60
		Invoice late = funded(this.today.minusDays(75), this.today.minusDays(45), "1000.00");
		pay(late, this.today.minusDays(10), "400.00");
		credit(late, this.today.minusDays(5), "100.00");
		// not yet due: 2,500,000 current, making this debtor the largest
		funded(this.today.minusDays(5), this.today.plusDays(25), "2500000.00");
		// paid in full and closed: not open
		Invoice paid = funded(this.today.minusDays(60), this.today.minusDays(30), "700.00");
		pay(paid, this.today.minusDays(31), "700.00");
		// submitted, not funded: not ours yet
		save(Invoices.anInvoice(this.client, this.debtor)
			.issued(this.today.minusDays(3))
			.due(this.today.plusDays(27))
			.amount("900.00")
			.build());

		this.entities.flush();
		assertThat(paid.getStatus()).isEqualTo(InvoiceStatus.PAID);
		DsoFigures after = this.figures.figures(PortfolioScope.portfolio(this.today), PortfolioFigures.DEFAULT_WINDOW);

		assertThat(after.openAr().minus(before.openAr())).isEqualTo(Money.of("2500500.00"));
		assertThat(after.openInvoices() - before.openInvoices()).isEqualTo(2);
		assertThat(after.clients() - before.clients()).isEqualTo(1);
		Map<String, AgingBucket> was = byBucket(before);
		Map<String, AgingBucket> now = byBucket(after);
		assertThat(now.get("31-60").count() - was.get("31-60").count()).isEqualTo(1);
		assertThat(now.get("31-60").amount().minus(was.get("31-60").amount())).isEqualTo(Money.of("500.00"));
		assertThat(now.get("current").amount().minus(was.get("current").amount())).isEqualTo(Money.of("2500000.00"));
		assertThat(after.agingByDue().stream().map(AgingBucket::amount).reduce(Money.ZERO, Money::plus))
			.isEqualTo(after.openAr());
	}

	@Test
	void asOfAnEarlierDateOnlyWhatWasKnownThenCounts() {
		Invoice late = funded(this.today.minusDays(75), this.today.minusDays(45), "1000.00");
		pay(late, this.today.minusDays(10), "400.00");
		funded(this.today.minusDays(5), this.today.plusDays(25), "800.00");
		this.entities.flush();
		LocalDate earlier = this.today.minusDays(20);

		DsoFigures asOf = this.figures.figures(PortfolioScope.portfolio(earlier), PortfolioFigures.DEFAULT_WINDOW);
		DsoFigures withoutThem = withoutTestInvoices(earlier);

		// 20 days ago: 25 days past due, the payment not yet received, the second invoice
		// not yet issued
		assertThat(asOf.openAr().minus(withoutThem.openAr())).isEqualTo(Money.of("1000.00"));
		assertThat(byBucket(asOf).get("1-30").amount().minus(byBucket(withoutThem).get("1-30").amount()))
			.isEqualTo(Money.of("1000.00"));
	}

	private DsoFigures withoutTestInvoices(LocalDate asOf) {
		this.jdbc.update("UPDATE invoice SET funded_on = NULL WHERE client_id = ?", this.client.getId());
		DsoFigures overview = this.figures.figures(PortfolioScope.portfolio(asOf), PortfolioFigures.DEFAULT_WINDOW);
		this.jdbc.update("UPDATE invoice SET funded_on = issue_date WHERE client_id = ?", this.client.getId());
		return overview;
	}

	private static Map<String, AgingBucket> byBucket(DsoFigures overview) {
		return overview.agingByDue().stream().collect(Collectors.toMap(AgingBucket::bucket, Function.identity()));
	}

	/**
	 * An invoice approved on its issue date and funded the same day.
	 */
	private Invoice funded(LocalDate issued, LocalDate due, String amount) {
		return save(Invoices.anInvoice(this.client, this.debtor)
			.issued(issued)
			.due(due)
			.amount(amount)
			.fundedOn(issued)
			.build());
	}

	private Invoice save(Invoice invoice) {
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Invoice invoice, LocalDate on, String amount) {
		Payment payment = new Payment(this.debtor, on, Money.of(amount), "PAY-" + invoice.getNumber());
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(on));
		this.entities.persist(payment);
	}

	private void credit(Invoice invoice, LocalDate on, String amount) {
		invoice.credit(Money.of(amount), null, on, "price", "underwriter", Invoices.on(on));
	}

}
