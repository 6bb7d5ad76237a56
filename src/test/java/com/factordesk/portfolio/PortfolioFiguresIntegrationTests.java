package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headline figures against hand-computed fixtures on a client of the test's own (the
 * client scope keeps the demo book out), with the arithmetic written out beside each.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "MANAGER")
class PortfolioFiguresIntegrationTests {

	@Autowired
	private PortfolioFigures figures;

	@Autowired
	private EntityManager entities;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void createClientAndDebtor() {
		this.client = Clients.aClient().named("Figures Test B.V.").industry("metal").build();
		this.debtor = Debtors.aDebtor().named("Figures Buyer AG").creditLimit("1000000.00").build();
		this.entities.persist(this.client);
		this.entities.persist(this.debtor);
	}

	@Test
	void countbackDsoOfTheTextbookCaseWithCalendarMonths() {
		// sales: April 70,000, May 80,000, June 100,000; of April's 38,000 is paid by
		// 2026-06-29
		Invoice april = funded(day("2026-04-15"), day("2026-05-15"), "70000.00");
		funded(day("2026-05-15"), day("2026-06-14"), "80000.00");
		funded(day("2026-06-10"), day("2026-07-10"), "100000.00");
		pay(april, day("2026-05-20"), "38000.00");
		this.entities.flush();

		DsoFigures june = this.figures.figures(scope(day("2026-06-29")), 90);

		// open AR = 32,000 + 80,000 + 100,000 = 212,000
		assertThat(june.openAr()).isEqualTo(Money.of("212000.00"));
		// June 1-29 (29 days) takes 100,000 -> 112,000 left; May (31 days) takes 80,000
		// ->
		// 32,000 left; April: 32,000 / 70,000 x 30 = 13.714; 29 + 31 + 13.714 = 73.71
		assertThat(june.countbackDso()).isEqualByComparingTo("73.71");
		// the 90 days ending 2026-06-29 run from 2026-04-01: sales 250,000;
		// standard DSO = 212,000 / 250,000 x 90 = 76.32
		assertThat(june.sales90()).isEqualTo(Money.of("250000.00"));
		assertThat(june.dso90()).isEqualByComparingTo("76.32");
	}

	@Test
	void countbackDsoAsOfAMonthEnd() {
		// September 70,000 (38,000 paid), October 80,000, November 100,000
		Invoice september = funded(day("2026-09-15"), day("2026-10-15"), "70000.00");
		funded(day("2026-10-15"), day("2026-12-14"), "80000.00");
		funded(day("2026-11-10"), day("2026-12-10"), "100000.00");
		pay(september, day("2026-10-01"), "38000.00");
		this.entities.flush();

		Headline november = this.figures.headline(scope(day("2026-11-30")));

		// November (30 days, the month end is in it) takes 100,000 -> 112,000 left;
		// October
		// (31 days) 80,000 -> 32,000 left; September: 32,000 / 70,000 x 30 = 13.714;
		// 30 + 31 + 13.714 = 74.71
		assertThat(november.openAr()).isEqualTo(Money.of("212000.00"));
		assertThat(november.dsoCountback()).isEqualByComparingTo("74.71");
	}

	private PortfolioScope scope(LocalDate asOf) {
		return new PortfolioScope(asOf, this.client.getId(), this.client.getRef(), this.client.getLegalName(), null,
				null, null);
	}

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

	/**
	 * An invoice approved on its issue date and funded the same day.
	 */
	private Invoice funded(LocalDate issued, LocalDate due, String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.issued(issued)
			.due(due)
			.amount(amount)
			.fundedOn(issued)
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Invoice invoice, LocalDate on, String amount) {
		Payment payment = new Payment(this.debtor, on, Money.of(amount), "PAY-" + invoice.getNumber());
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(on));
		this.entities.persist(payment);
	}

	@SuppressWarnings("unused")
	private static BigDecimal decimal(String value) {
		return new BigDecimal(value);
	}

}
