package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.SqlStatementCounter;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a payment and settling the invoice it pays touch a bounded number of rows
 * whatever the book's size (issue 10): applying a receipt that pays an invoice in full
 * sends as many SQL statements for a debtor with a long history across the demo book as
 * for one with a short one. Rolled back.
 */
@IntegrationTest
@Import(SqlStatementCounter.class)
// the same context as PageStatementsIntegrationTests (the counter wraps its DataSource)
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@Transactional
@WithMockUser(username = "uw.cash", roles = "UNDERWRITER")
class CashApplicationStatementsIntegrationTests {

	@Autowired
	private CashApplication cashApplication;

	@Autowired
	private SqlStatementCounter counter;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private Clock clock;

	@Test
	void applyingAndSettlingSendAsManyStatementsForALongHistoryAsForAShortOne() throws Exception {
		// funded invoices nothing was paid or credited on yet, of debtors and clients
		// with
		// no held approval (those would be re-checked), by how many paid invoices the
		// debtor
		// has across all clients
		List<Long> candidates = this.jdbc.queryForList("""
				SELECT i.id FROM invoice i
				WHERE i.status = 'FUNDED'
				  AND NOT EXISTS (SELECT 1 FROM credit_note n WHERE n.invoice_id = i.id)
				  AND NOT EXISTS (SELECT 1 FROM invoice h
				                  WHERE h.status = 'HELD' AND (h.debtor_id = i.debtor_id OR h.client_id = i.client_id))
				ORDER BY (SELECT COUNT(*) FROM invoice p WHERE p.debtor_id = i.debtor_id AND p.status = 'PAID') DESC,
				         i.id
				""", Long.class);
		long longHistory = candidates.get(0);
		long shortHistory = candidates.get(candidates.size() - 1);
		assertThat(paidInvoicesOfTheDebtor(longHistory)).isGreaterThan(10 * paidInvoicesOfTheDebtor(shortHistory) + 10);

		int forLongHistory = statementsToPayInFull(longHistory);
		int forShortHistory = statementsToPayInFull(shortHistory);

		assertThat(forLongHistory).isEqualTo(forShortHistory);
		// 26 now: the receipt, the invoice with its allocations, credit notes, disputes
		// and transitions, its advance, the exposure rows locked and written, the held
		// approvals looked for, the settlement with its ledger entry, the decision, the
		// event record, the audit entry
		assertThat(forLongHistory).isLessThanOrEqualTo(26);
	}

	private int statementsToPayInFull(long invoiceId) throws Exception {
		Invoice invoice = this.entities.find(Invoice.class, invoiceId);
		Debtor debtor = invoice.getDebtor();
		Money face = invoice.getAmount();
		Payment receipt = Payment.receive(debtor, LocalDate.now(this.clock), face, "STMT-" + invoiceId,
				debtor.getName(), null, invoice.getNumber(), PaymentSource.MANUAL, null, "uw.cash", this.clock);
		this.entities.persist(receipt);
		this.entities.flush();
		this.entities.clear();
		int statements = this.counter.statementsOf(() -> {
			this.cashApplication.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoiceId, face)));
			this.entities.flush();
		}).size();
		this.entities.clear();
		assertThat(this.entities.find(Invoice.class, invoiceId).getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM settlement WHERE invoice_id = ? AND kind = 'PAID' AND reversed_on IS NULL",
				Long.class, invoiceId))
			.isEqualTo(1L);
		System.out.printf("paying invoice %d in full: %d statements%n", invoiceId, statements);
		return statements;
	}

	private long paidInvoicesOfTheDebtor(long invoiceId) {
		return this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice p
				WHERE p.status = 'PAID' AND p.debtor_id = (SELECT debtor_id FROM invoice WHERE id = ?)
				""", Long.class, invoiceId);
	}

}
