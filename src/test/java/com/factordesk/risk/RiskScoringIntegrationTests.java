package com.factordesk.risk;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import com.factordesk.risk.internal.RiskInputsQuery;
import com.factordesk.risk.internal.RiskScheduling;
import com.factordesk.risk.internal.ScoringModels;
import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring on the demo portfolio: every debtor gets a stored, explainable snapshot, and a
 * score as of a past date uses only what was known on that date.
 */
@IntegrationTest
class RiskScoringIntegrationTests {

	@Autowired
	private RiskScoring scoring;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RiskInputsQuery inputs;

	@Autowired
	private Clock clock;

	@Autowired
	private ScoringModels models;

	@Test
	void manyDebtorsReScoredInOnePassScoreAsEachReScoredAlone() {
		java.util.List<Long> ids = this.jdbc.queryForList("""
				SELECT DISTINCT ON (r.grade) d.id FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
				WHERE EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = d.id) ORDER BY r.grade, d.id LIMIT 3
				""", Long.class);
		assertThat(ids).hasSize(3);
		Map<Long, Long> current = new java.util.HashMap<>();
		ids.forEach((id) -> current.put(id,
				this.jdbc.queryForObject("SELECT current_risk_score_id FROM debtor WHERE id = ?", Long.class, id)));
		long newestBefore = this.jdbc.queryForObject("SELECT MAX(id) FROM risk_score", Long.class);
		try {
			ids.forEach((id) -> this.scoring.rescore(id, ScoreTrigger.EVENT));
			Map<Long, String> alone = newestSnapshots(ids);

			java.util.List<Long> withAnUnknown = new java.util.ArrayList<>(ids);
			withAnUnknown.add(999_999_999L);
			assertThat(this.scoring.rescoreMany(withAnUnknown, ScoreTrigger.EVENT)).isEqualTo(3);

			Map<Long, String> together = newestSnapshots(ids);
			assertThat(together).isEqualTo(alone);
			for (long id : ids) {
				assertThat(this.jdbc.queryForObject("""
						SELECT d.current_risk_score_id = (SELECT MAX(id) FROM risk_score WHERE debtor_id = d.id)
						FROM debtor d WHERE d.id = ?""", Boolean.class, id))
					.as("the pass's snapshot is the current score")
					.isTrue();
			}
		}
		finally {
			current.forEach((id, snapshot) -> this.jdbc
				.update("UPDATE debtor SET current_risk_score_id = ? WHERE id = ?", snapshot, id));
			ids.forEach((id) -> this.jdbc.update("DELETE FROM risk_score WHERE id > ? AND debtor_id = ?", newestBefore,
					id));
		}
	}

	/** Each debtor's newest snapshot: score, grade, components and reasons. */
	private Map<Long, String> newestSnapshots(java.util.List<Long> ids) {
		Map<Long, String> snapshots = new java.util.HashMap<>();
		for (long id : ids) {
			snapshots.put(id, this.jdbc.queryForObject("""
					SELECT score || ' ' || grade || ' ' || components::text || ' ' || reasons::text || ' ' || trigger
					FROM risk_score WHERE debtor_id = ? ORDER BY id DESC LIMIT 1""", String.class, id));
		}
		return snapshots;
	}

