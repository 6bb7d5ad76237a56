package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import com.factordesk.client.Clients;
import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentAllocation;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settlement arithmetic of {@link SettlementFees}, one row per case, every expected
 * figure worked out by hand in the row's comment. Unless a row says otherwise: face
 * 10,000.00, advance 8,000.00 (80 %), reserve 2,000.00, fee rate 1.50 % per 30 days (a
 * daily fee: 18 % a year), funded on Monday 2026-03-02, due 30 days later on 2026-04-01.
 */
class SettlementFeesTests {

	private static final LocalDate FUNDED = LocalDate.of(2026, 3, 2);

	private static final LocalDate DUE = LocalDate.of(2026, 4, 1);

	static Stream<Row> rows() {
		return Stream.of(
				// tiered, 30-day periods: face x 1.5 % x started periods
				// 2026-03-02 -> 2026-04-01 = 30 days = 1 period: 10,000 x 0.015 x 1
				tiered("tiered: paid on the due date", 30, "1.50", FUNDED, DUE, List.of(), 30, 1, "150.00"),
				// 18 days: a started period is a whole one: 10,000 x 0.015 x 1
				tiered("tiered: paid early", 30, "1.50", FUNDED, LocalDate.of(2026, 3, 20), List.of(), 18, 1, "150.00"),
				// 0 days: funding starts the first period: 10,000 x 0.015 x 1
				tiered("tiered: paid on the funding day", 30, "1.50", FUNDED, FUNDED, List.of(), 0, 1, "150.00"),
				// one day late: 31 days = 2 started periods: 10,000 x 0.015 x 2
				tiered("tiered: late across a period boundary", 30, "1.50", FUNDED, LocalDate.of(2026, 4, 2), List.of(),
						31, 2, "300.00"),
				// 2026-03-02 -> 2026-05-05 = 29 + 30 + 5 = 64 days = 3 periods: 10,000 x
				// 0.015 x 3
				tiered("tiered: 34 days late", 30, "1.50", FUNDED, LocalDate.of(2026, 5, 5), List.of(), 64, 3,
						"450.00"),
				// 15-day periods: 1.5 % x 15 / 30 = 0.75 % a period; 31 days = 3 periods:
				// 10,000 x 0.0075 x 3
				tiered("tiered: 15-day periods, late", 15, "1.50", FUNDED, LocalDate.of(2026, 4, 2), List.of(), 31, 3,
						"225.00"),
				// 7-day periods at 1 %: 1 % x 7 / 30 = 0.233333 % -> 0.2333 % (0.002333)
				// a
				// period; 20 days = 3 periods: 10,000 x 0.002333 x 3 = 69.99
				tiered("tiered: 7-day periods, the rate at four decimals", 7, "1.00", FUNDED, LocalDate.of(2026, 3, 22),
						List.of(), 20, 3, "69.99"),
				// partial then full: tiered charges the face, the collections do not
				// count: 30 days = 1 period: 10,000 x 0.015
				tiered("tiered: partial then full payment", 30, "1.50", FUNDED, DUE,
						List.of(paid("2026-03-12", "3000.00"), paid("2026-04-01", "7000.00")), 30, 1, "150.00"),
				// short pay: 6,000 paid on 03-22, closed short paid on 04-11: 40 days =
				// 2 periods on the face: 10,000 x 0.015 x 2
				tiered("tiered: short pay", 30, "1.50", FUNDED, LocalDate.of(2026, 4, 11),
						List.of(paid("2026-03-22", "6000.00")), 40, 2, "300.00"),
				// leap year: 2028-02-01 -> 2028-03-03 = 29 (February has 29 days) + 2 =
				// 31 days = 2 periods: 10,000 x 0.015 x 2
				tiered("tiered: leap year, Feb 29 pushes it into a second period", 30, "1.50", LocalDate.of(2028, 2, 1),
						LocalDate.of(2028, 3, 3), List.of(), 31, 2, "300.00"),
				// the same dates a year before: 28 + 2 = 30 days = 1 period
				tiered("tiered: the same dates without a leap day", 30, "1.50", LocalDate.of(2027, 2, 1),
						LocalDate.of(2027, 3, 3), List.of(), 30, 1, "150.00"),

				// flat: face x 1.5 % once, however long
				flat("flat: paid on the due date", FUNDED, DUE, 30, "150.00"),
				flat("flat: paid early", FUNDED, LocalDate.of(2026, 3, 20), 18, "150.00"),
				// 2026-03-02 -> 2026-06-04 = 29 + 30 + 31 + 4 = 94 days, still once
				flat("flat: paid late", FUNDED, LocalDate.of(2026, 6, 4), 94, "150.00"),

				// daily on the funds in use: sum of (advance outstanding x days) x 18 % /
				// 360 (or 365)
				// 8,000 x 30 = 240,000 day-euros x 0.18 / 360
				daily("daily ACT/360: paid on the due date", DayCount.ACT_360, "1.50", "8000.00", FUNDED, DUE,
						List.of(), 30, "120.00"),
				// 240,000 x 0.18 / 365 = 43,200 / 365 = 118.3561... -> 118.36
				daily("daily ACT/365: paid on the due date", DayCount.ACT_365, "1.50", "8000.00", FUNDED, DUE,
						List.of(), 30, "118.36"),
				// 8,000 x 18 days = 144,000 x 0.18 / 360 = 72.00
				daily("daily ACT/360: paid early", DayCount.ACT_360, "1.50", "8000.00", FUNDED,
						LocalDate.of(2026, 3, 20), List.of(), 18, "72.00"),
				// 8,000 x 31 days = 248,000 x 0.18 / 360 = 124.00
				daily("daily ACT/360: one day late", DayCount.ACT_360, "1.50", "8000.00", FUNDED,
						LocalDate.of(2026, 4, 2), List.of(), 31, "124.00"),
				// funds in use fall: 8,000 for 10 days (03-02 -> 03-12), then 8,000 -
				// 3,000
				// = 5,000 for 20 days (03-12 -> 04-01): 80,000 + 100,000 = 180,000 x 0.18
				// /
				// 360 = 90.00
				daily("daily ACT/360: partial then full payment", DayCount.ACT_360, "1.50", "8000.00", FUNDED, DUE,
						List.of(paid("2026-03-12", "3000.00"), paid("2026-04-01", "7000.00")), 30, "90.00"),
				// the same over 365: 180,000 x 0.18 / 365 = 32,400 / 365 = 88.7671... ->
				// 88.77
				daily("daily ACT/365: partial then full payment", DayCount.ACT_365, "1.50", "8000.00", FUNDED, DUE,
						List.of(paid("2026-03-12", "3000.00"), paid("2026-04-01", "7000.00")), 30, "88.77"),
				// a first payment above the advance: 8,000 for 10 days, then nothing in
				// use
				// (9,000 > 8,000): 80,000 x 0.18 / 360 = 40.00
				daily("daily ACT/360: the advance repaid by the first payment", DayCount.ACT_360, "1.50", "8000.00",
						FUNDED, DUE, List.of(paid("2026-03-12", "9000.00"), paid("2026-04-01", "1000.00")), 30,
						"40.00"),
				// short pay: 6,000 paid on 03-22 (20 days of 8,000), closed on 04-11 (20
				// days of 2,000): 160,000 + 40,000 = 200,000 x 0.18 / 360 = 100.00
				daily("daily ACT/360: short pay", DayCount.ACT_360, "1.50", "8000.00", FUNDED,
						LocalDate.of(2026, 4, 11), List.of(paid("2026-03-22", "6000.00")), 40, "100.00"),
				// a collection after the settling day does not count: 8,000 x 30 days
				daily("daily ACT/360: a later collection is left out", DayCount.ACT_360, "1.50", "8000.00", FUNDED, DUE,
						List.of(paid("2026-04-15", "8000.00")), 30, "120.00"),
				// leap year: 2028-02-15 -> 2028-03-01 = 15 days (Feb 29 among them),
				// + 15 to 03-16 = 30 days: 8,000 x 30 = 240,000 x 0.18 / 365 =
				// 118.3561... -> 118.36
				daily("daily ACT/365: leap year, Feb 29 counts", DayCount.ACT_365, "1.50", "8000.00",
						LocalDate.of(2028, 2, 15), LocalDate.of(2028, 3, 16), List.of(), 30, "118.36"),
				// the same dates in 2027: 14 + 15 = 29 days: 8,000 x 29 = 232,000 x 0.18
				// /
				// 365 = 41,760 / 365 = 114.4109... -> 114.41
				daily("daily ACT/365: the same dates without a leap day", DayCount.ACT_365, "1.50", "8000.00",
						LocalDate.of(2027, 2, 15), LocalDate.of(2027, 3, 16), List.of(), 29, "114.41"),
				// a whole year at 1 % per 30 days = 12 % a year: 2026-03-02 -> 2027-03-02
				// =
				// 365 days; ACT/360: 8,000 x 0.12 x 365 / 360 = 350,400 / 360 =
				// 973.333...
				// -> 973.33
				daily("daily ACT/360: a year", DayCount.ACT_360, "1.00", "8000.00", FUNDED, LocalDate.of(2027, 3, 2),
						List.of(), 365, "973.33"),
				// ACT/365: 8,000 x 0.12 x 365 / 365 = 960.00
				daily("daily ACT/365: a year", DayCount.ACT_365, "1.00", "8000.00", FUNDED, LocalDate.of(2027, 3, 2),
						List.of(), 365, "960.00"),
				// rounded once, HALF_EVEN: 1,250 x 1 day x 0.18 / 360 = 0.625 -> 0.62
				daily("daily ACT/360: half a cent rounds to even", DayCount.ACT_360, "1.50", "1250.00", FUNDED,
						LocalDate.of(2026, 3, 3), List.of(), 1, "0.62"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void theFeeByTheActualDays(Row row) {
		SettlementFees.SettledFee fee = SettlementFees.fee(row.kind(), row.periodDays(), row.dayCount(),
				Money.of("10000.00"), Money.of(row.advance()), Rate.percent(row.feePercent()), row.fundedOn(),
				row.settledOn(), row.collections());

		assertThat(fee.fee()).as("fee").isEqualTo(Money.of(row.fee()));
		assertThat(fee.days()).as("days from funding").isEqualTo(row.days());
		if (row.periods() != null) {
			assertThat(fee.periods()).as("periods charged").isEqualTo(row.periods());
		}
	}

	@Test
	void theDailyFeeShowsTheFundsInUseOverTime() {
		SettlementFees.SettledFee fee = SettlementFees.fee(FeeKind.DAILY, 30, DayCount.ACT_360, Money.of("10000.00"),
				Money.of("8000.00"), Rate.percent("1.50"), FUNDED, DUE,
				List.of(paid("2026-03-12", "3000.00"), paid("2026-04-01", "7000.00")));

		// 8,000 from 03-02 to 03-12 (10 days), 5,000 from 03-12 to 04-01 (20 days)
		assertThat(fee.segments()).containsExactly(
				new SettlementFees.Segment(FUNDED, LocalDate.of(2026, 3, 12), 10, Money.of("8000.00")),
				new SettlementFees.Segment(LocalDate.of(2026, 3, 12), DUE, 20, Money.of("5000.00")));
		// 12 x 1.5 % = 18 % a year
		assertThat(fee.rate()).isEqualTo(Rate.percent("18"));
	}

	@Test
	void anOverPaymentIsAppliedUpToTheOutstandingAndTheFeeSeesOnlyThat() {
		Invoice invoice = Invoices.anInvoice(Clients.aClient().build(), Debtors.aDebtor().build())
			.amount("10000.00")
			.issued(LocalDate.of(2026, 3, 1))
			.due(DUE)
			.fundedOn(FUNDED)
			.build();
		Payment receipt = new Payment(invoice.getDebtor(), DUE, Money.of("12000.00"), "over-payment");

		PaymentAllocation allocation = receipt.applyTo(invoice, Money.of("12000.00"), "uw", Invoices.on(DUE));

		// 12,000 received, 10,000 outstanding: 10,000 applied, 2,000 left unapplied
		assertThat(allocation.getAmount()).isEqualTo(Money.of("10000.00"));
		assertThat(receipt.unapplied()).isEqualTo(Money.of("2000.00"));
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		SettlementFees.SettledFee daily = SettlementFees.fee(FeeKind.DAILY, 30, DayCount.ACT_360, invoice.getAmount(),
				Money.of("8000.00"), Rate.percent("1.50"), FUNDED, DUE,
				List.of(new SettlementFees.Collection(allocation.getReceivedOn(), allocation.getAmount())));
		// as paid in full on the due date: 8,000 x 30 x 0.18 / 360
		assertThat(daily.fee()).isEqualTo(Money.of("120.00"));
		SettlementFees.SettledFee tiered = SettlementFees.fee(FeeKind.TIERED, 30, DayCount.ACT_360, invoice.getAmount(),
				Money.of("8000.00"), Rate.percent("1.50"), FUNDED, DUE, List.of());
		// 30 days = 1 period: 10,000 x 0.015
		assertThat(tiered.fee()).isEqualTo(Money.of("150.00"));
	}

	private static Row tiered(String name, int periodDays, String feePercent, LocalDate fundedOn, LocalDate settledOn,
			List<SettlementFees.Collection> collections, int days, int periods, String fee) {
		return new Row(name, FeeKind.TIERED, periodDays, DayCount.ACT_360, feePercent, "8000.00", fundedOn, settledOn,
				collections, days, periods, fee);
	}

	private static Row flat(String name, LocalDate fundedOn, LocalDate settledOn, int days, String fee) {
		return new Row(name, FeeKind.FLAT, 30, DayCount.ACT_360, "1.50", "8000.00", fundedOn, settledOn, List.of(),
				days, 1, fee);
	}

	private static Row daily(String name, DayCount dayCount, String feePercent, String advance, LocalDate fundedOn,
			LocalDate settledOn, List<SettlementFees.Collection> collections, int days, String fee) {
		return new Row(name, FeeKind.DAILY, 30, dayCount, feePercent, advance, fundedOn, settledOn, collections, days,
				days, fee);
	}

	private static SettlementFees.Collection paid(String on, String amount) {
		return new SettlementFees.Collection(LocalDate.parse(on), Money.of(amount));
	}

	record Row(String name, FeeKind kind, int periodDays, DayCount dayCount, String feePercent, String advance,
			LocalDate fundedOn, LocalDate settledOn, List<SettlementFees.Collection> collections, int days,
			Integer periods, String fee) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
