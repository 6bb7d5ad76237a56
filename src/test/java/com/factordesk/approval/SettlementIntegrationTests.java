package com.factordesk.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.DayCount;
import com.factordesk.client.FacilityTerms;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRefusal;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settlement through {@link CashApplication} and {@link Settlements} on the real
 * database: the settlement's figures, the reserve ledger's entries, the exposure rows and
 * the decisions. Each test has a client and a debtor of its own ({@link SettlementBook}:
 * tiered fee terms per started 30 days, invoices funded in the past at 1.50 % per 30
 * days); everything is rolled back. Today is the demo's 2026-11-25. Every expected figure
 * is worked out by hand in a comment.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.settle", roles = "UNDERWRITER")
class SettlementIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private CashApplication cash;

	@Autowired
	private Settlements settlements;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private FundingRuns fundingRuns;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private ExposureEngine engine;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MessageSource messages;

	@Autowired
	private Clock clock;

	@Test
	void todayIsTheDemosDay() {
		assertThat(LocalDate.now(this.clock)).isEqualTo(TODAY);
	}

	@Test
	void aFullPaymentSettlesTheInvoiceWithItsFeeAndRebate() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		assertThat(book.fundedExposure()).isEqualTo(Money.of("8000.00"));
		Payment receipt = book.receipt("10000.00", LocalDate.of(2026, 10, 15));

		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("10000.00"))));

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		Settlement settlement = this.settlements.of(invoice.getId()).orElseThrow();
		assertThat(settlement.getKind()).isEqualTo(SettlementKind.PAID);
		// 2026-09-01 -> 2026-10-15 = 29 + 15 = 44 days = 2 started periods of 30
		assertThat(settlement.getSettledOn()).isEqualTo(LocalDate.of(2026, 10, 15));
		assertThat(settlement.getDays()).isEqualTo(44);
		assertThat(settlement.getFeePeriods()).isEqualTo(2);
		assertThat(settlement.getFeeRate()).isEqualTo(Rate.percent("1.50"));
		// 10,000 x 1.5 % x 2
		assertThat(settlement.getFee()).isEqualTo(Money.of("300.00"));
		assertThat(settlement.getCollected()).isEqualTo(Money.of("10000.00"));
		assertThat(settlement.getShortfall()).isEqualTo(Money.ZERO);
		assertThat(settlement.getCreditLoss()).isEqualTo(Money.ZERO);
		// reserve 2,000 - fee 300
		assertThat(settlement.getRebate()).isEqualTo(Money.of("1700.00"));
		assertThat(settlement.getSettledBy()).isEqualTo("uw.settle");
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 2000.00 2026-09-01",
				"FEE -300.00 2026-10-15");
		// the ledger holds the rebate for the client: nothing is held for open invoices
		ReservePosition position = this.ledger.position(book.client().getId());
		assertThat(position).isEqualTo(new ReservePosition(Money.of("1700.00"), Money.ZERO, Money.of("1700.00")));
		assertThat(book.ledgerSum()).isEqualTo(Money.of("1700.00"));
		// exposure back to what it was before funding
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);
		book.assertRowsMatchTheBook(TODAY);
		// allocations 10,000 - advance 8,000 - rebate 1,700 = fee 300 - credit loss 0
		assertThat(Money.of("10000.00").minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee().minus(settlement.getCreditLoss()));
	}

	@Test
	void anAdvanceTakenOverWithoutAFeeRateIsPricedAtTheBandOfItsFundingDay() {
		// the bands in force on 2026-09-01 are the shipped version 1: C (50-65) at 2.25 %
		assertThat(this.jdbc.queryForList("""
				SELECT s.version || ' ' || b.score_from || '-' || b.score_to || ' ' || b.fee_rate
				FROM pricing_band_set s JOIN pricing_band b ON b.band_set_id = s.id
				WHERE s.id = (SELECT id FROM pricing_band_set WHERE effective_from <= DATE '2026-09-01'
				              ORDER BY effective_from DESC, version DESC LIMIT 1)
				  AND b.score_from <= 50 AND b.score_to > 50
				""", String.class)).containsExactly("1 50.00-65.00 0.022500");
		// a client with a negotiated discount of 0.25 % and a debtor never scored
		SettlementBook book = SettlementBook.withTerms(this.entities, this.engine, this.ledger, this.jdbc, 60,
				new FeeTerms(FeeKind.TIERED, 30, DayCount.ACT_360, Rate.percent("0.25")));
		Invoice invoice = book.funded("10000.00", "8000.00", null, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("10000.00", LocalDate.of(2026, 10, 15));

		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("10000.00"))));

		Settlement settlement = this.settlements.of(invoice.getId()).orElseThrow();
		// no score then or now: the neutral 50, band C at 2.25 %, less the discount:
		// 2.00 % per 30 days
		assertThat(settlement.getFeeRate()).isEqualTo(Rate.percent("2.00"));
		// 44 days = 2 periods: 10,000 x 2 % x 2
		assertThat(settlement.getFee()).isEqualTo(Money.of("400.00"));
		// 2,000 - 400
		assertThat(settlement.getRebate()).isEqualTo(Money.of("1600.00"));
	}

	@Test
	void aPartialPaymentLeavesTheInvoiceOpenAndUnsettled() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("3000.00", LocalDate.of(2026, 10, 1));

		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("3000.00"))));

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
		assertThat(this.settlements.of(invoice.getId())).isEmpty();
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 2000.00 2026-09-01");
		// 8,000 - 3,000 repaid
		assertThat(book.fundedExposure()).isEqualTo(Money.of("5000.00"));
		// the reserve 2,000 is still held for the open invoice: nothing available
		assertThat(this.ledger.position(book.client().getId()))
			.isEqualTo(new ReservePosition(Money.of("2000.00"), Money.of("2000.00"), Money.ZERO));
	}

	@Test
	void aFundingRunCreditsTheReserveAndAPaymentTheSameDaySettlesOnePeriod() {
		Client client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), 60, false, Rate.percent("100")))
			.build();
		this.entities.persist(client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = s.debtor_id
				                  AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'HELD'))
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		Debtor debtor = this.entities.find(Debtor.class, debtorId);
		debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
		Invoice invoice = Invoices.anInvoice(client, debtor)
			.amount("10000.00")
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.build();
		this.entities.persist(invoice);
		this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), "good debtor");

		this.fundingRuns.fund(FundClient.all(client.getRef()));

		Map<String, Object> advance = this.jdbc
			.queryForMap("SELECT amount, reserve, fee_rate FROM advance " + "WHERE invoice_id = ?", invoice.getId());
		BigDecimal reserve = ((BigDecimal) advance.get("reserve")).setScale(2);
		assertThat(this.jdbc.queryForList(
				"SELECT kind || ' ' || amount || ' ' || booked_on FROM reserve_entry " + "WHERE invoice_id = ?",
				String.class, invoice.getId()))
			.containsExactly("RESERVE_CREATED " + reserve.toPlainString() + " 2026-11-25");

		Payment receipt = Payment.receive(debtor, TODAY, Money.of("10000.00"), "R-SAME-DAY", debtor.getName(), null,
				null, com.factordesk.invoice.PaymentSource.MANUAL, null, "uw.settle", this.clock);
		this.entities.persist(receipt);
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("10000.00"))));

		Settlement settlement = this.settlements.of(invoice.getId()).orElseThrow();
		// paid the day it was funded: 0 days, one started period, the frozen fee rate
		// of the approval: fee = 10,000 x fee rate, rounded at the cent
		BigDecimal feeRate = (BigDecimal) advance.get("fee_rate");
		BigDecimal fee = new BigDecimal("10000.00").multiply(feeRate).setScale(2, RoundingMode.HALF_EVEN);
		assertThat(settlement.getDays()).isZero();
		assertThat(settlement.getFeePeriods()).isEqualTo(1);
		assertThat(settlement.getFee().amount()).isEqualByComparingTo(fee);
		assertThat(settlement.getRebate().amount()).isEqualByComparingTo(reserve.subtract(fee));
		assertThat(this.ledger.position(client.getId()).balance().amount()).isEqualByComparingTo(reserve.subtract(fee));
	}

	@Test
	void aShortPaidInvoiceIsClosedByADecisionThatDebitsTheShortfall() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("6000.00", LocalDate.of(2026, 10, 1));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("6000.00"))));
		// 8,000 - 6,000 of the advance still out
		assertThat(book.fundedExposure()).isEqualTo(Money.of("2000.00"));

		Settlement settlement = this.settlements.closeShortPaid(invoice.getId(), "debtor deducted a penalty");

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(invoice.getClosedOn()).isEqualTo(TODAY);
		assertThat(settlement.getKind()).isEqualTo(SettlementKind.SHORT_PAID);
		// 2026-09-01 -> 2026-11-25 = 29 + 31 + 25 = 85 days = 3 started periods
		assertThat(settlement.getSettledOn()).isEqualTo(TODAY);
		assertThat(settlement.getDays()).isEqualTo(85);
		assertThat(settlement.getFeePeriods()).isEqualTo(3);
		// 10,000 x 1.5 % x 3
		assertThat(settlement.getFee()).isEqualTo(Money.of("450.00"));
		// 10,000 - 6,000 collected
		assertThat(settlement.getShortfall()).isEqualTo(Money.of("4000.00"));
		// 2,000 - 450 - 0 - 4,000: the client owes 2,450
		assertThat(settlement.getRebate()).isEqualTo(Money.of("-2450.00"));
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 2000.00 2026-09-01",
				"FEE -450.00 2026-11-25", "SHORT_PAY -4000.00 2026-11-25");
		assertThat(this.ledger.position(book.client().getId()).shortfall()).isEqualTo(Money.of("2450.00"));
		// closed: what was left of the advance is released
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);
		book.assertRowsMatchTheBook(TODAY);
		assertThat(decisions(invoice))
			.containsExactly("SHORT_PAY uw.settle PARTIALLY_PAID>PAID debtor deducted a penalty");
		// collected 6,000 - advance 8,000 - rebate (-2,450) = 450 = fee - credit loss 0
		assertThat(Money.of("6000.00").minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee());
	}

	@Test
	void closingAnInvoiceReleasesAnApprovalHeldForHeadroom() {
		SettlementBook book = recourse();
		book.debtor().setCreditLimit(Money.of("10000.00"), LocalDate.of(2027, 6, 30));
		Invoice funded = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("6000.00", LocalDate.of(2026, 10, 1));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(funded.getId(), Money.of("6000.00"))));
		// 2,000 of the advance out + 9,000 would be 11,000, above the limit of 10,000
		Invoice held = Invoices.anInvoice(book.client(), book.debtor()).amount("10000.00").build();
		held.hold(Money.of("9000.00"), "uw.other", "held: no headroom", Invoices.on(TODAY));
		this.entities.persist(held);
		this.entities.flush();

		this.settlements.closeShortPaid(funded.getId(), "the rest will not come");

		// 0 + 9,000 fits under 10,000: released, and its advance reserved
		assertThat(held.getStatus()).isIn(InvoiceStatus.APPROVED, InvoiceStatus.AWAITING_SECOND_APPROVAL);
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);
		assertThat(this.jdbc.queryForObject("SELECT reserved FROM debtor_exposure WHERE debtor_id = ?",
				BigDecimal.class, book.debtor().getId()))
			.isEqualByComparingTo("9000.00");
		assertThat(decisions(held)).singleElement().asString().startsWith("RELEASE uw.settle HELD>");
	}

	@Test
	void onlyAPartiallyPaidInvoiceIsClosedShortPaidAndAReasonIsRequired() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("1000.00", "800.00", "1.50", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));

		assertThatThrownBy(() -> this.settlements.closeShortPaid(invoice.getId(), "nothing paid"))
			.isInstanceOf(InvoiceRefusal.class);
		assertThatThrownBy(() -> this.settlements.closeShortPaid(invoice.getId(), " "))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("settlement.reason.required");
				assertThat(refusal.getViolations().get(0).field()).isEqualTo("reason");
			});
	}

	@Test
	@WithMockUser(username = "mgr.settle", roles = { "UNDERWRITER", "MANAGER" })
	void recourseInvoicesPastTheRecoursePeriodAreListedAndChargedBack() {
		SettlementBook book = recourse();
		// due 2026-08-01: 30 + 30 + 31 + 25 = 116 days past due today, above 60
		Invoice late = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 7, 2), LocalDate.of(2026, 8, 1));
		// due 2026-10-30: 26 days past due, within 60
		Invoice recent = book.funded("3000.00", "2400.00", "1.50", LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 30));
		Payment receipt = book.receipt("1000.00", LocalDate.of(2026, 8, 20));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(late.getId(), Money.of("1000.00"))));
		// (4,000 - 1,000) + 2,400
		assertThat(book.fundedExposure()).isEqualTo(Money.of("5400.00"));

		List<Settlements.ChargebackCandidate> candidates = this.settlements.chargebackCandidates(book.client().getId());

		assertThat(candidates).singleElement().satisfies((candidate) -> {
			assertThat(candidate.invoiceId()).isEqualTo(late.getId());
			assertThat(candidate.daysPastDue()).isEqualTo(116);
			assertThat(candidate.recourseDays()).isEqualTo(60);
			assertThat(candidate.outstanding()).isEqualTo(Money.of("4000.00"));
			assertThat(candidate.clientRef()).isEqualTo(book.client().getRef());
			assertThat(candidate.debtorRef()).isEqualTo(book.debtor().getRef());
		});
		assertThat(this.settlements.chargebackCandidates()).extracting(Settlements.ChargebackCandidate::invoiceId)
			.contains(late.getId())
			.doesNotContain(recent.getId());

		Settlement settlement = this.settlements.chargeBack(late.getId(), "debtor insolvent");

		assertThat(late.getStatus()).isEqualTo(InvoiceStatus.CHARGED_BACK);
		assertThat(settlement.getKind()).isEqualTo(SettlementKind.CHARGED_BACK);
		// 2026-07-02 -> 2026-11-25 = 29 + 31 + 30 + 31 + 25 = 146 days = 5 periods
		assertThat(settlement.getDays()).isEqualTo(146);
		assertThat(settlement.getFeePeriods()).isEqualTo(5);
		// 5,000 x 1.5 % x 5
		assertThat(settlement.getFee()).isEqualTo(Money.of("375.00"));
		// 5,000 - 1,000 collected: bought back by the client
		assertThat(settlement.getShortfall()).isEqualTo(Money.of("4000.00"));
		assertThat(settlement.getCreditLoss()).isEqualTo(Money.ZERO);
		// 1,000 - 375 - 4,000
		assertThat(settlement.getRebate()).isEqualTo(Money.of("-3375.00"));
		assertThat(book.entries(late)).containsExactly("RESERVE_CREATED 1000.00 2026-07-02", "FEE -375.00 2026-11-25",
				"CHARGEBACK -4000.00 2026-11-25");
		// 3,000 of the late one's advance released; the recent one's 2,400 stays
		assertThat(book.fundedExposure()).isEqualTo(Money.of("2400.00"));
		book.assertRowsMatchTheBook(TODAY);
		assertThat(decisions(late))
			.containsExactly("CHARGEBACK mgr.settle PARTIALLY_PAID>CHARGED_BACK debtor insolvent");
		assertThat(this.settlements.chargebackCandidates(book.client().getId())).isEmpty();
		// 1,000 - 4,000 - (-3,375) = 375 = fee
		assertThat(Money.of("1000.00").minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee());

		assertThatThrownBy(() -> this.settlements.chargeBack(recent.getId(), "too early"))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("settlement.chargeBack.tooEarly");
				assertThat(english(refusal)).isEqualTo("Invoice " + recent.getNumber()
						+ " is 26 days past due: it can be charged back after 60 days.");
			});
		assertThatThrownBy(() -> this.settlements.writeOff(recent.getId(), "recourse")).isInstanceOfSatisfying(
				BusinessRefusal.class,
				(refusal) -> assertThat(refusal.getCode()).isEqualTo("settlement.writeOff.recourse"));
		assertThat(recent.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
	}

	@Test
	void chargingBackOrWritingOffIsAManagersDecision() {
		// the invoice does not matter: the role is refused before anything is read
		assertThatThrownBy(() -> this.settlements.chargeBack(1L, "not mine to decide"))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> this.settlements.writeOff(1L, "not mine to decide"))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	@WithMockUser(username = "mgr.settle", roles = { "UNDERWRITER", "MANAGER" })
	void aNonRecourseInvoiceIsNotChargedBackButWrittenOffAsTheFactorsCreditLoss() {
		SettlementBook book = SettlementBook.nonRecourse(this.entities, this.engine, this.ledger, this.jdbc);
		Invoice invoice = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 7, 2), LocalDate.of(2026, 8, 1));

		assertThatThrownBy(() -> this.settlements.chargeBack(invoice.getId(), "unpaid"))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("settlement.chargeBack.nonRecourse");
				assertThat(english(refusal))
					.isEqualTo("Invoice " + invoice.getNumber() + " cannot be charged back: the facility of client "
							+ book.client().getRef() + " is non-recourse. Write it off instead.");
				assertThat(dutch(refusal))
					.startsWith("Factuur " + invoice.getNumber() + " kan niet worden teruggeboekt");
			});
		assertThat(this.settlements.chargebackCandidates(book.client().getId())).isEmpty();

		Settlement settlement = this.settlements.writeOff(invoice.getId(), "debtor bankrupt");

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.WRITTEN_OFF);
		assertThat(settlement.getKind()).isEqualTo(SettlementKind.WRITTEN_OFF);
		// 146 days = 5 periods: 5,000 x 1.5 % x 5
		assertThat(settlement.getFee()).isEqualTo(Money.of("375.00"));
		// nothing was paid: the whole face is the factor's loss, not the client's
		assertThat(settlement.getCreditLoss()).isEqualTo(Money.of("5000.00"));
		assertThat(settlement.getShortfall()).isEqualTo(Money.ZERO);
		// 1,000 - 375
		assertThat(settlement.getRebate()).isEqualTo(Money.of("625.00"));
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 1000.00 2026-07-02",
				"FEE -375.00 2026-11-25");
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);
		book.assertRowsMatchTheBook(TODAY);
		assertThat(decisions(invoice)).containsExactly("WRITE_OFF mgr.settle FUNDED>WRITTEN_OFF debtor bankrupt");
		// collected 0 - advance 4,000 - rebate 625 = -4,625 = fee 375 - credit loss 5,000
		assertThat(Money.ZERO.minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee().minus(settlement.getCreditLoss()));
	}

	@Test
	void aCreditNoteIsDilutionAtOnceAndTheRebateCarriesIt() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));

		Optional<Settlement> none = this.settlements.creditNote(invoice.getId(), Money.of("1500.00"),
				"price reduction agreed");

		assertThat(none).isEmpty();
		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(invoice.outstanding()).isEqualTo(Money.of("8500.00"));
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 2000.00 2026-09-01",
				"DILUTION -1500.00 2026-11-25");
		// credit notes do not repay the advance
		assertThat(book.fundedExposure()).isEqualTo(Money.of("8000.00"));
		assertThat(decisions(invoice))
			.containsExactly("CREDIT_NOTE uw.settle FUNDED>FUNDED credit note of 1500.00: price reduction agreed");

		Payment receipt = book.receipt("8500.00", TODAY);
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("8500.00"))));

		Settlement settlement = this.settlements.of(invoice.getId()).orElseThrow();
		// 85 days = 3 periods: 10,000 x 1.5 % x 3 (the fee is on the face)
		assertThat(settlement.getFee()).isEqualTo(Money.of("450.00"));
		assertThat(settlement.getCredited()).isEqualTo(Money.of("1500.00"));
		// 2,000 - 450 - 1,500
		assertThat(settlement.getRebate()).isEqualTo(Money.of("50.00"));
		assertThat(this.ledger.position(book.client().getId()).balance()).isEqualTo(Money.of("50.00"));
		// 8,500 - 8,000 - 50 = 450 = fee
		assertThat(Money.of("8500.00").minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee());
	}

	@Test
	void aCreditNoteThatCreditsTheInvoiceToNothingSettlesIt() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("1000.00", "800.00", "1.50", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("400.00", LocalDate.of(2026, 10, 1));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("400.00"))));
		// 800 - 400
		assertThat(book.fundedExposure()).isEqualTo(Money.of("400.00"));

		Settlement settlement = this.settlements.creditNote(invoice.getId(), Money.of("600.00"), "goods returned")
			.orElseThrow();

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(settlement.getKind()).isEqualTo(SettlementKind.PAID);
		// settled on the credit note's day: 85 days = 3 periods: 1,000 x 1.5 % x 3
		assertThat(settlement.getSettledOn()).isEqualTo(TODAY);
		assertThat(settlement.getFee()).isEqualTo(Money.of("45.00"));
		// 200 - 45 - 600
		assertThat(settlement.getRebate()).isEqualTo(Money.of("-445.00"));
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 200.00 2026-09-01",
				"DILUTION -600.00 2026-11-25", "FEE -45.00 2026-11-25");
		// closed: the 400 left of the advance is released
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);
		book.assertRowsMatchTheBook(TODAY);
		assertThat(decisions(invoice))
			.containsExactly("CREDIT_NOTE uw.settle PARTIALLY_PAID>PAID credit note of 600.00: goods returned");
		// 400 - 800 - (-445) = 45 = fee
		assertThat(Money.of("400.00").minus(settlement.getAdvance()).minus(settlement.getRebate()))
			.isEqualTo(settlement.getFee());
	}

	@Test
	void aCreditNoteAboveTheOutstandingOrNotPositiveIsRefused() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("1000.00", "800.00", "1.50", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));

		assertThatThrownBy(() -> this.settlements.creditNote(invoice.getId(), Money.of("1000.01"), "too much"))
			.isInstanceOfSatisfying(InvoiceRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("invoice.credit.exceedsOutstanding"));
		assertThatThrownBy(() -> this.settlements.creditNote(invoice.getId(), Money.ZERO, "nothing"))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getViolations().get(0).field()).isEqualTo("amount"));
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 200.00 2026-09-01");
	}

	@Test
	void aReversedPaymentReopensTheInvoiceReversesItsSettlementAndRaisesExposure() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("10000.00", LocalDate.of(2026, 10, 15));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("10000.00"))));
		Settlement paid = this.settlements.of(invoice.getId()).orElseThrow();
		assertThat(book.fundedExposure()).isEqualTo(Money.ZERO);

		CashApplication.Reversal reversal = this.cash.reverse(receipt.getId(), LocalDate.of(2026, 10, 20),
				"returned by the bank");

		assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(receipt.getReversedOn()).isEqualTo(LocalDate.of(2026, 10, 20));
		assertThat(paid.getReversedOn()).isEqualTo(LocalDate.of(2026, 10, 20));
		assertThat(this.settlements.of(invoice.getId())).isEmpty();
		assertThat(this.settlements.history(invoice.getId())).containsExactly(paid);
		// the fee of 300 is reversed; the reserve is held for the open invoice again
		assertThat(book.entries(invoice)).containsExactly("RESERVE_CREATED 2000.00 2026-09-01",
				"FEE -300.00 2026-10-15", "REVERSAL 300.00 2026-10-20");
		assertThat(this.ledger.position(book.client().getId()))
			.isEqualTo(new ReservePosition(Money.of("2000.00"), Money.of("2000.00"), Money.ZERO));
		// the 8,000 the payment had repaid is exposure again
		assertThat(book.fundedExposure()).isEqualTo(Money.of("8000.00"));
		book.assertRowsMatchTheBook(TODAY);
		assertThat(reversal.invoices()).singleElement().satisfies((reopened) -> {
			assertThat(reopened.from()).isEqualTo(InvoiceStatus.PAID);
			assertThat(reopened.to()).isEqualTo(InvoiceStatus.FUNDED);
			assertThat(reopened.exposureRaised()).isEqualTo(Money.of("8000.00"));
			assertThat(reopened.overLimit()).isFalse();
		});
		assertThat(decisions(invoice)).containsExactly(
				"REVERSAL uw.settle PAID>FUNDED payment " + receipt.getReference() + " reversed: returned by the bank");

		// paid again: a new settlement, the reversed one stays on record
		Payment again = book.receipt("10000.00", LocalDate.of(2026, 11, 2));
		this.cash.apply(again.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("10000.00"))));
		Settlement settled = this.settlements.of(invoice.getId()).orElseThrow();
		// 2026-09-01 -> 2026-11-02 = 29 + 31 + 2 = 62 days = 3 periods: 10,000 x 1.5 % x
		// 3
		assertThat(settled.getFee()).isEqualTo(Money.of("450.00"));
		assertThat(this.settlements.history(invoice.getId())).containsExactly(paid, settled);
		// 2,000 - 450
		assertThat(this.ledger.position(book.client().getId()).balance()).isEqualTo(Money.of("1550.00"));
	}

	@Test
	void aBounceThatBreachesALimitIsRecordedNotRefused() {
		SettlementBook book = recourse();
		Invoice first = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
		Invoice second = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
		Payment receipt = book.receipt("6000.00", LocalDate.of(2026, 10, 5));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(first.getId(), Money.of("5000.00")),
				new CashApplication.Allocate(second.getId(), Money.of("1000.00"))));
		// first paid (4,000 released), second 4,000 - 1,000 = 3,000 left
		assertThat(book.fundedExposure()).isEqualTo(Money.of("3000.00"));
		// the debtor's limit is lowered to 5,000 meanwhile
		book.debtor().setCreditLimit(Money.of("5000.00"), LocalDate.of(2027, 6, 30));
		this.entities.flush();

		CashApplication.Reversal reversal = this.cash.reverse(receipt.getId(), LocalDate.of(2026, 10, 9),
				"insufficient funds");

		// first: 4,000 again; second: 3,000 -> 4,000, 1,000 more: 3,000 + 4,000 + 1,000
		assertThat(book.fundedExposure()).isEqualTo(Money.of("8000.00"));
		assertThat(first.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(second.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(reversal.overLimit()).isTrue();
		assertThat(reversal.invoices()).extracting(CashApplication.Reopened::exposureRaised)
			.containsExactlyInAnyOrder(Money.of("4000.00"), Money.of("1000.00"));
		// the breach is on the record of the decision: the credit limit 5,000 before
		// and after each rise
		String limits = this.jdbc.queryForObject(
				"SELECT limits::text FROM invoice_decision WHERE invoice_id = ? AND kind = 'REVERSAL'", String.class,
				first.getId());
		assertThat(limits).contains("\"CREDIT_LIMIT\"").contains("\"over\": true");
		book.assertRowsMatchTheBook(TODAY);
	}

	@Test
	@WithMockUser(username = "mgr.settle", roles = { "UNDERWRITER", "MANAGER" })
	void aPaymentOfAnInvoiceChargedBackSinceIsNotReversed() {
		SettlementBook book = recourse();
		Invoice invoice = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 7, 2), LocalDate.of(2026, 8, 1));
		Payment receipt = book.receipt("1000.00", LocalDate.of(2026, 8, 20));
		this.cash.apply(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), Money.of("1000.00"))));
		this.settlements.chargeBack(invoice.getId(), "past recourse");

		assertThatThrownBy(() -> this.cash.reverse(receipt.getId(), TODAY, "bounced"))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("cash.reversal.closed");
				assertThat(english(refusal))
					.isEqualTo("Payment " + receipt.getReference() + " cannot be reversed: it paid invoice "
							+ invoice.getNumber() + ", which is Charged back since.");
			});
	}

	private SettlementBook recourse() {
		return SettlementBook.recourse(this.entities, this.engine, this.ledger, this.jdbc);
	}

	private List<String> decisions(Invoice invoice) {
		this.entities.flush();
		return this.jdbc.queryForList("""
				SELECT kind || ' ' || decided_by || ' ' || from_status || '>' || to_status || COALESCE(' ' || note, '')
				FROM invoice_decision WHERE invoice_id = ? ORDER BY id
				""", String.class, invoice.getId());
	}

	private String english(BusinessRefusal refusal) {
		return this.messages.getMessage(refusal.getViolations().get(0), Locale.ENGLISH);
	}

	private String dutch(BusinessRefusal refusal) {
		return this.messages.getMessage(refusal.getViolations().get(0), Locale.forLanguageTag("nl"));
	}

}
