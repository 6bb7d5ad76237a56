package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.factordesk.IntegrationTest;
import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property of settlement over random books (a seeded random test: ten seeds, each one
 * book, all rolled back): a client of its own, recourse or not, with a random fee
 * structure, invoices funded on random days at random advance and fee rates, and a random
 * sequence of receipts (partial, full, over-paid with the rest passed on, split over two
 * invoices), credit notes, short pays, chargebacks or write-offs and reversed receipts,
 * each through the services. Afterwards, to the cent:
 * <ul>
 * <li>every closed invoice has one live settlement and every open one none, and for each
 * closed invoice: allocations - advance - rebate - passed on (nothing: cash passed on is
 * not an invoice's) = fee - credit loss, with the allocations and the advance read from
 * their own tables;</li>
 * <li>what the ledger holds for each closed invoice is its rebate, and for each open one
 * its reserve less its credit notes;</li>
 * <li>the ledger's balance is the sum of its entries, equals the rebates of the closed
 * invoices, the reserves less dilution of the open ones and the cash passed on, and a
 * statement cut at any day reconciles: opening + each kind's movements = closing;</li>
 * <li>the exposure rows equal exposure_book.</li>
 * </ul>
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.property", roles = { "UNDERWRITER", "MANAGER" })
class SettlementPropertyIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	private static final LocalDate FIRST_FUNDING = LocalDate.of(2026, 3, 1);

	private static final int BOOKS = 10;

	private static final int INVOICES = 10;

	private static final int OPERATIONS = 30;

	@Autowired
	private CashApplication cash;

	@Autowired
	private Settlements settlements;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private ExposureEngine engine;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void everyClosedInvoiceAndTheLedgerReconcileToTheCent() {
		Map<String, Integer> seen = new TreeMap<>();
		for (long seed = 1; seed <= BOOKS; seed++) {
			// the seeds spread (the first draws of small consecutive seeds are alike);
			// every other book is non-recourse
			Random random = new Random(seed * 0x9E3779B97F4A7C15L);
			Book book = new Book(random, seed % 2 == 0, seen);
			for (int i = 0; i < OPERATIONS; i++) {
				book.step();
			}
			long clientId = book.fixture.client().getId();
			assertEveryInvoiceReconciles(book, clientId);
			assertTheLedgerReconciles(book, clientId, random);
			book.fixture.assertRowsMatchTheBook(TODAY);
		}
		// the books went down every path at least once
		assertThat(seen).as("operations done over " + BOOKS + " books")
			.containsKeys("partial", "full", "over", "split", "short pay", "chargeback", "write-off", "credit note",
					"credit note closing", "reversal", "reversal of a paid invoice");
	}

	private void assertEveryInvoiceReconciles(Book book, long clientId) {
		this.entities.flush();
		for (Invoice invoice : book.invoices) {
			Map<String, Object> row = this.jdbc.queryForMap("""
					SELECT (SELECT COUNT(*) FROM settlement s WHERE s.invoice_id = i.id AND s.reversed_on IS NULL)
					           AS live,
					       (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a
					        WHERE a.invoice_id = i.id AND a.reversed_on IS NULL) AS allocations,
					       (SELECT COALESCE(SUM(n.amount), 0) FROM credit_note n WHERE n.invoice_id = i.id) AS credited,
					       (SELECT COALESCE(SUM(e.amount), 0) FROM reserve_entry e WHERE e.invoice_id = i.id) AS held,
					       a.amount AS advance, a.reserve, i.status, i.amount AS face
					FROM invoice i JOIN advance a ON a.invoice_id = i.id WHERE i.id = ?
					""", invoice.getId());
			String status = (String) row.get("status");
			boolean closed = status.equals("PAID") || status.equals("CHARGED_BACK") || status.equals("WRITTEN_OFF");
			String what = "invoice " + invoice.getNumber() + " " + status;
			assertThat(((Number) row.get("live")).intValue()).as(what + ": live settlements").isEqualTo(closed ? 1 : 0);
			Money allocations = money(row, "allocations");
			Money credited = money(row, "credited");
			Money face = money(row, "face");
			assertThat(allocations.plus(credited).compareTo(face)).as(what + ": collected + credited <= face")
				.isLessThanOrEqualTo(0);
			if (!closed) {
				// open: the ledger holds its reserve less its credit notes
				assertThat(money(row, "held")).as(what + ": held").isEqualTo(money(row, "reserve").minus(credited));
				continue;
			}
			Settlement settlement = this.settlements.of(invoice.getId()).orElseThrow();
			Money passedOn = Money.ZERO;
			// allocations - advance - rebate - passed on = fee - credit loss
			assertThat(allocations.minus(money(row, "advance")).minus(settlement.getRebate()).minus(passedOn))
				.as(what + ": allocations - advance - rebate - passed on")
				.isEqualTo(settlement.getFee().minus(settlement.getCreditLoss()));
			assertThat(money(row, "held")).as(what + ": what the ledger holds is the rebate")
				.isEqualTo(settlement.getRebate());
			assertThat(settlement.getCollected()).as(what + ": collected").isEqualTo(allocations);
			assertThat(settlement.getCredited()).as(what + ": credited").isEqualTo(credited);
			// what was neither collected nor credited is short paid, charged back or lost
			assertThat(face.minus(allocations).minus(credited)).as(what + ": uncollected")
				.isEqualTo(settlement.getShortfall().plus(settlement.getCreditLoss()));
		}
	}

	private void assertTheLedgerReconciles(Book book, long clientId, Random random) {
		Money sum = Money.of(this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(amount), 0) FROM reserve_entry WHERE client_id = ?", BigDecimal.class, clientId));
		ReservePosition position = this.ledger.position(clientId);
		assertThat(position.balance()).as("balance = the sum of the entries").isEqualTo(sum);
		// from the settlements, the advances and the receipts, not from the ledger
		Money expected = Money.of(this.jdbc.queryForObject(
				"""
						SELECT COALESCE((SELECT SUM(s.rebate) FROM settlement s WHERE s.client_id = :c AND s.reversed_on IS NULL), 0)
						     + COALESCE((SELECT SUM(a.reserve - COALESCE((SELECT SUM(n.amount) FROM credit_note n
						                                                  WHERE n.invoice_id = i.id), 0))
						                 FROM invoice i JOIN advance a ON a.invoice_id = i.id
						                 WHERE i.client_id = :c AND i.status IN ('FUNDED', 'PARTIALLY_PAID')), 0)
						"""
					.replace(":c", String.valueOf(clientId)),
				BigDecimal.class))
			.plus(book.passedOn);
		assertThat(position.balance()).as("balance = rebates + open reserves less dilution + passed on")
			.isEqualTo(expected);
		// a statement from a random day to today: opening + movements by kind = closing
		LocalDate from = FIRST_FUNDING.plusDays(random.nextInt(270));
		Money opening = Money.of(this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(amount), 0) FROM reserve_entry WHERE client_id = ? AND booked_on < ?",
				BigDecimal.class, clientId, from));
		List<BigDecimal> movements = this.jdbc.queryForList("""
				SELECT SUM(amount) FROM reserve_entry WHERE client_id = ? AND booked_on >= ? AND booked_on <= ?
				GROUP BY kind
				""", BigDecimal.class, clientId, from, TODAY);
		Money closing = movements.stream().map(Money::of).reduce(opening, Money::plus);
		assertThat(closing).as("opening + movements from " + from).isEqualTo(position.balance());
	}

	private static Money money(Map<String, Object> row, String column) {
		return Money.of(((BigDecimal) row.get(column)).setScale(2));
	}

	/**
	 * One random book and the random operations on it.
	 */
	private final class Book {

		private final Random random;

		private final SettlementBook fixture;

		private final boolean recourse;

		private final List<Invoice> invoices = new ArrayList<>();

		private final List<Payment> receipts = new ArrayList<>();

		private Money passedOn = Money.ZERO;

		private final Map<String, Integer> seen;

		Book(Random random, boolean recourse, Map<String, Integer> seen) {
			this.random = random;
			this.seen = seen;
			this.recourse = recourse;
			FeeTerms terms = switch (random.nextInt(5)) {
				case 0 -> new FeeTerms(FeeKind.TIERED, 30, DayCount.ACT_360, Rate.ZERO);
				case 1 -> new FeeTerms(FeeKind.TIERED, 15, DayCount.ACT_360, Rate.ZERO);
				case 2 -> new FeeTerms(FeeKind.FLAT, 30, DayCount.ACT_360, Rate.ZERO);
				case 3 -> new FeeTerms(FeeKind.DAILY, 30, DayCount.ACT_360, Rate.ZERO);
				default -> new FeeTerms(FeeKind.DAILY, 30, DayCount.ACT_365, Rate.ZERO);
			};
			this.fixture = SettlementBook.withTerms(SettlementPropertyIntegrationTests.this.entities,
					SettlementPropertyIntegrationTests.this.engine, SettlementPropertyIntegrationTests.this.ledger,
					SettlementPropertyIntegrationTests.this.jdbc, this.recourse ? 60 : null, terms);
			for (int i = 0; i < INVOICES; i++) {
				long faceCents = 10_000 + random.nextInt(2_000_000);
				Money face = new Money(BigDecimal.valueOf(faceCents, 2));
				// 70-90 % advanced, rounded to the cent
				Money advance = face.times(Rate.percent(String.valueOf(70 + random.nextInt(21))));
				String feePercent = BigDecimal.valueOf(50 + random.nextInt(300), 2).toPlainString();
				LocalDate fundedOn = FIRST_FUNDING.plusDays(random.nextInt(240));
				LocalDate due = fundedOn.plusDays(14 + random.nextInt(50));
				this.invoices.add(this.fixture.funded(face.amount().toPlainString(), advance.amount().toPlainString(),
						feePercent, fundedOn, due));
			}
		}

		void step() {
			switch (this.random.nextInt(8)) {
				case 0, 1 -> receive();
				case 2 -> receiveForTwo();
				case 3 -> shortPay();
				case 4 -> closeUnpaid();
				case 5 -> creditNote();
				default -> reverse();
			}
		}

		private void saw(String operation) {
			this.seen.merge(operation, 1, Integer::sum);
		}

		/**
		 * A receipt for one open invoice: part of it, all of it, or more (the rest passed
		 * on to the client).
		 */
		private void receive() {
			Invoice invoice = anOpen();
			if (invoice == null) {
				return;
			}
			Money outstanding = invoice.outstanding();
			int kind = this.random.nextInt(3);
			Money amount = switch (kind) {
				case 0 -> part(outstanding);
				case 1 -> outstanding;
				default -> outstanding.plus(new Money(BigDecimal.valueOf(1 + this.random.nextInt(50_000), 2)));
			};
			Payment receipt = this.fixture.receipt(amount.amount().toPlainString(), dayFrom(invoice.getFundedOn()));
			SettlementPropertyIntegrationTests.this.cash.apply(receipt.getId(),
					List.of(new CashApplication.Allocate(invoice.getId(), amount)));
			Money unapplied = receipt.unapplied();
			if (unapplied.isPositive()) {
				// allocation capped at the outstanding: the rest is passed on
				assertThat(kind).isEqualTo(2);
				receipt.passOn(unapplied);
				SettlementPropertyIntegrationTests.this.ledger.book(this.fixture.client().getId(),
						ReserveEntryKind.PASSED_ON, unapplied, receipt.getReceivedOn(),
						ReserveEntry.Source.payment(null, receipt.getId()), "over-payment passed on");
				this.passedOn = this.passedOn.plus(unapplied);
			}
			this.receipts.add(receipt);
			saw((kind == 0) ? "partial" : (kind == 1) ? "full" : "over");
		}

		/**
		 * One receipt split over two open invoices: part of the first, all of the second.
		 */
		private void receiveForTwo() {
			Invoice first = anOpen();
			Invoice second = anOpen();
			if (first == null || second == null || first == second) {
				return;
			}
			Money part = part(first.outstanding());
			Money all = second.outstanding();
			LocalDate on = dayFrom(
					first.getFundedOn().isAfter(second.getFundedOn()) ? first.getFundedOn() : second.getFundedOn());
			Payment receipt = this.fixture.receipt(part.plus(all).amount().toPlainString(), on);
			SettlementPropertyIntegrationTests.this.cash.apply(receipt.getId(),
					List.of(new CashApplication.Allocate(first.getId(), part),
							new CashApplication.Allocate(second.getId(), all)));
			this.receipts.add(receipt);
			saw("split");
		}

		private void shortPay() {
			List<Invoice> partly = this.invoices.stream()
				.filter((invoice) -> invoice.getStatus() == InvoiceStatus.PARTIALLY_PAID)
				.toList();
			if (partly.isEmpty()) {
				return;
			}
			Invoice invoice = partly.get(this.random.nextInt(partly.size()));
			SettlementPropertyIntegrationTests.this.settlements.closeShortPaid(invoice.getId(), "short paid");
			saw("short pay");
		}

		/**
		 * Recourse: charge back a candidate; non-recourse: write off an open invoice.
		 */
		private void closeUnpaid() {
			if (this.recourse) {
				List<Settlements.ChargebackCandidate> candidates = SettlementPropertyIntegrationTests.this.settlements
					.chargebackCandidates(this.fixture.client().getId());
				if (candidates.isEmpty()) {
					return;
				}
				long invoiceId = candidates.get(this.random.nextInt(candidates.size())).invoiceId();
				SettlementPropertyIntegrationTests.this.settlements.chargeBack(invoiceId, "past recourse");
				saw("chargeback");
				return;
			}
			Invoice invoice = anOpen();
			if (invoice == null) {
				return;
			}
			SettlementPropertyIntegrationTests.this.settlements.writeOff(invoice.getId(), "uncollectable");
			saw("write-off");
		}

		private void creditNote() {
			Invoice invoice = anOpen();
			if (invoice == null) {
				return;
			}
			Money outstanding = invoice.outstanding();
			Money amount = this.random.nextInt(4) == 0 ? outstanding : part(outstanding);
			SettlementPropertyIntegrationTests.this.settlements.creditNote(invoice.getId(), amount, "credit note");
			saw(amount.equals(outstanding) ? "credit note closing" : "credit note");
		}

		/**
		 * A receipt bounces: one not reversed, nothing of it passed on, whose invoices
		 * are not charged back or written off since.
		 */
		private void reverse() {
			List<Payment> reversible = this.receipts.stream()
				.filter((receipt) -> receipt.getReversedOn() == null && receipt.getPassedOn().isZero())
				.filter((receipt) -> receipt.getAllocations()
					.stream()
					.map(PaymentAllocation::getInvoice)
					.noneMatch((invoice) -> invoice.getStatus() == InvoiceStatus.CHARGED_BACK
							|| invoice.getStatus() == InvoiceStatus.WRITTEN_OFF))
				.toList();
			if (reversible.isEmpty()) {
				return;
			}
			Payment receipt = reversible.get(this.random.nextInt(reversible.size()));
			LocalDate on = receipt.getReceivedOn();
			for (PaymentAllocation allocation : receipt.getAllocations()) {
				LocalDate settled = SettlementPropertyIntegrationTests.this.settlements
					.of(allocation.getInvoice().getId())
					.map(Settlement::getSettledOn)
					.orElse(on);
				on = settled.isAfter(on) ? settled : on;
			}
			CashApplication.Reversal reversal = SettlementPropertyIntegrationTests.this.cash.reverse(receipt.getId(),
					dayFrom(on), "bounced");
			saw("reversal");
			if (reversal.invoices().stream().anyMatch((reopened) -> reopened.from() == InvoiceStatus.PAID)) {
				saw("reversal of a paid invoice");
			}
		}

		private Invoice anOpen() {
			List<Invoice> open = this.invoices.stream()
				.filter((invoice) -> invoice.getStatus() == InvoiceStatus.FUNDED
						|| invoice.getStatus() == InvoiceStatus.PARTIALLY_PAID)
				.toList();
			return open.isEmpty() ? null : open.get(this.random.nextInt(open.size()));
		}

		/**
		 * Some of {@code outstanding}: at least a cent, less than all of it (all of it
		 * when it is one cent).
		 */
		private Money part(Money outstanding) {
			long cents = outstanding.amount().movePointRight(2).longValueExact();
			if (cents <= 1) {
				return outstanding;
			}
			return new Money(BigDecimal.valueOf(1 + (long) (this.random.nextDouble() * (cents - 1)), 2));
		}

		/**
		 * A day from {@code from} to today.
		 */
		private LocalDate dayFrom(LocalDate from) {
			long days = ChronoUnit.DAYS.between(from, TODAY);
			return (days <= 0) ? from : from.plusDays(this.random.nextLong(days + 1));
		}

	}

}
