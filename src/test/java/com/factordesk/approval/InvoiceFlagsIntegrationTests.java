package com.factordesk.approval;

import java.time.Clock;
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
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each flag of DESIGN section 4 that needs no exposure figure, raised by a case built for
 * it and not raised by its nearest miss, with its sentence in English and in Dutch. The
 * invoices sit on a client and a debtor of their own beside the demo book (today is
 * 2026-11-25) and are rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class InvoiceFlagsIntegrationTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final FacilityTerms UNFLAGGED = new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null,
			false, Rate.percent("100"));

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private MessageSource messages;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private RelatedParties related;

	@Autowired
	private Clock clock;

	@Autowired
	private CreditPolicy policy;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void aClientAndADebtorOfTheirOwn() {
		// a confidential facility without a concentration limit: the flags of the notice
		// of assignment and of concentration have their own tests
		// (LimitFlagsIntegrationTests)
		this.client = Clients.aClient().facility(UNFLAGGED).build();
		this.debtor = Debtors.aDebtor().build();
		this.entities.persist(this.client);
		this.entities.persist(this.debtor);
		// a fresh bureau reading: the debtor's score is not stale unless a test says so
		bureauReading(LocalDate.of(2026, 11, 1));
	}

	@Test
	void anotherInvoiceOfTheSameClientDebtorAndAmountTwoDaysApartIsAPossibleDuplicate() {
		Invoice queued = save(invoice("1234.56", LocalDate.of(2026, 11, 10)).number("INV-A"));
		save(invoice("1234.56", LocalDate.of(2026, 11, 12)).number("INV-123"));

		Flag duplicate = only(queued, FlagCode.DUPLICATE);
		assertThat(duplicate.severity()).isEqualTo(FlagSeverity.WARNING);
		// 2026-11-12 - 2026-11-10 = 2 days
		assertThat(english(duplicate)).isEqualTo("Possible duplicate: invoice INV-123 of the same client and debtor "
				+ "for the same amount (EUR 1,234.56), issued 2 days apart.");
		assertThat(dutch(duplicate)).isEqualTo("Mogelijk duplicaat: factuur INV-123 van dezelfde cliënt aan dezelfde "
				+ "debiteur voor hetzelfde bedrag (EUR 1.234,56), 2 dagen eerder of later uitgegeven.");
	}

	@Test
	void eightDaysApartOrACentDifferentIsNoDuplicate() {
		Invoice queued = save(invoice("1234.56", LocalDate.of(2026, 11, 10)));
		// 2026-11-18 - 2026-11-10 = 8 days, beyond the 7-day window
		save(invoice("1234.56", LocalDate.of(2026, 11, 18)));
		save(invoice("1234.57", LocalDate.of(2026, 11, 10)));
		// the same amount and day under another debtor of the client
		Debtor other = Debtors.aDebtor().build();
		this.entities.persist(other);
		save(Invoices.anInvoice(this.client, other).amount("1234.56").issued(LocalDate.of(2026, 11, 10)));

		assertThat(codes(queued)).doesNotContain(FlagCode.DUPLICATE);
	}

	@Test
	void theSameDebtorAmountAndIssueDateUnderAnotherClientIsDoublePledging() {
		Invoice queued = save(invoice("5000.00", LocalDate.of(2026, 11, 3)));
		Client other = Clients.aClient().named("Other Trading B.V.").build();
		this.entities.persist(other);
		save(Invoices.anInvoice(other, this.debtor).number("X-77").amount("5000.00").issued(LocalDate.of(2026, 11, 3)));

		Flag pledged = only(queued, FlagCode.DOUBLE_PLEDGING);
		assertThat(pledged.severity()).isEqualTo(FlagSeverity.ERROR);
		assertThat(english(pledged)).isEqualTo("Double pledging: invoice X-77 of Other Trading B.V., another client, "
				+ "is on the same debtor for the same amount (EUR 5,000.00) with the same issue date (2026-11-03).");
		assertThat(dutch(pledged)).isEqualTo("Dubbele verpanding: factuur X-77 van Other Trading B.V., een andere "
				+ "cliënt, staat op dezelfde debiteur voor hetzelfde bedrag (EUR 5.000,00) met dezelfde factuurdatum "
				+ "(2026-11-03).");
	}

	@Test
	void aDayApartUnderAnotherClientIsNoDoublePledging() {
		Invoice queued = save(invoice("5000.00", LocalDate.of(2026, 11, 3)));
		Client other = Clients.aClient().build();
		this.entities.persist(other);
		save(Invoices.anInvoice(other, this.debtor).amount("5000.00").issued(LocalDate.of(2026, 11, 4)));

		assertThat(codes(queued)).doesNotContain(FlagCode.DOUBLE_PLEDGING);
	}

	@Test
	void anInvoiceIssuedMoreThanSixtyDaysBeforeItWasSubmittedIsStale() {
		Invoice stale = save(invoice("800.00", LocalDate.of(2026, 9, 20)));
		Invoice fresh = save(invoice("900.00", LocalDate.of(2026, 9, 21)));
		// submitted on 2026-11-20 (10:00 UTC is 11:00 in Amsterdam, the same day):
		// 2026-09-20 -> 2026-11-20 = 10 (rest of Sept) + 31 (Oct) + 20 = 61 days: stale;
		// 2026-09-21 -> 2026-11-20 = 60 days: at the limit, not over it
		this.jdbc.update("UPDATE invoice SET submitted_at = TIMESTAMPTZ '2026-11-20 10:00:00+00' WHERE id IN (?, ?)",
				stale.getId(), fresh.getId());

		Flag flag = only(stale, FlagCode.STALE);
		assertThat(english(flag))
			.isEqualTo("Stale: issued 61 days before it was submitted on 2026-11-20; the policy allows 60.");
		assertThat(dutch(flag))
			.isEqualTo("Verouderd: 61 dagen vóór de indiening op 2026-11-20 uitgegeven; het beleid staat er 60 toe.");
		assertThat(codes(fresh)).doesNotContain(FlagCode.STALE);
	}

	@Test
	@WithMockUser(username = "admin", roles = { "ADMIN", "UNDERWRITER" })
	void theStaleLimitIsThatOfThePolicyInForce() {
		Invoice invoice = save(invoice("800.00", LocalDate.of(2026, 9, 20)));
		Invoice older = save(invoice("700.00", LocalDate.of(2026, 9, 19)));
		// 61 and 62 days before their submission (the test above): stale under the
		// configured 60
		this.jdbc.update("UPDATE invoice SET submitted_at = TIMESTAMPTZ '2026-11-20 10:00:00+00' WHERE id IN (?, ?)",
				invoice.getId(), older.getId());
		assertThat(codes(invoice)).contains(FlagCode.STALE);

		PolicyProperties configured = this.policy.current();
		this.policy.publish(
				new PolicyProperties(61, configured.duplicateWindowDays(), configured.crossAgingShare(),
						configured.bureauStaleDays(), configured.creditNoteDays(), configured.fourEyesThreshold(),
						configured.lapseDays(), configured.underwriterAuthority(), configured.watchlistLaterDays()),
				"longer before submission", "admin");

		assertThat(codes(invoice)).doesNotContain(FlagCode.STALE);
		assertThat(english(only(older, FlagCode.STALE)))
			.isEqualTo("Stale: issued 62 days before it was submitted on 2026-11-20; the policy allows 61.");
	}

	@Test
	void termsOtherThanTheClientsUsualOnesForTheDebtorArePossiblyReDated() {
		// three invoices of the year before, each on 30 days (the builder's default
		// terms)
		save(invoice("100.00", LocalDate.of(2026, 8, 1)));
		save(invoice("200.00", LocalDate.of(2026, 9, 1)));
		save(invoice("300.00", LocalDate.of(2026, 10, 1)));
		// 2026-11-10 -> 2027-01-09 = 20 + 31 + 9 = 60 days
		Invoice queued = save(invoice("400.00", LocalDate.of(2026, 11, 10)).due(LocalDate.of(2027, 1, 9)));
		Invoice usual = save(invoice("500.00", LocalDate.of(2026, 11, 11)));

		Flag flag = only(queued, FlagCode.REDATED);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		assertThat(english(flag)).isEqualTo("Possibly re-dated: terms of 60 days, where the 3 invoices of this client "
				+ "to this debtor in the year before all had 30 days.");
		assertThat(dutch(flag)).isEqualTo("Mogelijk omgedateerd: een betalingstermijn van 60 dagen, terwijl de 3 "
				+ "facturen van deze cliënt aan deze debiteur in het jaar ervoor alle 30 dagen hadden.");
		// the usual terms, and the queued one among the invoices before it: terms that
		// differ have no usual ones
		assertThat(codes(usual)).doesNotContain(FlagCode.REDATED);
	}

	@Test
	void withoutThreeEarlierInvoicesAllOnOneTermThereAreNoUsualTerms() {
		// two earlier invoices only
		save(invoice("100.00", LocalDate.of(2026, 9, 1)));
		save(invoice("200.00", LocalDate.of(2026, 10, 1)));
		Invoice fewBefore = save(invoice("400.00", LocalDate.of(2026, 11, 10)).due(LocalDate.of(2027, 1, 9)));
		assertThat(codes(fewBefore)).doesNotContain(FlagCode.REDATED);

		// a third, on 45 days: three earlier invoices, but on two terms
		save(invoice("300.00", LocalDate.of(2026, 10, 15)).due(LocalDate.of(2026, 11, 29)));
		Invoice mixed = save(invoice("450.00", LocalDate.of(2026, 11, 12)).due(LocalDate.of(2027, 1, 11)));
		assertThat(codes(mixed)).doesNotContain(FlagCode.REDATED);
	}

	@Test
	void aRecentCreditNoteAgainstAFundedInvoiceOfTheSameClientAndDebtorIsFlagged() {
		Invoice funded = save(
				invoice("3000.00", LocalDate.of(2026, 9, 1)).number("F-1").fundedOn(LocalDate.of(2026, 9, 2)));
		creditNote(funded, LocalDate.of(2026, 10, 20), "120.00");
		creditNote(funded, LocalDate.of(2026, 11, 2), "80.50");
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		Flag flag = only(queued, FlagCode.CREDIT_NOTE);
		// 120.00 + 80.50 = 200.50; the latest on 2026-11-02
		assertThat(english(flag)).isEqualTo("Credit note on a funded invoice: 2 credit notes of EUR 200.50 in all in "
				+ "the last 90 days against funded invoices of the same client and debtor, the latest on invoice F-1 "
				+ "on 2026-11-02.");
		assertThat(dutch(flag)).isEqualTo("Creditnota op een gefinancierde factuur: 2 creditnota’s van samen EUR "
				+ "200,50 in de laatste 90 dagen op gefinancierde facturen van dezelfde cliënt en debiteur, de laatste "
				+ "op factuur F-1 op 2026-11-02.");
	}

	@Test
	void anOldCreditNoteOrOneOnAnUnfundedInvoiceIsNotFlagged() {
		Invoice funded = save(invoice("3000.00", LocalDate.of(2026, 7, 1)).fundedOn(LocalDate.of(2026, 7, 2)));
		// 2026-11-25 - 90 days = 2026-08-27: a note of 2026-08-27 is 90 days old, outside
		// "the last 90 days" (2026-08-28 .. 2026-11-25)
		creditNote(funded, LocalDate.of(2026, 8, 27), "120.00");
		Invoice unfunded = save(invoice("400.00", LocalDate.of(2026, 11, 1)));
		creditNote(unfunded, LocalDate.of(2026, 11, 10), "50.00");
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		assertThat(codes(queued)).doesNotContain(FlagCode.CREDIT_NOTE);
	}

	@Test
	void aDebtorWithOpenDisputesIsFlaggedWithTheirCountAndAmount() {
		Invoice funded = save(invoice("3000.00", LocalDate.of(2026, 9, 1)).fundedOn(LocalDate.of(2026, 9, 2)));
		dispute(funded, LocalDate.of(2026, 10, 1), "250.00", null);
		dispute(funded, LocalDate.of(2026, 10, 5), "100.25", null);
		dispute(funded, LocalDate.of(2026, 9, 10), "999.00", LocalDate.of(2026, 9, 20));
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		Flag flag = only(queued, FlagCode.OPEN_DISPUTES);
		// the resolved one does not count: 250.00 + 100.25 = 350.25
		assertThat(english(flag)).isEqualTo("Open disputes: the debtor has 2 open disputes of EUR 350.25 in all.");
		assertThat(dutch(flag))
			.isEqualTo("Openstaande geschillen: de debiteur heeft 2 openstaande geschillen van samen EUR 350,25.");
	}

	@Test
	void aDebtorWhoseDisputesAreAllResolvedIsNotFlagged() {
		Invoice funded = save(invoice("3000.00", LocalDate.of(2026, 9, 1)).fundedOn(LocalDate.of(2026, 9, 2)));
		dispute(funded, LocalDate.of(2026, 9, 10), "999.00", LocalDate.of(2026, 9, 20));
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		assertThat(codes(queued)).doesNotContain(FlagCode.OPEN_DISPUTES);
	}

	@Test
	void aBureauScoreOlderThan180DaysOrNoneIsStale() {
		this.jdbc.update("DELETE FROM bureau_score WHERE debtor_id = ?", this.debtor.getId());
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));
		Flag none = only(queued, FlagCode.STALE_BUREAU);
		assertThat(none.severity()).isEqualTo(FlagSeverity.INFO);
		assertThat(english(none)).isEqualTo("Stale bureau score: the debtor has no bureau reading on file.");
		assertThat(dutch(none)).isEqualTo("Verouderde bureauscore: er is geen bureaumeting van de debiteur bekend.");

		// 2026-05-28 -> 2026-11-25 = 3 (May) + 30 + 31 + 31 + 30 + 31 + 25 = 181 days
		bureauReading(LocalDate.of(2026, 5, 28));
		Flag old = only(queued, FlagCode.STALE_BUREAU);
		assertThat(english(old)).isEqualTo("Stale bureau score: the newest reading on the debtor is of 2026-05-28, "
				+ "181 days old; the policy wants one of at most 180 days.");
		assertThat(dutch(old)).isEqualTo("Verouderde bureauscore: de nieuwste meting van de debiteur is van "
				+ "2026-05-28, 181 dagen oud; het beleid vraagt er een van hoogstens 180 dagen.");
	}

	@Test
	void aBureauScoreOf180DaysIsNotStale() {
		this.jdbc.update("DELETE FROM bureau_score WHERE debtor_id = ?", this.debtor.getId());
		// 2026-05-29 -> 2026-11-25 = 180 days: at the limit, not over it
		bureauReading(LocalDate.of(2026, 5, 29));
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		assertThat(codes(queued)).doesNotContain(FlagCode.STALE_BUREAU);
	}

	@Test
	void aDebtorWithMoreThanTenPercentOfItsOpenAmountOver90DaysPastDueIsCrossAged() {
		// due 2026-08-01: 2026-11-25 - 2026-08-01 = 116 days past due; due 2026-12-15:
		// current
		save(invoice("2000.00", LocalDate.of(2026, 7, 1)).due(LocalDate.of(2026, 8, 1))
			.fundedOn(LocalDate.of(2026, 7, 2)));
		save(invoice("8000.00", LocalDate.of(2026, 11, 15)).due(LocalDate.of(2026, 12, 15))
			.fundedOn(LocalDate.of(2026, 11, 16)));
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		Flag flag = only(queued, FlagCode.CROSS_AGED);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.ERROR);
		// 2,000.00 / (2,000.00 + 8,000.00) = 20 %
		assertThat(english(flag)).isEqualTo("Debtor cross-aged: 20 % of its open EUR 10,000.00 (EUR 2,000.00) is over "
				+ "90 days past due, more than the 10 % the policy allows: none of its invoices is eligible.");
		assertThat(dutch(flag)).isEqualTo("Debiteur te ver achter: 20 % van zijn openstaande EUR 10.000,00 (EUR "
				+ "2.000,00) is meer dan 90 dagen over de vervaldatum, meer dan de 10 % die het beleid toestaat: geen "
				+ "van zijn facturen komt in aanmerking.");
	}

	@Test
	void exactlyTenPercentOver90DaysOrAnInvoiceJust90DaysPastDueIsNotCrossAged() {
		// 1,000.00 over 90 days of 1,000.00 + 4,000.00 + 5,000.00 = 10,000.00 open: 10 %,
		// not more than 10 % (were the 5,000.00 at 90 days counted, it would be 60 %)
		save(invoice("1000.00", LocalDate.of(2026, 7, 1)).due(LocalDate.of(2026, 8, 1))
			.fundedOn(LocalDate.of(2026, 7, 2)));
		save(invoice("4000.00", LocalDate.of(2026, 11, 15)).due(LocalDate.of(2026, 12, 15))
			.fundedOn(LocalDate.of(2026, 11, 16)));
		// due 2026-08-27: 2026-11-25 - 2026-08-27 = 4 + 30 + 31 + 25 = 90 days, not over
		// 90
		save(invoice("5000.00", LocalDate.of(2026, 7, 28)).due(LocalDate.of(2026, 8, 27))
			.fundedOn(LocalDate.of(2026, 7, 29)));
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));

		assertThat(codes(queued)).doesNotContain(FlagCode.CROSS_AGED);
	}

	@Test
	void aDebtorSharingTheClientsRegistrationNumberIsARelatedParty() {
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));
		assertThat(codes(queued)).doesNotContain(FlagCode.RELATED_PARTY);

		// the same number, written another way
		this.jdbc.update("UPDATE debtor SET registration_number = ? WHERE id = ?",
				this.client.getRegistrationNumber().toLowerCase(Locale.ROOT).replace("-", " "), this.debtor.getId());
		Flag flag = only(queued, FlagCode.RELATED_PARTY);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.ERROR);
		assertThat(english(flag)).isEqualTo("Related party: the client and the debtor share registration number "
				+ this.client.getRegistrationNumber() + ".");
		assertThat(dutch(flag)).isEqualTo("Verbonden partij: de cliënt en de debiteur hebben hetzelfde "
				+ "registratienummer " + this.client.getRegistrationNumber() + ".");
	}

	@Test
	@WithMockUser(username = "uw7", roles = "UNDERWRITER")
	void aClientAndADebtorMarkedRelatedAreARelatedPartyWithWhoMarkedThemAndWhy() {
		Invoice queued = save(invoice("700.00", LocalDate.of(2026, 11, 20)));
		assertThat(codes(queued)).doesNotContain(FlagCode.RELATED_PARTY);
		// the reason is required and the client must be one of the debtor's
		assertThatThrownBy(() -> this.related.mark(this.debtor.getRef(), this.client.getId(), " "))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("related.reason.missing"));
		assertThat(codes(queued)).doesNotContain(FlagCode.RELATED_PARTY);

		this.related.mark(this.debtor.getRef(), this.client.getId(), "same managing director");

		Flag flag = only(queued, FlagCode.RELATED_PARTY);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.ERROR);
		assertThat(english(flag)).isEqualTo(
				"Related party: marked related by uw7 on " + LocalDate.now(this.clock) + ": same managing director.");
		assertThat(dutch(flag)).isEqualTo("Verbonden partij: als verbonden gemarkeerd door uw7 op "
				+ LocalDate.now(this.clock) + ": same managing director.");
		// once per pair
		assertThatThrownBy(() -> this.related.mark(this.debtor.getRef(), this.client.getId(), "again"))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("related.exists"));
	}

	@Test
	void aCleanInvoiceHasNoFlagAndAPageOfInvoicesIsReadInOneGo() {
		Invoice clean = save(invoice("700.00", LocalDate.of(2026, 11, 20)));
		Invoice another = save(invoice("710.00", LocalDate.of(2026, 11, 20)));
		Client sameNumber = Clients.aClient().facility(UNFLAGGED).build();
		this.entities.persist(sameNumber);
		this.jdbc.update("UPDATE client SET registration_number = 'REG-X' || id WHERE id = ?", sameNumber.getId());
		Debtor own = Debtors.aDebtor().build();
		this.entities.persist(own);
		this.entities.flush();
		this.jdbc.update("UPDATE debtor SET registration_number = 'REG-X' || ? WHERE id = ?", sameNumber.getId(),
				own.getId());
		bureauReading(own, LocalDate.of(2026, 11, 1));
		Invoice other = save(Invoices.anInvoice(sameNumber, own).amount("720.00").issued(LocalDate.of(2026, 11, 20)));

		var page = this.flags.of(List.of(clean.getId(), another.getId(), other.getId()));
		assertThat(page.get(clean.getId())).isEmpty();
		assertThat(page.get(another.getId())).isEmpty();
		assertThat(page.get(other.getId())).extracting(Flag::code).containsExactly(FlagCode.RELATED_PARTY);
	}

	private Invoices invoice(String amount, LocalDate issued) {
		return Invoices.anInvoice(this.client, this.debtor).amount(amount).issued(issued);
	}

	private Invoice save(Invoices invoice) {
		Invoice built = invoice.build();
		this.entities.persist(built);
		this.entities.flush();
		return built;
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

	private void bureauReading(LocalDate asOf) {
		bureauReading(this.debtor, asOf);
	}

	private void bureauReading(Debtor debtor, LocalDate asOf) {
		this.entities.flush();
		this.jdbc.update("INSERT INTO bureau_score (debtor_id, provider, score, as_of) VALUES (?, 'GRAYDON', 70, ?)",
				debtor.getId(), asOf);
	}

	private void creditNote(Invoice invoice, LocalDate issuedOn, String amount) {
		this.jdbc.update("INSERT INTO credit_note (invoice_id, issued_on, amount, reason) VALUES (?, ?, ?, 'test')",
				invoice.getId(), issuedOn, new java.math.BigDecimal(amount));
	}

	private void dispute(Invoice invoice, LocalDate openedOn, String amount, LocalDate resolvedOn) {
		this.jdbc.update("""
				INSERT INTO dispute (invoice_id, reason, opened_on, amount, resolved_on, outcome)
				VALUES (?, 'QUALITY', ?, ?, ?, ?)
				""", invoice.getId(), openedOn, new java.math.BigDecimal(amount), resolvedOn,
				(resolvedOn != null) ? "WITHDRAWN" : null);
	}

}
