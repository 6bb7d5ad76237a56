package com.factordesk.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.IntegrationTest;
import com.factordesk.approval.CommittedBook;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.debtor.BureauScore;
import com.factordesk.debtor.BureauScoreRepository;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentRepository;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change to a debtor's inputs re-scores it at once: a new snapshot becomes its current
 * score.
 */
@IntegrationTest
class EventRescoringIntegrationTests {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private EventRescoring rescoring;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private BureauScoreRepository bureauScores;

	@Autowired
	private InvoiceRepository invoices;

	@Autowired
	private PaymentRepository payments;

	@Autowired
	private EntityManager entities;

	@Autowired
	private RiskScoring scoring;

	@BeforeEach
	void noRescoreOfAnEarlierTestIsStillRunning() {
		this.rescoring.awaitRescores(WAIT);
	}

	@Test
	void aNewBureauScoreRescoresTheDebtor() {
		long debtorId = this.jdbc.queryForObject("""
				SELECT d.id FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.grade IN ('A', 'B') ORDER BY d.id DESC LIMIT 1
				""", Long.class);
		long before = currentSnapshot(debtorId);
		this.jdbc.update("INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES (?, 'GRAYDON', 2, ?)",
				debtorId, LocalDate.now(this.clock));

		this.events.publishEvent(new DebtorInputsChanged(debtorId, "bureau score recorded"));
		this.rescoring.awaitRescores(WAIT);

		long after = currentSnapshot(debtorId);
		assertThat(after).isGreaterThan(before);
		assertThat(this.jdbc.queryForObject("SELECT trigger FROM risk_score WHERE id = ?", String.class, after))
			.isEqualTo("EVENT");
		assertThat(this.jdbc.queryForObject("SELECT score FROM risk_score WHERE id = ?", java.math.BigDecimal.class,
				after))
			.isLessThan(this.jdbc.queryForObject("SELECT score FROM risk_score WHERE id = ?",
					java.math.BigDecimal.class, before));
		assertThat(this.jdbc.queryForObject("SELECT reasons::text FROM risk_score WHERE id = ?", String.class, after))
			.contains("bureau score 2 (GRAYDON");
	}

	@Test
	void savingABureauScoreThroughAnyServiceRescoresTheDebtorOnceAfterCommit() {
		long debtorId = debtorGraded("A", 1);
		long before = currentSnapshot(debtorId);
		long eventsBefore = eventSnapshots(debtorId);

		this.transactions.executeWithoutResult((status) -> {
			Debtor debtor = this.debtors.findById(debtorId).orElseThrow();
			this.bureauScores.save(new BureauScore(debtor, BureauProvider.GRAYDON, 3, LocalDate.now(this.clock)));
			this.bureauScores.save(new BureauScore(debtor, BureauProvider.PAYDEX, 4, LocalDate.now(this.clock)));
			this.bureauScores.flush();
			assertThat(currentSnapshot(debtorId)).as("not re-scored before the change commits").isEqualTo(before);
		});
		this.rescoring.awaitRescores(WAIT);

		assertThat(eventSnapshots(debtorId)).as("one re-score for the two bureau scores").isEqualTo(eventsBefore + 1);
		long after = currentSnapshot(debtorId);
		assertThat(after).isGreaterThan(before);
		assertThat(this.jdbc.queryForObject("SELECT reasons::text FROM risk_score WHERE id = ?", String.class, after))
			.contains("bureau score 3 (GRAYDON")
			.contains("bureau score 4 (PAYDEX");
	}

	@Test
	void aChangeThatRollsBackRescoresNothing() {
		long debtorId = debtorGraded("B", 2);
		long eventsBefore = eventSnapshots(debtorId);

		this.transactions.executeWithoutResult((status) -> {
			Debtor debtor = this.debtors.findById(debtorId).orElseThrow();
			this.bureauScores
				.saveAndFlush(new BureauScore(debtor, BureauProvider.GRAYDON, 1, LocalDate.now(this.clock)));
			status.setRollbackOnly();
		});
		this.rescoring.awaitRescores(WAIT);

		assertThat(eventSnapshots(debtorId)).isEqualTo(eventsBefore);
	}

	@Test
	void aChangeCommittedInANestedTransactionIsRescoredEvenWhenTheOuterOneRollsBack() {
		long debtorId = debtorGraded("B", 3);
		long outerDebtorId = debtorGraded("B", 4);
		long eventsBefore = eventSnapshots(debtorId);
		long outerEventsBefore = eventSnapshots(outerDebtorId);
		TransactionTemplate inner = new TransactionTemplate(this.transactions.getTransactionManager());
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		this.transactions.executeWithoutResult((outer) -> {
			Debtor outerDebtor = this.debtors.findById(outerDebtorId).orElseThrow();
			this.bureauScores
				.saveAndFlush(new BureauScore(outerDebtor, BureauProvider.GRAYDON, 6, LocalDate.now(this.clock)));
			inner.executeWithoutResult((status) -> {
				Debtor debtor = this.debtors.findById(debtorId).orElseThrow();
				this.bureauScores.save(new BureauScore(debtor, BureauProvider.GRAYDON, 5, LocalDate.now(this.clock)));
			});
			outer.setRollbackOnly();
		});
		this.rescoring.awaitRescores(WAIT);

		assertThat(eventSnapshots(debtorId)).isEqualTo(eventsBefore + 1);
		assertThat(eventSnapshots(outerDebtorId)).as("the rolled-back outer change").isEqualTo(outerEventsBefore);
	}

