package com.factordesk.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.risk.internal.RescoreRequested;
import com.factordesk.IntegrationTest;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.debtor.BureauScore;
import com.factordesk.debtor.BureauScoreRepository;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-score after commit survives a crash: the request is recorded in the event
 * publication registry by the transaction that changed the debtor, completed once the
 * debtor is re-scored, and one left incomplete is run again.
 */
@IntegrationTest
class EventPublicationRegistryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String OF_DEBTOR = """
			SELECT id FROM event_publication
			WHERE event_type = ? AND CAST(serialized_event AS jsonb) -> 'debtorIds' @> CAST(? AS jsonb)
			""";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	private EventRescoring rescoring;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private BureauScoreRepository bureauScores;

	@Autowired
	private IncompleteEventPublications incomplete;

	private final List<UUID> created = new ArrayList<>();

	@BeforeEach
	void noRescoreOfAnEarlierTestIsStillRunning() {
		this.rescoring.awaitRescores(WAIT);
	}

	@AfterEach
	void removeThePublicationsOfThisTest() {
		this.rescoring.awaitRescores(WAIT);
		this.created.forEach((id) -> this.jdbc.update("DELETE FROM event_publication WHERE id = ?", id));
	}

	@Test
	void aChangeRecordsItsRescoreInItsOwnTransactionAndTheRescoreCompletesIt() {
		long debtorId = debtorGraded(5);
		List<UUID> before = publicationsOf(debtorId);
		AtomicLong seenInTransaction = new AtomicLong(-1);

		this.transactions.executeWithoutResult((status) -> {
			Debtor debtor = this.debtors.findById(debtorId).orElseThrow();
			this.bureauScores.save(new BureauScore(debtor, BureauProvider.GRAYDON, 3, LocalDate.now(this.clock)));
			this.bureauScores.save(new BureauScore(debtor, BureauProvider.PAYDEX, 4, LocalDate.now(this.clock)));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCompletion() {
					// after the request was published, before the commit: on the
					// transaction's own connection
					seenInTransaction.set(publicationsOf(debtorId).size() - before.size());
				}
			});
		});
		this.rescoring.awaitRescores(WAIT);

		List<UUID> after = new ArrayList<>(publicationsOf(debtorId));
		after.removeAll(before);
		this.created.addAll(after);
		assertThat(seenInTransaction).as("recorded in the changing transaction").hasValue(1);
		assertThat(after).as("one publication for the two changes").hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT completion_date IS NOT NULL FROM event_publication WHERE id = ?",
				Boolean.class, after.get(0)))
			.as("completed once re-scored")
			.isTrue();
	}

	@Test
	void aChangeThatRollsBackRecordsNothing() {
		long debtorId = debtorGraded(6);
		List<UUID> before = publicationsOf(debtorId);

		this.transactions.executeWithoutResult((status) -> {
			Debtor debtor = this.debtors.findById(debtorId).orElseThrow();
			this.bureauScores
				.saveAndFlush(new BureauScore(debtor, BureauProvider.GRAYDON, 2, LocalDate.now(this.clock)));
			status.setRollbackOnly();
		});

		assertThat(publicationsOf(debtorId)).isEqualTo(before);
	}

	@Test
	void anIncompletePublicationIsRunAgain() {
		long debtorId = debtorGraded(7);
		UUID left = UUID.randomUUID();
		this.created.add(left);
		// as a crash leaves it: recorded by a committed change, never completed
		this.jdbc.update("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				                               completion_attempts)
				VALUES (?, ?, ?, ?, ?, 'PUBLISHED', 1)
				""", left, listenerId(), RescoreRequested.class.getName(),
				"{\"debtorIds\": [" + debtorId + "], \"invoiceIds\": [], \"causes\": [\"bureau score recorded\"]}",
				java.sql.Timestamp.from(this.clock.instant()));
		long eventsBefore = eventSnapshots(debtorId);

		this.incomplete.resubmitIncompletePublications((publication) -> publication.getIdentifier().equals(left));
		this.rescoring.awaitRescores(WAIT);

		assertThat(eventSnapshots(debtorId)).isEqualTo(eventsBefore + 1);
		assertThat(this.jdbc.queryForObject("SELECT completion_date IS NOT NULL FROM event_publication WHERE id = ?",
				Boolean.class, left))
			.isTrue();
	}

	private String listenerId() {
		// the registry names a listener by its method
		return EventRescoring.class.getName() + ".rescore(" + RescoreRequested.class.getName() + ")";
	}

	private List<UUID> publicationsOf(long debtorId) {
		return this.jdbc.queryForList(OF_DEBTOR, UUID.class, RescoreRequested.class.getName(), "[" + debtorId + "]");
	}

	private long debtorGraded(int offset) {
		return this.jdbc.queryForObject("""
				SELECT d.id FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE r.grade = 'C' ORDER BY d.id LIMIT 1 OFFSET ?
				""", Long.class, offset);
	}

	private long eventSnapshots(long debtorId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM risk_score WHERE debtor_id = ? AND trigger = 'EVENT'",
				Long.class, debtorId);
	}

}
