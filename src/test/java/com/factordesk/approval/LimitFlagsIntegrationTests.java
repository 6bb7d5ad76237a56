package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.QuoteRequest;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit flags of DESIGN section 4 (over the debtor's credit limit, its insurer limit,
 * the client's facility, concentration) and the missing notice of assignment: each raised
 * by a case built for it and not raised by its nearest miss, with figures worked out by
 * hand. Each test has a client and a debtor of its own beside the demo book (today is
 * 2026-11-25); the exposure rows are set as the exposure engine would have left them, and
 * everything is rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class LimitFlagsIntegrationTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private MessageSource messages;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void anAdvanceTakingTheDebtorsExposureAboveItsCreditLimitIsAnError() {
		Client client = client(facility("1000000.00", "80", true, "100"));
		Debtor debtor = debtor(Debtors.aDebtor().creditLimit("10000.00").build());
		debtorExposure(debtor, "6000.00", "1500.00");
		Invoice over = save(Invoices.anInvoice(client, debtor).amount("3200.00").issued(LocalDate.of(2026, 11, 20)));
		Invoice atTheLimit = save(
				Invoices.anInvoice(client, debtor).amount("3125.00").issued(LocalDate.of(2026, 11, 21)));

		Flag flag = only(over, FlagCode.OVER_CREDIT_LIMIT);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.ERROR);
		// 6,000.00 + 1,500.00 = 7,500.00 in use; 3,200.00 x 80 % = 2,560.00 advanced;
		// 7,500.00 + 2,560.00 = 10,060.00, 60.00 above 10,000.00
		assertThat(english(flag)).isEqualTo("Over the debtor’s credit limit: its exposure of EUR 7,500.00 across all "
				+ "clients and this invoice’s advance of EUR 2,560.00 make EUR 10,060.00, EUR 60.00 above its credit "
				+ "limit of EUR 10,000.00.");
		assertThat(dutch(flag)).isEqualTo("Boven de kredietlimiet van de debiteur: zijn blootstelling van EUR "
				+ "7.500,00 over alle cliënten en het voorschot op deze factuur van EUR 2.560,00 maken samen EUR "
				+ "10.060,00, EUR 60,00 boven zijn kredietlimiet van EUR 10.000,00.");
		// 3,125.00 x 80 % = 2,500.00: 7,500.00 + 2,500.00 = 10,000.00, at the limit, not
		// over it
		assertThat(codes(atTheLimit)).doesNotContain(FlagCode.OVER_CREDIT_LIMIT);
	}

	@Test
	void anApprovalAlreadyReservedIsNotCountedTwice() {
		Client client = client(facility("1000000.00", "80", true, "100"));
		Debtor debtor = debtor(Debtors.aDebtor().creditLimit("8000.00").build());
		Invoice approved = save(Invoices.anInvoice(client, debtor).amount("2500.00").approved("2000.00"));
		// 6,000.00 funded and this approval's 2,000.00 reserved: 8,000.00, the limit
		debtorExposure(debtor, "6000.00", "2000.00");
		assertThat(codes(approved)).doesNotContain(FlagCode.OVER_CREDIT_LIMIT);

		// 1 cent more in use elsewhere takes it over: (8,000.01 - 2,000.00) + 2,000.00
		debtorExposure(debtor, "6000.01", "2000.00");
		Flag flag = only(approved, FlagCode.OVER_CREDIT_LIMIT);
		assertThat(english(flag)).contains("its exposure of EUR 6,000.01", "advance of EUR 2,000.00",
				"make EUR 8,000.01, EUR 0.01 above");
	}

	@Test
	void anInsuredOpenFaceAboveTheInsurerLimitIsAWarningWhileTheCoverRuns() {
		Client client = client(facility("1000000.00", "80", true, "100"));
		Debtor insured = Debtors.aDebtor().build();
		insured.insure(Money.of("5000.00"), LocalDate.of(2027, 3, 31));
		debtor(insured);
		// open: 3,000.00 funded and unpaid, and 1,000.00 approved awaiting funding
		save(Invoices.anInvoice(client, insured)
			.amount("3000.00")
			.issued(LocalDate.of(2026, 11, 1))
			.fundedOn(LocalDate.of(2026, 11, 2)));
		save(Invoices.anInvoice(client, insured)
			.amount("1000.00")
			.issued(LocalDate.of(2026, 11, 10))
			.approved("800.00"));
		Invoice over = save(Invoices.anInvoice(client, insured).amount("1200.00").issued(LocalDate.of(2026, 11, 20)));
		Invoice atTheLimit = save(
				Invoices.anInvoice(client, insured).amount("1000.00").issued(LocalDate.of(2026, 11, 21)));

		Flag flag = only(over, FlagCode.OVER_INSURER_LIMIT);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		// 3,000.00 + 1,000.00 = 4,000.00 insured open face; + 1,200.00 = 5,200.00, 200.00
		// above 5,000.00
		assertThat(english(flag)).isEqualTo("Over the insurer limit: the debtor’s insured open face of EUR 4,000.00 "
				+ "and this invoice’s face of EUR 1,200.00 make EUR 5,200.00, EUR 200.00 above the EUR 5,000.00 its "
				+ "credit insurer covers until 2027-03-31.");
		assertThat(dutch(flag)).isEqualTo("Boven de verzekerde limiet: het verzekerde openstaande factuurbedrag van de "
				+ "debiteur van EUR 4.000,00 en het factuurbedrag van deze factuur van EUR 1.200,00 maken samen EUR "
				+ "5.200,00, EUR 200,00 boven de EUR 5.000,00 die de kredietverzekeraar tot 2027-03-31 dekt.");
		// 4,000.00 + 1,000.00 = 5,000.00: at the limit
		assertThat(codes(atTheLimit)).doesNotContain(FlagCode.OVER_INSURER_LIMIT);
	}

	@Test
	void anExpiredCoverOrNoneRaisesNoInsurerFlag() {
		Client client = client(facility("1000000.00", "80", true, "100"));
		Debtor expired = Debtors.aDebtor().build();
		// expired yesterday (today is 2026-11-25)
		expired.insure(Money.of("100.00"), LocalDate.of(2026, 11, 24));
		debtor(expired);
		Invoice onExpired = save(Invoices.anInvoice(client, expired).amount("1200.00"));
		Debtor uninsured = debtor(Debtors.aDebtor().build());
		Invoice onUninsured = save(Invoices.anInvoice(client, uninsured).amount("1200.00"));

		assertThat(codes(onExpired)).doesNotContain(FlagCode.OVER_INSURER_LIMIT);
		assertThat(codes(onUninsured)).doesNotContain(FlagCode.OVER_INSURER_LIMIT);

		// the cover runs through its last day
		this.jdbc.update("UPDATE debtor SET insurer_limit_expires_on = DATE '2026-11-25' WHERE id = ?",
				expired.getId());
		assertThat(codes(onExpired)).contains(FlagCode.OVER_INSURER_LIMIT);
	}

	@Test
	void anAdvanceTakingTheFacilityAboveItsLimitIsAnError() {
		Client client = client(facility("50000.00", "80", true, "100"));
		Debtor debtor = debtor(Debtors.aDebtor().build());
		facilityExposure(client, "45000.00", "3000.00");
		Invoice over = save(Invoices.anInvoice(client, debtor).amount("2600.00").issued(LocalDate.of(2026, 11, 20)));
		Invoice atTheLimit = save(
				Invoices.anInvoice(client, debtor).amount("2500.00").issued(LocalDate.of(2026, 11, 21)));

		Flag flag = only(over, FlagCode.OVER_FACILITY);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.ERROR);
		// 45,000.00 + 3,000.00 = 48,000.00; 2,600.00 x 80 % = 2,080.00; 50,080.00 is
		// 80.00 above 50,000.00
		assertThat(english(flag)).isEqualTo("Over the facility limit: the client’s exposure of EUR 48,000.00 and this "
				+ "invoice’s advance of EUR 2,080.00 make EUR 50,080.00, EUR 80.00 above its facility limit of "
				+ "EUR 50,000.00.");
		assertThat(dutch(flag)).isEqualTo("Boven de faciliteitslimiet: de blootstelling op de cliënt van EUR "
				+ "48.000,00 en het voorschot op deze factuur van EUR 2.080,00 maken samen EUR 50.080,00, EUR 80,00 "
				+ "boven de faciliteitslimiet van EUR 50.000,00.");
		// 2,500.00 x 80 % = 2,000.00: 50,000.00, at the limit
		assertThat(codes(atTheLimit)).doesNotContain(FlagCode.OVER_FACILITY);
	}

	@Test
	void aDebtorOwingMoreThanTheConcentrationLimitOfTheClientsBookIsAWarning() {
		Client client = client(facility("1000000.00", "80", true, "25"));
		Debtor debtor = debtor(Debtors.aDebtor().build());
		Debtor other = debtor(Debtors.aDebtor().build());
		// the client's funded, open book: 2,000.00 on the debtor, 8,000.00 on another
		funded(client, debtor, "2000.00");
		funded(client, other, "8000.00");
		Invoice over = save(Invoices.anInvoice(client, debtor).amount("1400.00").issued(LocalDate.of(2026, 11, 20)));
		Invoice within = save(Invoices.anInvoice(client, debtor).amount("600.00").issued(LocalDate.of(2026, 11, 21)));

		Flag flag = only(over, FlagCode.OVER_CONCENTRATION);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		// 2,000.00 + 1,400.00 = 3,400.00 of 10,000.00 + 1,400.00 = 11,400.00: 29.82.. %
		// ->
		// 29.8 %; 25 % of 11,400.00 = 2,850.00 < 3,400.00
		assertThat(english(flag)).isEqualTo("Over concentration: with this invoice the debtor would owe EUR 3,400.00 "
				+ "of the client’s funded, open book of EUR 11,400.00, 29.8 %, above the facility’s concentration "
				+ "limit of 25 %.");
		assertThat(dutch(flag)).isEqualTo("Boven de concentratielimiet: met deze factuur zou de debiteur EUR 3.400,00 "
				+ "verschuldigd zijn van de gefinancierde, openstaande portefeuille van de cliënt van EUR 11.400,00, "
				+ "29,8 %, boven de concentratielimiet van de faciliteit van 25 %.");
		// 2,000.00 + 600.00 = 2,600.00 of 10,600.00: 25 % of it is 2,650.00, not exceeded
		assertThat(codes(within)).doesNotContain(FlagCode.OVER_CONCENTRATION);
	}

	@Test
	void concentrationIsTheQuotesFigureToTheCentRoundedHalfToEven() {
		Client client = client(facility("1000000.00", "80", true, "25"));
		Debtor debtor = debtor(Debtors.aDebtor().build());
		Debtor other = debtor(Debtors.aDebtor().build());
		funded(client, debtor, "1749.99");
		funded(client, other, "8250.01");
		// owed 1,749.99 + 1,000.02 = 2,750.01 of a book of 10,000.00 + 1,000.02 =
		// 11,000.02; 25 % of it is 2,750.005: half to even 2,750.00 (exceeded by a cent),
		// half up 2,750.01 (not exceeded)
		Invoice byACent = save(Invoices.anInvoice(client, debtor).amount("1000.02"));
		// owed 1,749.99 + 1,000.01 = 2,750.00 of 11,000.01: 25 % is 2,750.0025 ->
		// 2,750.00,
		// not exceeded
		Invoice atTheLimit = save(Invoices.anInvoice(client, debtor).amount("1000.01"));

		// the quote's own concentration figure says the same
		assertThat(new QuoteRequest.Concentration(Money.of("2750.01"), Money.of("11000.02")).above(Rate.percent("25")))
			.isEqualTo(Money.of("0.01"));
		assertThat(codes(byACent)).contains(FlagCode.OVER_CONCENTRATION);
		// 2,750.01 / 11,000.02 = 25.0000.. % -> 25.0 %
		assertThat(english(only(byACent, FlagCode.OVER_CONCENTRATION))).contains("EUR 2,750.01",
				"book of EUR 11,000.02, 25.0 %");
		assertThat(codes(atTheLimit)).doesNotContain(FlagCode.OVER_CONCENTRATION);
	}

	@Test
	void aNotificationFacilityWithoutANoticeOfAssignmentIsAWarning() {
		Client notified = client(facility("1000000.00", "80", true, "100"));
		Client confidential = client(facility("1000000.00", "80", false, "100"));
		Debtor debtor = debtor(Debtors.aDebtor().build());
		Invoice onNotified = save(Invoices.anInvoice(notified, debtor).amount("500.00"));
		Invoice onConfidential = save(Invoices.anInvoice(confidential, debtor).amount("500.00"));

		Flag flag = only(onNotified, FlagCode.NO_NOTICE);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		assertThat(english(flag)).isEqualTo("No notice of assignment: the facility is a notification facility and no "
				+ "notice of assignment to this debtor is on file.");
		assertThat(dutch(flag)).isEqualTo("Geen cessiemededeling: de faciliteit is openbaar (met mededeling) en er is "
				+ "geen cessiemededeling aan deze debiteur bekend.");
		assertThat(codes(onConfidential)).doesNotContain(FlagCode.NO_NOTICE);

		this.jdbc.update("""
				INSERT INTO notice_of_assignment (client_id, debtor_id, sent_on, reference, recorded_by, recorded_at)
				VALUES (?, ?, DATE '2026-11-01', 'NOA-1', 'underwriter', TIMESTAMPTZ '2026-11-01 12:00:00+00')
				""", notified.getId(), debtor.getId());
		assertThat(codes(onNotified)).doesNotContain(FlagCode.NO_NOTICE);
	}

	@Test
	void aFundedInvoiceHasNoLimitFlags() {
		Client client = client(facility("1000.00", "80", true, "25"));
		Debtor debtor = debtor(Debtors.aDebtor().creditLimit("0.00").build());
		Invoice funded = save(Invoices.anInvoice(client, debtor)
			.amount("5000.00")
			.issued(LocalDate.of(2026, 11, 1))
			.fundedOn(LocalDate.of(2026, 11, 2)));
		assertThat(codes(funded)).doesNotContain(FlagCode.OVER_CREDIT_LIMIT, FlagCode.OVER_FACILITY,
				FlagCode.OVER_CONCENTRATION, FlagCode.OVER_INSURER_LIMIT);
	}

	private static FacilityTerms facility(String limit, String advancePercent, boolean notification,
			String concentrationPercent) {
		return new FacilityTerms(Money.of(limit), Rate.percent(advancePercent), null, notification,
				Rate.percent(concentrationPercent));
	}

	private Client client(FacilityTerms terms) {
		Client client = Clients.aClient().facility(terms).build();
		this.entities.persist(client);
		return client;
	}

	private Debtor debtor(Debtor debtor) {
		this.entities.persist(debtor);
		return debtor;
	}

	private void funded(Client client, Debtor debtor, String amount) {
		save(Invoices.anInvoice(client, debtor)
			.amount(amount)
			.issued(LocalDate.of(2026, 11, 1))
			.fundedOn(LocalDate.of(2026, 11, 2)));
	}

	private Invoice save(Invoices invoice) {
		Invoice built = invoice.build();
		this.entities.persist(built);
		this.entities.flush();
		return built;
	}

	private void debtorExposure(Debtor debtor, String funded, String reserved) {
		this.entities.flush();
		this.jdbc.update("""
				INSERT INTO debtor_exposure (debtor_id, funded, reserved) VALUES (?, ?, ?)
				ON CONFLICT (debtor_id) DO UPDATE SET funded = EXCLUDED.funded, reserved = EXCLUDED.reserved
				""", debtor.getId(), new BigDecimal(funded), new BigDecimal(reserved));
	}

	private void facilityExposure(Client client, String funded, String reserved) {
		this.entities.flush();
		this.jdbc.update("""
				INSERT INTO facility_exposure (client_id, funded, reserved) VALUES (?, ?, ?)
				ON CONFLICT (client_id) DO UPDATE SET funded = EXCLUDED.funded, reserved = EXCLUDED.reserved
				""", client.getId(), new BigDecimal(funded), new BigDecimal(reserved));
	}

	private List<FlagCode> codes(Invoice invoice) {
		return this.flags.of(invoice.getId()).stream().map(Flag::code).toList();
	}

	private Flag only(Invoice invoice, FlagCode code) {
		List<Flag> found = this.flags.of(invoice.getId()).stream().filter((flag) -> flag.code() == code).toList();
		assertThat(found).as("%s flags on the invoice", code).hasSize(1);
		return found.get(0);
	}

	private String english(Flag flag) {
		return this.messages.getMessage(flag, Locale.ENGLISH);
	}

	private String dutch(Flag flag) {
		return this.messages.getMessage(flag, DUTCH);
	}

}
