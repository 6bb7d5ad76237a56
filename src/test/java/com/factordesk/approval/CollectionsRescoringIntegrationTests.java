package com.factordesk.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.debtor.BureauScore;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispute opened in collections is a fact like any other: through the invoice's own
 * verb it announces that the debtor's inputs changed ({@code DebtorInputsListener}), and
 * once it commits the debtor is re-scored with one more open dispute. Committed data of
 * the test's own, removed afterwards.
 */
@IntegrationTest
class CollectionsRescoringIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private CollectionActions actions;

	@Autowired
	private RiskScoring scoring;

	@Autowired
	private EventRescoring rescoring;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	private long clientId;

	private long debtorId;

	@Test
	void aDisputeOpenedInCollectionsRescoresTheDebtorWithOneMoreOpenDispute() {
		LocalDate today = LocalDate.now(this.clock);
		long[] ids = new long[1];
		String[] debtorRef = new String[1];
		this.transactions.executeWithoutResult((status) -> {
			Client client = Clients.aClient().build();
			Debtor debtor = Debtors.aDebtor().build();
			this.entities.persist(client);
			this.entities.persist(debtor);
			this.entities.persist(new BureauScore(debtor, BureauProvider.GRAYDON, 80, today.minusDays(10)));
			Invoice invoice = Invoices.anInvoice(client, debtor)
				.issued(LocalDate.of(2026, 9, 1))
				.due(LocalDate.of(2026, 10, 1))
				.amount("1000.00")
				.fundedOn(LocalDate.of(2026, 9, 3))
				.build();
			this.entities.persist(invoice);
			this.entities.flush();
			this.clientId = client.getId();
			this.debtorId = debtor.getId();
			debtorRef[0] = debtor.getRef();
			ids[0] = invoice.getId();
		});
		this.rescoring.awaitRescores(WAIT);
		this.scoring.rescore(this.debtorId, ScoreTrigger.MANUAL);
		long before = currentSnapshot();
		assertThat(openDisputes(before)).isZero();

		CommittedBook.as("underwriter");
		this.actions.openDispute(new CollectionActions.OpenDispute(debtorRef[0], ids[0], DisputeReason.QUALITY,
				Money.of("300.00"), LocalDate.of(2026, 11, 20)));
		this.rescoring.awaitRescores(WAIT);

		long after = currentSnapshot();
		assertThat(after).as("a new snapshot after the dispute").isGreaterThan(before);
		assertThat(this.jdbc.queryForObject("SELECT trigger FROM risk_score WHERE id = ?", String.class, after))
			.isEqualTo("EVENT");
		assertThat(openDisputes(after)).isOne();
		assertThat(this.jdbc.queryForObject(
				"SELECT CAST(inputs -> 'disputes' -> 'openAmount' ->> 'amount' AS numeric) FROM risk_score WHERE id = ?",
				java.math.BigDecimal.class, after))
			.isEqualByComparingTo("300.00");
	}

	@AfterEach
	void removeWhatTheTestMade() {
		SecurityContextHolder.clearContext();
		if (this.debtorId == 0) {
			return;
		}
		this.rescoring.awaitRescores(WAIT);
		this.transactions.executeWithoutResult((status) -> {
			String invoices = "(SELECT id FROM invoice WHERE client_id = ?)";
			this.jdbc.update("DELETE FROM dispute WHERE invoice_id IN " + invoices, this.clientId);
			this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id IN " + invoices, this.clientId);
			this.jdbc.update("DELETE FROM invoice WHERE client_id = ?", this.clientId);
			CommittedBook.removeOpenBooks(this.jdbc, this.clientId);
			this.jdbc.update("DELETE FROM facility_exposure WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM facility WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM client WHERE id = ?", this.clientId);
			this.jdbc.update("DELETE FROM debtor_exposure WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("UPDATE debtor SET current_risk_score_id = NULL WHERE id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM risk_score WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM bureau_score WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM debtor WHERE id = ?", this.debtorId);
		});
	}

	private long currentSnapshot() {
		return this.jdbc.queryForObject("SELECT current_risk_score_id FROM debtor WHERE id = ?", Long.class,
				this.debtorId);
	}

	private int openDisputes(long snapshotId) {
		return this.jdbc.queryForObject(
				"SELECT CAST(inputs -> 'disputes' ->> 'openCount' AS integer) FROM risk_score WHERE id = ?",
				Integer.class, snapshotId);
	}

}