	@Test
	void everyDebtorHasAStoredSnapshotThatExplainsItself() {
		long debtors = this.jdbc.queryForObject("SELECT COUNT(*) FROM debtor", Long.class);
		long scored = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id", Long.class);
		assertThat(scored).isEqualTo(debtors).isGreaterThan(1000);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT grade FROM risk_score", String.class)).contains("A", "B",
				"C", "D", "E");
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM risk_score
				WHERE reasons @> '[{"code": "NO_BUREAU", "text": "no bureau score"}]'
				  AND jsonb_array_length(inputs -> 'bureauReadings') = 0
				""", Long.class)).isPositive();
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM risk_score
				WHERE reasons @> '[{"code": "PAST_DUE_CAP"}]' AND score > 40
				""", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM risk_score WHERE reasons::text LIKE '%days beyond terms on average%'",
				Long.class))
			.isPositive();
	}

	@Test
	@Transactional
	void anAsOfScoreDoesNotLookAhead() {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate asOf = today.minusDays(200);
		long debtorId = this.jdbc.queryForObject("""
				SELECT debtor_id FROM invoice WHERE funded_on <= ? GROUP BY debtor_id ORDER BY COUNT(*) DESC, debtor_id
				LIMIT 1
				""", Long.class, asOf);
		RiskAssessment asOfBefore = this.scoring.assessAsOf(debtorId, asOf);
		RiskAssessment todayBefore = this.scoring.assessAsOf(debtorId, today);

		laterEvents(debtorId, asOf, today);

		assertThat(this.scoring.assessAsOf(debtorId, asOf)).isEqualTo(asOfBefore);
		RiskAssessment todayAfter = this.scoring.assessAsOf(debtorId, today);
		assertThat(todayAfter.score()).isLessThan(todayBefore.score());
		assertThat(todayAfter.reasons()).anySatisfy((reason) -> assertThat(reason.text()).startsWith("bureau score 3"));
	}

	@Test
	@Transactional
	void aLaterResolutionCreditNoteAndPaymentDoNotChangeAnEarlierScore() {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate asOf = today.minusDays(60);
		Map<String, Object> dispute = this.jdbc.queryForMap("""
				SELECT d.id, d.invoice_id, d.amount, i.debtor_id FROM dispute d JOIN invoice i ON i.id = d.invoice_id
				WHERE d.opened_on <= ? AND d.resolved_on IS NULL AND i.funded_on <= ? AND i.issue_date > ?
				  AND NOT EXISTS (SELECT 1 FROM dispute o WHERE o.invoice_id = d.invoice_id AND o.id <> d.id
				                                            AND o.resolved_on IS NULL)
				ORDER BY d.id LIMIT 1
				""", asOf, asOf, today.minusDays(300));
		long debtorId = ((Number) dispute.get("debtor_id")).longValue();
		long invoiceId = ((Number) dispute.get("invoice_id")).longValue();
		RiskAssessment asOfBefore = this.scoring.assessAsOf(debtorId, asOf);
		RiskInputsQuery.Facts factsBefore = this.inputs.one(debtorId, asOf);
		RiskAssessment todayBefore = this.scoring.assessAsOf(debtorId, today);
		assertThat(factsBefore.disputes().openCount()).isPositive();
		int openToday = this.inputs.one(debtorId, today).disputes().openCount();

		this.jdbc.update("UPDATE dispute SET resolved_on = ?, outcome = 'CREDIT_NOTE' WHERE id = ?", today,
				dispute.get("id"));
		this.jdbc.update("""
				INSERT INTO credit_note (invoice_id, dispute_id, issued_on, amount, reason)
				VALUES (?, ?, ?, ?, 'later credit note')
				""", invoiceId, dispute.get("id"), today, dispute.get("amount"));
		pay(debtorId, invoiceId, "25.00", today);

		assertThat(this.inputs.one(debtorId, asOf)).isEqualTo(factsBefore);
		assertThat(this.scoring.assessAsOf(debtorId, asOf)).isEqualTo(asOfBefore);
		assertThat(this.inputs.one(debtorId, today).disputes().openCount()).isEqualTo(openToday - 1);
		assertThat(this.scoring.assessAsOf(debtorId, today)).as("today's score sees the resolution")
			.isNotEqualTo(todayBefore);
	}

	@Test
	@Transactional
	void theScoringRunKeepsThePortfolioMeansItScoredWith() {
		LocalDate today = LocalDate.now(this.clock);
		int version = this.models.current().version();
		this.scoring.scoreAll(ScoreTrigger.MANUAL);
		Map<String, Object> stored = this.jdbc.queryForMap("""
				SELECT payment_history, debtors_with_history, dispute_rate_by_count, dispute_rate_by_amount, invoices
				FROM risk_portfolio_means WHERE as_of = ? AND model_version = ?
				""", today, version);
		PortfolioMeans recomputed = recompute(today);
		assertThat((BigDecimal) stored.get("payment_history")).isEqualByComparingTo(recomputed.paymentHistory());
		assertThat((BigDecimal) stored.get("dispute_rate_by_count"))
			.isEqualByComparingTo(recomputed.disputeRateByCount());
		assertThat((BigDecimal) stored.get("dispute_rate_by_amount"))
			.isEqualByComparingTo(recomputed.disputeRateByAmount());
		assertThat(stored.get("debtors_with_history")).isEqualTo(recomputed.debtorsWithHistory());
		assertThat(stored.get("invoices")).isEqualTo(recomputed.invoices());
		assertThat(this.jdbc.queryForObject("""
				SELECT CAST(r.inputs -> 'portfolioMeans' ->> 'paymentHistory' AS numeric)
				FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id ORDER BY d.id LIMIT 1
				""", BigDecimal.class)).as("what the scores were shrunk toward")
			.isEqualByComparingTo(recomputed.paymentHistory());
		// the history part's mean is a score 0-100, the rates are fractions
		assertThat(recomputed.paymentHistory()).isBetween(BigDecimal.ONE, BigDecimal.valueOf(99));
		assertThat(recomputed.disputeRateByCount()).isPositive().isLessThan(new BigDecimal("0.5"));
		// the month-ends of the seeded history were scored with theirs too
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM risk_portfolio_means WHERE model_version = ? AND as_of < ?", Long.class, version,
				today))
			.isGreaterThanOrEqualTo(RiskScheduling.HISTORY_MONTHS);
	}

	@Test
	@Transactional
	void oneDebtorsScoreAsOfADateEqualsTheFullRunsAndReusesTheMeansOfThatDate() {
		LocalDate asOf = LocalDate.now(this.clock).minusDays(137);
		int version = this.models.current().version();
		this.jdbc.update("DELETE FROM risk_portfolio_means WHERE as_of = ?", asOf);
		// a thin file with a dispute: both means count
		long debtorId = this.jdbc.queryForObject("""
				SELECT i.debtor_id FROM invoice i JOIN dispute d ON d.invoice_id = i.id
				WHERE i.funded_on <= ? AND i.issue_date > ? AND d.opened_on <= ?
				GROUP BY i.debtor_id ORDER BY COUNT(DISTINCT i.id), i.debtor_id LIMIT 1
				""", Long.class, asOf, asOf.minusDays(365), asOf);

		RiskAssessment one = this.scoring.assessAsOf(debtorId, asOf);

		assertThat(meansRows(asOf, version)).as("computed once and kept").isOne();
		Map<Long, RiskAssessment> all = this.scoring.assessAllAsOf(asOf);
		assertThat(all.get(debtorId)).isEqualTo(one);
		assertThat(this.scoring.assessAsOf(debtorId, asOf)).isEqualTo(one);
		assertThat(meansRows(asOf, version)).isOne();
		assertThat(one.reasonCodes()).contains(Reason.THIN_FILE);

		// read, not recomputed: a changed row changes the next score, the one of one
		// debtor and the full run's alike
		this.jdbc.update("""
				UPDATE risk_portfolio_means SET payment_history = 0, dispute_rate_by_count = 0.5,
				                                dispute_rate_by_amount = 0.5
				WHERE as_of = ? AND model_version = ?
				""", asOf, version);
		RiskAssessment fromChangedRow = this.scoring.assessAsOf(debtorId, asOf);
		assertThat(fromChangedRow.score()).isLessThan(one.score());
		assertThat(this.scoring.assessAllAsOf(asOf).get(debtorId)).isEqualTo(fromChangedRow);
	}

	private PortfolioMeans recompute(LocalDate asOf) {
		Map<Long, RiskInputsQuery.Facts> facts = this.inputs.all(asOf);
		return PortfolioMeans.of(facts.values().stream().map(RiskInputsQuery.Facts::payments).toList(),
				facts.values().stream().map(RiskInputsQuery.Facts::disputes).toList(), this.models.current());
	}

	private long meansRows(LocalDate asOf, int version) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM risk_portfolio_means WHERE as_of = ? AND model_version = ?", Long.class, asOf,
				version);
	}

	/**
	 * After {@code asOf}: a very low bureau score, a dispute on an invoice issued before
	 * it, a long overdue new invoice and the payment of an invoice that was open then.
	 */
	private void laterEvents(long debtorId, LocalDate asOf, LocalDate today) {
		this.jdbc.update("INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES (?, 'CREDITSAFE', 3, ?)",
				debtorId, today.minusDays(1));
		long oldInvoice = this.jdbc.queryForObject(
				"SELECT MAX(id) FROM invoice WHERE debtor_id = ? AND issue_date <= ? AND funded_on IS NOT NULL",
				Long.class, debtorId, asOf);
		this.jdbc.update("INSERT INTO dispute (invoice_id, reason, opened_on, amount) VALUES (?, 'QUALITY', ?, 10.00)",
				oldInvoice, asOf.plusDays(1));
		long clientId = this.jdbc.queryForObject("SELECT client_id FROM invoice WHERE id = ?", Long.class, oldInvoice);
		long late = this.jdbc.queryForObject("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at,
				                     funded_on)
				VALUES (?, ?, 'LOOKAHEAD-1', ?, ?, 50000.00, 'FUNDED', now(), ?) RETURNING id
				""", Long.class, clientId, debtorId, asOf.plusDays(1), asOf.plusDays(31), asOf.plusDays(2));
		pay(debtorId, late, "10.00", today);
	}

	/**
	 * A payment received on {@code on}, applied in full to one invoice.
	 */
	private void pay(long debtorId, long invoiceId, String amount, LocalDate on) {
		java.math.BigDecimal paid = new java.math.BigDecimal(amount);
		long payment = this.jdbc.queryForObject(
				"INSERT INTO payment (debtor_id, received_on, amount, reference) VALUES (?, ?, ?, 'LATER') RETURNING id",
				Long.class, debtorId, on, paid);
		this.jdbc.update(
				"INSERT INTO payment_allocation (payment_id, invoice_id, amount, received_on) VALUES (?, ?, ?, ?)",
				payment, invoiceId, paid, on);
	}

}
