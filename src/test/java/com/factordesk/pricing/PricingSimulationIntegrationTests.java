package com.factordesk.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pricing simulation on the demo book (today 2026-11-25): the expected counts come
 * from the debtors' current scores in SQL, not from the quotes. Nothing is written.
 */
@IntegrationTest
@WithMockUser(roles = "ADMIN")
class PricingSimulationIntegrationTests {

	private static final String QUEUED_AND_SCORED = """
			SELECT COUNT(*) FROM invoice i JOIN debtor_current_score r ON r.debtor_id = i.debtor_id
			WHERE i.status IN ('SUBMITTED', 'VERIFIED', 'HELD', 'AWAITING_SECOND_APPROVAL')
			""";

	@Autowired
	private PricingSimulation simulation;

	@Autowired
	private PricingAdministration pricing;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theBandsInForceAsDraftChangeNothing() {
		PricingSimulation.Result result = this.simulation.simulate(inForce());

		for (PricingSimulation.Section section : List.of(result.queue(), result.decided())) {
			PricingSimulation.Row total = section.total();
			assertThat(total.bandChanged()).isZero();
			assertThat(total.priceChanged()).isZero();
			assertThat(total.advanceAfter()).isEqualTo(total.advanceBefore());
			assertThat(total.feeAfter()).isEqualTo(total.feeBefore());
			assertThat(total.declinedAfter()).isEqualTo(total.declinedBefore());
		}
		assertThat(result.queue().total().invoices()).isEqualTo(this.jdbc.queryForObject(QUEUED_AND_SCORED, Long.class))
			.isPositive();
		assertThat(result.decided().total().invoices()).isPositive();
		// the grades add up to the total
		assertThat(result.queue().grades().stream().mapToLong(PricingSimulation.Row::invoices).sum())
			.isEqualTo(result.queue().total().invoices());
	}

	@Test
	void movingABoundaryMovesExactlyTheInvoicesWhoseScoreLiesBetweenTheOldAndTheNewBoundary() {
		// a hand-made draft: the band that starts at the in-force C/B boundary starts 5
		// points lower, so scores in [boundary - 5, boundary) fall in the band above
		List<PricingBand> bands = new ArrayList<>(inForce());
		int upper = bands.size() - 2;
		PricingBand lower = bands.get(upper - 1);
		PricingBand higher = bands.get(upper);
		BigDecimal boundary = higher.scoreFrom();
		BigDecimal moved = boundary.subtract(BigDecimal.valueOf(5));
		assertThat(moved).isGreaterThan(lower.scoreFrom());
		bands.set(upper - 1, new PricingBand(lower.scoreFrom(), moved, lower.advanceRate(), lower.feeRate(),
				lower.maxTenorDays(), lower.autoDecline()));
		bands.set(upper, new PricingBand(moved, higher.scoreTo(), higher.advanceRate(), higher.feeRate(),
				higher.maxTenorDays(), higher.autoDecline()));
		long between = this.jdbc.queryForObject(QUEUED_AND_SCORED + " AND r.score >= ? AND r.score < ?", Long.class,
				moved, boundary);
		assertThat(between).as("queued invoices scored %s to %s", moved, boundary).isPositive();

		PricingSimulation.Result result = this.simulation.simulate(bands);

		assertThat(result.queue().total().bandChanged()).isEqualTo(between);
		// a better band advances more or charges less on each of them
		assertThat(result.queue().total().priceChanged()).isPositive().isLessThanOrEqualTo(between);
		assertThat(result.queue().total().advanceAfter().amount())
			.isGreaterThanOrEqualTo(result.queue().total().advanceBefore().amount());
	}

	@Test
	void aDraftThatDeclinesEveryBandDeclinesEveryInvoiceAndAdvancesNothing() {
		List<PricingBand> declined = inForce().stream()
			.map((band) -> new PricingBand(band.scoreFrom(), band.scoreTo(), Rate.ZERO, Rate.ZERO, 0, true))
			.toList();

		PricingSimulation.Row total = this.simulation.simulate(declined).queue().total();

		assertThat(total.declinedAfter()).isEqualTo(total.invoices());
		assertThat(total.advanceAfter()).isEqualTo(Money.ZERO);
		assertThat(total.feeAfter()).isEqualTo(Money.ZERO);
		assertThat(total.advanceBefore().isPositive()).isTrue();
		assertThat(total.priceChanged()).isEqualTo(total.invoices() - total.declinedBefore());
	}

	@Test
	void aDraftWithAGapIsRefusedWithTheRuleItBreaks() {
		List<PricingBand> bands = new ArrayList<>(inForce());
		PricingBand top = bands.get(bands.size() - 1);
		bands.set(bands.size() - 1, new PricingBand(top.scoreFrom().add(BigDecimal.ONE), top.scoreTo(),
				top.advanceRate(), top.feeRate(), top.maxTenorDays(), top.autoDecline()));

		assertThatThrownBy(() -> this.simulation.simulate(bands)).isInstanceOf(BusinessRefusal.class)
			.hasMessageContaining("have no band");
	}

	private List<PricingBand> inForce() {
		return this.pricing.inForce().bands().stream().sorted(Comparator.comparing(PricingBand::scoreFrom)).toList();
	}

}
