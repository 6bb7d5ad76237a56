package com.factordesk.portfolio;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.Flag;
import com.factordesk.approval.FlagCode;
import com.factordesk.approval.InvoiceFlags;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Exposure and concentration, cross-aged debtors and the watchlist of the dashboard, on
 * two clients and three debtors of the test's own (a client or debtor scope isolates them
 * from the demo book), with the figures worked out by hand. Today is the demo's
 * 2026-11-25; everything is rolled back.
 *
 * <pre>
 * client X (facility limit 44,000.00), client Y (facility limit 100,000.00)
 * debtor P: credit limit 17,500.00, insurer limit 15,000.00 until 2027-06-30, country BE
 * debtor Q: credit limit 100,000.00, country LU
 * X-P  face 12,500.00, funded 2026-10-01, advance 10,000.00
 * Y-P  face 10,000.00, funded 2026-10-05, advance  8,000.00; 2,000.00 received 2026-11-20
 * X-Q  face 37,500.00, funded 2026-10-01, advance 30,000.00
 * Y-Q  face  5,000.00, approved 2026-11-24 with 4,000.00, awaiting funding
 * </pre>
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "MANAGER")
class ExposureQueriesIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private ExposureQueries queries;

	@Autowired
	private PortfolioScopes scopes;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private InvoiceFlags flags;

	private Client x;

	private Client y;

	private Debtor p;

	private Debtor q;

	@BeforeEach
	void twoClientsAndTwoDebtorsOfTheirOwn() {
		this.x = client("Exposure X B.V.", "44000.00");
		this.y = client("Exposure Y B.V.", "100000.00");
		this.p = debtor("Exposure P NV", "17500.00", "BE");
		this.q = debtor("Exposure Q SA", "100000.00", "LU");
		Invoice xp = funded(this.x, this.p, "12500.00", LocalDate.of(2026, 10, 1), "10000.00");
		Invoice yp = funded(this.y, this.p, "10000.00", LocalDate.of(2026, 10, 5), "8000.00");
		funded(this.x, this.q, "37500.00", LocalDate.of(2026, 10, 1), "30000.00");
		Invoice yq = save(Invoices.anInvoice(this.y, this.q)
			.issued(LocalDate.of(2026, 11, 20))
			.amount("5000.00")
			.approved("4000.00")
			.build());
		pay(this.p, yp, LocalDate.of(2026, 11, 20), "2000.00");
		this.entities.flush();
		for (Invoice invoice : List.of(xp, yp)) {
			assertThat(invoice.getId()).isNotNull();
		}
		this.jdbc.update("""
				INSERT INTO invoice_decision (invoice_id, kind, decided_by, decided_at, from_status, to_status, advance)
				VALUES (?, 'APPROVE', 'uw1', ?, 'SUBMITTED', 'APPROVED', 4000.00)
				""", yq.getId(), Timestamp.from(Instant.parse("2026-11-24T10:00:00Z")));
		this.jdbc.update("UPDATE debtor SET insurer_limit = 15000.00, insurer_limit_expires_on = ? WHERE id = ?",
				LocalDate.of(2027, 6, 30), this.p.getId());
		// the exposure rows the engine would keep for these advances (the watchlist reads
		// them):
		// P 10,000 + 6,000, Q 30,000 + 4,000 awaiting funding
		exposureRow(this.p, "16000.00", "0.00");
		exposureRow(this.q, "30000.00", "4000.00");
		// and for the facilities: X 10,000 + 30,000, Y 6,000 + 4,000 awaiting funding
		facilityRow(this.x, "40000.00", "0.00");
		facilityRow(this.y, "6000.00", "4000.00");
	}

	@Test
	void theWholeBookTodayIsReadFromTheExposureRowsWithTheRowsComputedFromTheAdvances() {
		PortfolioScope today = this.scopes.resolve(TODAY, null, null);
		assertThat(this.queries.readsTheExposureRows(today)).isTrue();
		// the rows as exposure_on(today) sums them for every debtor and facility of the
		// book: what the engine keeps them at (ExposureOnIntegrationTests checks the rows
		// themselves); this test compares the two statements, not the rows
		this.jdbc.update("""
				UPDATE debtor_exposure r SET funded = COALESCE(e.funded, 0), reserved = COALESCE(e.reserved, 0)
				FROM (SELECT d.id AS debtor_id, SUM(x.funded) AS funded, SUM(x.reserved) AS reserved
				      FROM debtor d LEFT JOIN exposure_on(?, ?) x ON x.debtor_id = d.id GROUP BY d.id) e
				WHERE e.debtor_id = r.debtor_id
				""", TODAY, this.clock.getZone().getId());
		this.jdbc.update("""
				UPDATE facility_exposure r SET funded = COALESCE(e.funded, 0), reserved = COALESCE(e.reserved, 0)
				FROM (SELECT c.id AS client_id, SUM(x.funded) AS funded, SUM(x.reserved) AS reserved
				      FROM client c LEFT JOIN exposure_on(?, ?) x ON x.client_id = c.id GROUP BY c.id) e
				WHERE e.client_id = r.client_id
				""", TODAY, this.clock.getZone().getId());
		assertThat(this.queries.readsTheExposureRows(this.scopes.resolve(TODAY.minusDays(1), null, null))).isFalse();
		assertThat(this.queries.readsTheExposureRows(this.scopes.resolve(TODAY, this.x.getRef(), null))).isFalse();
		// the page's ranks and the export's every debtor and client: the same rows either
		// way
		for (int top : List.of(10, ExposureQueries.ALL)) {
			List<ExposureQueries.Row> fromRows = new ArrayList<>();
			List<ExposureQueries.Row> computed = new ArrayList<>();
			this.queries.stream(today, top, top, true, fromRows::add);
			this.queries.stream(today, top, top, false, computed::add);
			assertThat(fromRows).as("top " + top).hasSizeGreaterThan(30).isEqualTo(computed);
		}
		List<ExposureQueries.Row> all = new ArrayList<>();
		this.queries.stream(today, ExposureQueries.ALL, ExposureQueries.ALL, all::add);
		// P: 10,000 from X + 6,000 from Y, two clients; Y: 6,000 + 4,000 awaiting funding
		// on two debtors
		assertThat(all).filteredOn((row) -> row.family().equals("debtor") && this.p.getRef().equals(row.debtorRef()))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.exposure()).isEqualTo(Money.of("16000.00"));
				assertThat(row.clients()).isEqualTo(2);
			});
		assertThat(all).filteredOn((row) -> row.family().equals("client") && this.y.getRef().equals(row.clientRef()))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.funded()).isEqualTo(Money.of("6000.00"));
				assertThat(row.reserved()).isEqualTo(Money.of("4000.00"));
				assertThat(row.debtors()).isEqualTo(2);
			});
		// what the engine's row says is what the page shows today: P's row raised above
		// every debtor of the book puts it first, with its two clients' shares of their
		// books (Y 6,000 / 10,000 = 60 % before X 10,000 / 40,000 = 25 %)
		exposureRow(this.p, "99000000.00", "0.00");
		ExposureView view = this.queries.exposure(today, 10, 15);
		assertThat(view.debtors().get(0).ref()).isEqualTo(this.p.getRef());
		assertThat(view.debtors().get(0).exposure()).isEqualTo(Money.of("99000000.00"));
		assertThat(view.debtors().get(0).clients())
			.extracting(ExposureView.ClientShare::exposure, ExposureView.ClientShare::share)
			.containsExactly(tuple(Money.of("6000.00"), new BigDecimal("0.600000")),
					tuple(Money.of("10000.00"), new BigDecimal("0.250000")));
	}

	@Test
	void aClientsBookByDebtorWithEachDebtorsShareAndItsLimitsAcrossAllClients() {
		ExposureView view = this.queries.exposure(this.scopes.resolve(TODAY, this.x.getRef(), null), 10, 15);

		// X: 10,000 on P + 30,000 on Q, nothing awaiting funding
		assertThat(view.funded()).isEqualTo(Money.of("40000.00"));
		assertThat(view.reserved()).isEqualTo(Money.ZERO);
		assertThat(view.debtors()).extracting(ExposureView.DebtorExposure::ref, ExposureView.DebtorExposure::exposure)
			.containsExactly(tuple(this.q.getRef(), Money.of("30000.00")),
					tuple(this.p.getRef(), Money.of("10000.00")));
		ExposureView.DebtorExposure q = view.debtors().get(0);
		ExposureView.DebtorExposure p = view.debtors().get(1);
		// 30,000 / 40,000 = 0.75 and 10,000 / 40,000 = 0.25 of X's exposure
		assertThat(q.share()).isEqualByComparingTo("0.75");
		assertThat(p.share()).isEqualByComparingTo("0.25");
		assertThat(q.clients()).singleElement().satisfies((share) -> {
			assertThat(share.ref()).isEqualTo(this.x.getRef());
			assertThat(share.share()).isEqualByComparingTo("0.75");
		});
		// P across all clients: 10,000 + (8,000 - 2,000) = 16,000 of its 17,500 credit
		// limit: 91.4 %, near; its open face 12,500 + (10,000 - 2,000) = 20,500 is over
		// its
		// 15,000 insurer limit
		assertThat(p.bookExposure()).isEqualTo(Money.of("16000.00"));
		assertThat(p.nearCreditLimit()).isTrue();
		assertThat(p.overCreditLimit()).isFalse();
		assertThat(p.openFace()).isEqualTo(Money.of("20500.00"));
		assertThat(p.insurerLimit()).isEqualTo(Money.of("15000.00"));
		assertThat(p.overInsurerLimit()).isTrue();
		// Q across all clients: 30,000 + 4,000 awaiting funding = 34,000 of 100,000
		assertThat(q.bookExposure()).isEqualTo(Money.of("34000.00"));
		assertThat(q.nearCreditLimit()).isFalse();
		assertThat(q.insurerLimit()).isNull();
		// X's facility: 40,000 of 44,000 = 90.9 %, near its limit
		assertThat(view.clients()).singleElement().satisfies((client) -> {
			assertThat(client.ref()).isEqualTo(this.x.getRef());
			assertThat(client.debtorCount()).isEqualTo(2);
			assertThat(client.facilityExposure()).isEqualTo(Money.of("40000.00"));
			assertThat(client.used()).isEqualByComparingTo("0.909091");
			assertThat(client.nearLimit()).isTrue();
			assertThat(client.overLimit()).isFalse();
		});
		// neither is scored: one group of 40,000; by country BE 10,000 (25 %), LU 30,000
		// (75 %); both in the builder's industry
		assertThat(view.grades()).singleElement().satisfies((grade) -> {
			assertThat(grade.key()).isNull();
			assertThat(grade.debtorCount()).isEqualTo(2);
			assertThat(grade.exposure()).isEqualTo(Money.of("40000.00"));
		});
		assertThat(view.countries())
			.extracting(ExposureView.GroupExposure::key, ExposureView.GroupExposure::exposure,
					(g) -> g.share().stripTrailingZeros())
			.containsExactly(tuple("LU", Money.of("30000.00"), new BigDecimal("0.75")),
					tuple("BE", Money.of("10000.00"), new BigDecimal("0.25")));
		assertThat(view.industries()).singleElement()
			.satisfies((industry) -> assertThat(industry.exposure()).isEqualTo(Money.of("40000.00")));
	}

	@Test
	void aDebtorAcrossItsClientsWithItsShareOfEachClientsBook() {
		ExposureView view = this.queries.exposure(this.scopes.resolve(TODAY, null, this.p.getRef()), 10, 15);

		// P: 10,000 at X + 6,000 at Y
		assertThat(view.total()).isEqualTo(Money.of("16000.00"));
		assertThat(view.debtors()).singleElement().satisfies((p) -> {
			assertThat(p.clientCount()).isEqualTo(2);
			assertThat(p.share()).isEqualByComparingTo("1");
			// X's book: 10,000 / 40,000 = 0.25; Y's: 6,000 / (6,000 + 4,000 on Q) = 0.6
			assertThat(p.clients()).extracting(ExposureView.ClientShare::ref, (c) -> c.share().stripTrailingZeros())
				.containsExactlyInAnyOrder(tuple(this.x.getRef(), new BigDecimal("0.25")),
						tuple(this.y.getRef(), new BigDecimal("0.6")));
		});
	}

	@Test
	void asOfAnEarlierDayOnlyTheAdvancesCollectionsAndApprovalsDatedByThenCount() {
		// 2026-11-19: Y's advance on P not yet repaid (8,000), Q's approval not yet given
		ExposureView before = this.queries
			.exposure(this.scopes.resolve(LocalDate.of(2026, 11, 19), this.y.getRef(), null), 10, 15);
		assertThat(before.funded()).isEqualTo(Money.of("8000.00"));
		assertThat(before.reserved()).isEqualTo(Money.ZERO);
		assertThat(before.debtors()).extracting(ExposureView.DebtorExposure::ref).containsExactly(this.p.getRef());

		// today: 6,000 on P and 4,000 awaiting funding on Q
		ExposureView now = this.queries.exposure(this.scopes.resolve(TODAY, this.y.getRef(), null), 10, 15);
		assertThat(now.funded()).isEqualTo(Money.of("6000.00"));
		assertThat(now.reserved()).isEqualTo(Money.of("4000.00"));
		// 2026-09-30: nothing funded yet
		ExposureView none = this.queries.exposure(this.scopes.resolve(LocalDate.of(2026, 9, 30), this.y.getRef(), null),
				10, 15);
		assertThat(none.debtors()).isEmpty();
		assertThat(none.total()).isEqualTo(Money.ZERO);
	}

	@Test
	void aDebtorIsCrossAgedAboveThePolicysTenPercentOver90DaysPastDueNotAtIt() {
		Debtor r = debtor("Exposure R GmbH", "100000.00", "DE");
		// 1,000 due 2026-07-31: 117 days past due today, 101 on 2026-11-09
		funded(this.x, r, "1000.00", LocalDate.of(2026, 7, 1), "800.00");
		// 9,000 due 2026-12-15: current; 100 received on it 2026-11-10
		Invoice current = save(Invoices.anInvoice(this.x, r)
			.issued(LocalDate.of(2026, 11, 1))
			.due(LocalDate.of(2026, 12, 15))
			.amount("9000.00")
			.fundedOn(LocalDate.of(2026, 11, 1))
			.build());
		pay(r, current, LocalDate.of(2026, 11, 10), "100.00");
		this.entities.flush();

		// 2026-11-09: 1,000 of 10,000 = 10 %, not more than 10 %: not cross-aged
		assertThat(this.queries.crossAged(this.scopes.resolve(LocalDate.of(2026, 11, 9), this.x.getRef(), null)))
			.isEmpty();
		// today: 1,000 of 1,000 + 8,900 = 9,900 is 10.1 %: cross-aged
		assertThat(this.queries.crossAged(this.scopes.resolve(TODAY, this.x.getRef(), null))).singleElement()
			.satisfies((aged) -> {
				assertThat(aged.ref()).isEqualTo(r.getRef());
				assertThat(aged.openAmount()).isEqualTo(Money.of("9900.00"));
				assertThat(aged.agedAmount()).isEqualTo(Money.of("1000.00"));
				assertThat(aged.agedShare()).isEqualByComparingTo("0.101010");
			});
		// the workbench flags a new invoice of R cross-aged today: the same rule
		Invoice queued = save(Invoices.anInvoice(this.y, r).issued(TODAY).amount("500.00").build());
		this.entities.flush();
		assertThat(this.flags.of(queued.getId())).extracting(Flag::code).contains(FlagCode.CROSS_AGED);
	}

	@Test
	void theWatchlistIsTheWorkbenchsWithWhy() {
		// P's 16,000 is within 10 % of the smaller of its limits, the 15,000 insurer
		// limit
		// (over it, in fact); Q's 34,000 is far from its 100,000
		assertThat(this.queries.watchlist(this.scopes.resolve(TODAY, this.x.getRef(), null))).singleElement()
			.satisfies((watched) -> {
				assertThat(watched.ref()).isEqualTo(this.p.getRef());
				assertThat(watched.nearLimit()).isTrue();
				assertThat(watched.exposure()).isEqualTo(Money.of("16000.00"));
				assertThat(watched.limit()).isEqualTo(Money.of("15000.00"));
				assertThat(watched.insurerLimit()).isTrue();
				assertThat(watched.gradeFell()).isFalse();
			});
	}

	@Test
	void thePageShowsTheSectionAndEachTableExports() throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		tables().stream()
			.filter((table) -> table.name().equals("top-debtors"))
			.findFirst()
			.orElseThrow()
			.rows(this.scopes.resolve(TODAY, this.x.getRef(), null), rows::add);
		assertThat(rows).extracting((row) -> row.get(1), (row) -> row.get(7))
			.containsExactly(tuple(this.q.getRef(), Money.of("30000.00")),
					tuple(this.p.getRef(), Money.of("10000.00")));
		assertThat(tables()).extracting(PortfolioTable::name)
			.contains("top-debtors", "debtor-client-shares", "exposure-by-client", "exposure-by-grade",
					"exposure-by-industry", "exposure-by-country", "cross-aged", "watchlist");
		for (PortfolioTable table : tables()) {
			table.rows(this.scopes.resolve(TODAY, this.x.getRef(), null),
					(row) -> assertThat(row).hasSize(table.columns().size()));
		}
		// the page last: MockMvc clears the test's security context when it is done
		this.mvc.perform(get("/portfolio").param("asOf", TODAY.toString()).param("clientRef", this.x.getRef()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"top-debtors-table\"")))
			.andExpect(
					content().string(org.hamcrest.Matchers.containsString("data-debtor=\"" + this.q.getRef() + "\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"exposure-by-client-table\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"watchlist-table\"")));
	}

	@Autowired
	private List<PortfolioTable> tableBeans;

	private List<PortfolioTable> tables() {
		return this.tableBeans;
	}

	private Client client(String name, String facilityLimit) {
		Client client = Clients.aClient()
			.named(name)
			.facility(new FacilityTerms(Money.of(facilityLimit), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.entities.persist(client);
		return client;
	}

	private Debtor debtor(String name, String creditLimit, String country) {
		Debtor debtor = Debtors.aDebtor().named(name).creditLimit(creditLimit).country(country).build();
		this.entities.persist(debtor);
		return debtor;
	}

	/**
	 * An invoice issued and funded on a day, due 30 days later, with its advance.
	 */
	private Invoice funded(Client client, Debtor debtor, String face, LocalDate on, String advance) {
		Invoice invoice = save(
				Invoices.anInvoice(client, debtor).issued(on).amount(face).approved(advance).fundedOn(on).build());
		this.entities.flush();
		this.jdbc.update("""
				INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_structure,
				                     fee_period_days, day_count)
				SELECT i.id, ?, i.amount, ?, i.amount - ?, ? / i.amount, f.fee_structure, f.fee_period_days, f.day_count
				FROM invoice i JOIN facility f ON f.client_id = i.client_id WHERE i.id = ?
				""", on, new BigDecimal(advance), new BigDecimal(advance), new BigDecimal(advance), invoice.getId());
		return invoice;
	}

	private Invoice save(Invoice invoice) {
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Debtor debtor, Invoice invoice, LocalDate on, String amount) {
		Payment payment = new Payment(debtor, on, Money.of(amount), "PAY-" + invoice.getNumber());
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(on));
		this.entities.persist(payment);
	}

	private void facilityRow(Client client, String funded, String reserved) {
		this.jdbc.update("""
				INSERT INTO facility_exposure (client_id, funded, reserved) VALUES (?, ?, ?)
				ON CONFLICT (client_id) DO UPDATE SET funded = EXCLUDED.funded, reserved = EXCLUDED.reserved
				""", client.getId(), new BigDecimal(funded), new BigDecimal(reserved));
	}

	private void exposureRow(Debtor debtor, String funded, String reserved) {
		this.jdbc.update("""
				INSERT INTO debtor_exposure (debtor_id, funded, reserved) VALUES (?, ?, ?)
				ON CONFLICT (debtor_id) DO UPDATE SET funded = EXCLUDED.funded, reserved = EXCLUDED.reserved
				""", debtor.getId(), new BigDecimal(funded), new BigDecimal(reserved));
	}

}