	/**
	 * On a client, a debtor and an invoice of its own, committed and removed afterwards:
	 * a payment committed on one of the demo book's invoices would stay there (the
	 * invoice paid, its debtor's and client's exposure rows still holding its advance).
	 */
	@Test
	void aPaymentAppliedToAnOpenInvoiceRescoresItsDebtor() {
		LocalDate today = LocalDate.now(this.clock);
		long[] ids = new long[3];
		this.transactions.executeWithoutResult((status) -> {
			Client client = Clients.aClient().named("Rescoring Test B.V.").build();
			Debtor debtor = Debtors.aDebtor().named("Rescoring Buyer GmbH").creditLimit("100000.00").build();
			this.entities.persist(client);
			this.entities.persist(debtor);
			// 5,000.00 funded 60 days ago and due 31 days ago, nothing received
			Invoice invoice = Invoices.anInvoice(client, debtor)
				.issued(today.minusDays(60))
				.due(today.minusDays(31))
				.amount("5000.00")
				.fundedOn(today.minusDays(60))
				.build();
			this.entities.persist(invoice);
			this.entities.flush();
			ids[0] = client.getId();
			ids[1] = debtor.getId();
			ids[2] = invoice.getId();
		});
		long debtorId = ids[1];
		try {
			this.scoring.rescore(debtorId, ScoreTrigger.MANUAL);
			this.rescoring.awaitRescores(WAIT);
			long eventsBefore = eventSnapshots(debtorId);
			assertThat(openItems(currentSnapshot(debtorId))).as("the invoice is open").isEqualTo(1);

			this.transactions.executeWithoutResult((status) -> {
				Invoice invoice = this.invoices.findById(ids[2]).orElseThrow();
				Payment payment = new Payment(invoice.getDebtor(), today, invoice.getAmount(),
						"TEST-PAYMENT-" + ids[2]);
				payment.applyTo(invoice, invoice.getAmount(), "underwriter", this.clock);
				this.payments.save(payment);
			});
			this.rescoring.awaitRescores(WAIT);

			assertThat(eventSnapshots(debtorId)).isEqualTo(eventsBefore + 1);
			assertThat(openItems(currentSnapshot(debtorId))).as("the paid invoice is no longer open").isZero();
		}
		finally {
			remove(ids[0], debtorId);
		}
	}

	private void remove(long clientId, long debtorId) {
		this.rescoring.awaitRescores(WAIT);
		this.transactions.executeWithoutResult((status) -> {
			String invoices = "(SELECT id FROM invoice WHERE client_id = ?)";
			this.jdbc.update("DELETE FROM payment_allocation WHERE invoice_id IN " + invoices, clientId);
			this.jdbc.update("DELETE FROM payment WHERE debtor_id = ?", debtorId);
			this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id IN " + invoices, clientId);
			this.jdbc.update("DELETE FROM invoice WHERE client_id = ?", clientId);
			CommittedBook.removeOpenBooks(this.jdbc, clientId);
			this.jdbc.update("DELETE FROM facility WHERE client_id = ?", clientId);
			this.jdbc.update("DELETE FROM client WHERE id = ?", clientId);
			this.jdbc.update("UPDATE debtor SET current_risk_score_id = NULL WHERE id = ?", debtorId);
			this.jdbc.update("DELETE FROM risk_score WHERE debtor_id = ?", debtorId);
			this.jdbc.update("DELETE FROM debtor WHERE id = ?", debtorId);
			this.jdbc.update("DELETE FROM portfolio_book_change WHERE client_id = ? OR debtor_id = ?", clientId,
					debtorId);
		});
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE client_id = ?", Long.class, clientId))
			.isZero();
	}

	private int openItems(long snapshotId) {
		return this.jdbc.queryForObject(
				"SELECT CAST(inputs -> 'openItems' ->> 'count' AS integer) FROM risk_score WHERE id = ?", Integer.class,
				snapshotId);
	}

	private long debtorGraded(String grade, int offset) {
		return this.jdbc.queryForObject("""
				SELECT d.id FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.grade = ? ORDER BY d.id LIMIT 1 OFFSET ?
				""", Long.class, grade, offset);
	}

	private long eventSnapshots(long debtorId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM risk_score WHERE debtor_id = ? AND trigger = 'EVENT'",
				Long.class, debtorId);
	}

	private long currentSnapshot(long debtorId) {
		return this.jdbc.queryForObject("SELECT current_risk_score_id FROM debtor WHERE id = ?", Long.class, debtorId);
	}

}
