package com.factordesk.pricing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.factordesk.risk.Grade;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a draft of the pricing bands would change before it is published: the queue
 * (submitted, verified, held and awaiting a second approval) and the invoices decided in
 * the last 90 days (approved, rejected or funded) re-priced with the draft, everything
 * else as in today's quote (the debtor's current score, the facility's terms, the
 * concentration, the day the invoice was or would be funded). Per grade: how many
 * invoices change band, change price, would be declined, and the total advance and
 * expected fee, before and after. Read only: nothing is published or stored.
 */
@Service
@Transactional(readOnly = true)
public class PricingSimulation {

	/** How far back the decided invoices go. */
	public static final int DECIDED_DAYS = 90;

	/** Invoices quoted per pair of queries. */
	private static final int CHUNK = 1_000;

	private final JdbcClient jdbc;

	private final InvoiceQuotes quotes;

	private final Clock clock;

	PricingSimulation(JdbcClient jdbc, InvoiceQuotes quotes, Clock clock) {
		this.jdbc = jdbc;
		this.quotes = quotes;
		this.clock = clock;
	}

	/**
	 * Re-prices the queue and the last 90 days' decisions with the draft bands.
	 * @throws BusinessRefusal with every rule the draft breaks
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Result simulate(List<PricingBand> draft) {
		List<Violation> violations = PricingBandSet.validate(draft);
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		LocalDate today = LocalDate.now(this.clock);
		PricingBandSet bands = new PricingBandSet(0, today, draft);
		List<Long> queue = this.jdbc.sql("""
				SELECT id FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED', 'HELD', 'AWAITING_SECOND_APPROVAL')
				ORDER BY id
				""").query(Long.class).list();
		List<Long> decided = this.jdbc.sql("""
				SELECT d.invoice_id FROM invoice_decided_since(:since) d JOIN invoice i ON i.id = d.invoice_id
				WHERE i.status NOT IN ('SUBMITTED', 'VERIFIED', 'HELD', 'AWAITING_SECOND_APPROVAL')
				ORDER BY d.invoice_id
				""")
			.param("since", java.sql.Timestamp.from(this.clock.instant().minus(Duration.ofDays(DECIDED_DAYS))))
			.query(Long.class)
			.list();
		return new Result(today, section(queue, bands), section(decided, bands));
	}

	private Section section(List<Long> ids, PricingBandSet draft) {
		Map<Grade, Tally> tallies = new EnumMap<>(Grade.class);
		long unscored = 0;
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			Map<Long, InvoiceQuotes.Repriced> repriced = this.quotes.reprice(chunk, draft);
			unscored += chunk.size() - repriced.size();
			repriced.values()
				.forEach((priced) -> tallies.computeIfAbsent(priced.current().grade(), (grade) -> new Tally())
					.add(priced.current().quote(), priced.other(), priced.otherBand()));
		}
		List<Row> rows = new ArrayList<>();
		Tally total = new Tally();
		for (Grade grade : Grade.values()) {
			Tally tally = tallies.getOrDefault(grade, new Tally());
			rows.add(tally.row(grade));
			total.add(tally);
		}
		return new Section(rows, total.row(null), unscored);
	}

	/**
	 * The simulation's two populations.
	 *
	 * @param today the day the quotes are made
	 * @param queue the invoices waiting for a decision
	 * @param decided the invoices decided in the last {@value #DECIDED_DAYS} days
	 */
	public record Result(LocalDate today, Section queue, Section decided) {
	}

	/**
	 * One population: a row per grade, A to E, and their total.
	 *
	 * @param unscored invoices left out because their debtor has no score
	 */
	public record Section(List<Row> grades, Row total, long unscored) {
	}

	/**
	 * One grade's invoices before and after the draft.
	 *
	 * @param grade the grade; {@code null} on the total
	 * @param invoices how many were priced
	 * @param bandChanged how many fall in a band of another number
	 * @param priceChanged how many get another advance or expected fee
	 * @param declinedBefore declined under the bands in force
	 * @param declinedAfter declined under the draft
	 */
	public record Row(Grade grade, long invoices, long bandChanged, long priceChanged, long declinedBefore,
			long declinedAfter, Money advanceBefore, Money advanceAfter, Money feeBefore, Money feeAfter) {

		public Money advanceChange() {
			return this.advanceAfter.minus(this.advanceBefore);
		}

		public Money feeChange() {
			return this.feeAfter.minus(this.feeBefore);
		}

	}

	private static final class Tally {

		private long invoices;

		private long bandChanged;

		private long priceChanged;

		private long declinedBefore;

		private long declinedAfter;

		private Money advanceBefore = Money.ZERO;

		private Money advanceAfter = Money.ZERO;

		private Money feeBefore = Money.ZERO;

		private Money feeAfter = Money.ZERO;

		void add(Quote before, Quote after, boolean otherBand) {
			this.invoices++;
			if (otherBand) {
				this.bandChanged++;
			}
			if (!before.advance().equals(after.advance()) || !before.expectedFee().equals(after.expectedFee())) {
				this.priceChanged++;
			}
			this.declinedBefore += before.declined() ? 1 : 0;
			this.declinedAfter += after.declined() ? 1 : 0;
			this.advanceBefore = this.advanceBefore.plus(before.advance());
			this.advanceAfter = this.advanceAfter.plus(after.advance());
			this.feeBefore = this.feeBefore.plus(before.expectedFee());
			this.feeAfter = this.feeAfter.plus(after.expectedFee());
		}

		void add(Tally other) {
			this.invoices += other.invoices;
			this.bandChanged += other.bandChanged;
			this.priceChanged += other.priceChanged;
			this.declinedBefore += other.declinedBefore;
			this.declinedAfter += other.declinedAfter;
			this.advanceBefore = this.advanceBefore.plus(other.advanceBefore);
			this.advanceAfter = this.advanceAfter.plus(other.advanceAfter);
			this.feeBefore = this.feeBefore.plus(other.feeBefore);
			this.feeAfter = this.feeAfter.plus(other.feeAfter);
		}

		Row row(Grade grade) {
			return new Row(grade, this.invoices, this.bandChanged, this.priceChanged, this.declinedBefore,
					this.declinedAfter, this.advanceBefore, this.advanceAfter, this.feeBefore, this.feeAfter);
		}

	}

}
