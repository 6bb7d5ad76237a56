package com.factordesk.approval;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.DayCount;
import com.factordesk.client.FacilityTerms;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A funding run through {@link FundingRuns}: the advances it records at the frozen
 * quotes, the exposure it moves from reserved to funded, the FUND decisions, what it
 * skips and why, the refusals, the mark paid and the payout file. The invoices belong to
 * a client of its own (facility 1,000,000 at 80 %) and to a demo debtor with a good grade
 * and little exposure; everything is rolled back. Today is the demo's 2026-11-25.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.funding", roles = "UNDERWRITER")
class FundingRunsIntegrationTests {

	@Autowired
	private FundingRuns fundingRuns;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MessageSource messages;

	@Autowired
	private Clock clock;

	private Client client;

	private Debtor debtor;

	@BeforeEach
	void aClientOfItsOwnAndAGoodDebtor() {
		this.client = Clients.aClient()
			.facility(new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.entities.persist(this.client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = s.debtor_id
				                  AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'HELD'))
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		this.debtor = this.entities.find(Debtor.class, debtorId);
		this.debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
	}

	@Test
	void aRunFundsTheApprovedInvoicesAtTheirFrozenQuotesAndMovesTheirExposureToFunded() {
		Invoice full = queued("10000.00");
		Invoice lower = queued("7000.00");
		Money quoted = this.quotes.quote(full.getId()).orElseThrow().quote().advance();
		this.underwriting.approve(full.getId(), Optional.empty(), Optional.empty(), "in full");
		this.underwriting.approve(lower.getId(), Optional.of(Money.of("3500.00")), Optional.empty(), "half");
		Map<String, Object> frozen = approval(full);
		// the client negotiates a fee discount after the approvals: a fresh quote now
		// charges 0.25 % less, the frozen one still what was approved
		this.client.getFacility()
			.agreeFeeTerms(new FeeTerms(FeeKind.TIERED, 30, DayCount.ACT_360, Rate.percent("0.25")));
		this.entities.flush();
		Rate freshFeeRate = this.quotes.quote(full.getId()).orElseThrow().quote().feeRate();
		assertThat(freshFeeRate.fraction()).isNotEqualByComparingTo((BigDecimal) frozen.get("fee_rate"));
		Exposure debtorBefore = exposure("debtor_exposure", "debtor_id", this.debtor.getId());
		Exposure facilityBefore = exposure("facility_exposure", "client_id", this.client.getId());

		FundingOutcome outcome = this.fundingRuns.fund(FundClient.all(this.client.getRef()));

		// the quoted advance and 3,500.00
		Money total = quoted.plus(Money.of("3500.00"));
		assertThat(outcome.funded()).containsExactly(full.getNumber(), lower.getNumber());
		assertThat(outcome.skipped()).isEmpty();
		assertThat(outcome.total()).isEqualByComparingTo(total.amount());
		Map<String, Object> run = this.jdbc.queryForMap("SELECT * FROM funding_run WHERE id = ?", outcome.runId());
		assertThat(run).containsEntry("client_id", this.client.getId())
			.containsEntry("run_on", java.sql.Date.valueOf(LocalDate.of(2026, 11, 25)))
			.containsEntry("invoice_count", 2)
			.containsEntry("created_by", "uw.funding");
		assertThat((BigDecimal) run.get("total")).isEqualByComparingTo(total.amount());
		assertThat(run.get("paid_at")).isNull();

		Map<String, Object> fullAdvance = advance(full);
		assertThat((BigDecimal) fullAdvance.get("amount")).isEqualByComparingTo(quoted.amount());
		// amount + reserve = face
		assertThat((BigDecimal) fullAdvance.get("reserve"))
			.isEqualByComparingTo(new BigDecimal("10000.00").subtract(quoted.amount()));
		assertThat((BigDecimal) fullAdvance.get("face")).isEqualByComparingTo("10000.00");
		// the full quoted advance: the frozen advance rate, fee rate and bands
		assertThat((BigDecimal) fullAdvance.get("advance_rate"))
			.isEqualByComparingTo((BigDecimal) frozen.get("advance_rate"));
		assertThat((BigDecimal) fullAdvance.get("fee_rate")).isEqualByComparingTo((BigDecimal) frozen.get("fee_rate"))
			.isNotEqualByComparingTo(freshFeeRate.fraction());
		assertThat(fullAdvance).containsEntry("band_set_version", frozen.get("band_set_version"))
			.as("made under the facility's first terms")
			.containsEntry("terms_version", 1)
			.containsEntry("decision_id", frozen.get("id"))
			.containsEntry("funding_run_id", outcome.runId())
			.containsEntry("funded_on", java.sql.Date.valueOf(LocalDate.of(2026, 11, 25)))
			.containsEntry("fee_structure", "TIERED")
			.containsEntry("fee_period_days", 30)
			.containsEntry("day_count", "ACT_360");

		Map<String, Object> lowerAdvance = advance(lower);
		assertThat((BigDecimal) lowerAdvance.get("amount")).isEqualByComparingTo("3500.00");
		// 7,000.00 - 3,500.00
		assertThat((BigDecimal) lowerAdvance.get("reserve")).isEqualByComparingTo("3500.00");
		// a lower advance than quoted: its own share of the face, 3,500 / 7,000 = 0.5
		assertThat((BigDecimal) lowerAdvance.get("advance_rate")).isEqualByComparingTo("0.500000");
		assertThat(lowerAdvance).containsEntry("decision_id", approval(lower).get("id"));

		assertThat(full.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(full.getFundedOn()).isEqualTo(LocalDate.of(2026, 11, 25));
		assertThat(lower.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		// reserved -> funded, by exactly the advances, on the debtor and the facility
		assertThat(exposure("debtor_exposure", "debtor_id", this.debtor.getId()))
			.isEqualTo(new Exposure(debtorBefore.funded().plus(total), debtorBefore.reserved().minus(total)));
		assertThat(exposure("facility_exposure", "client_id", this.client.getId()))
			.isEqualTo(new Exposure(facilityBefore.funded().plus(total), facilityBefore.reserved().minus(total)));
		assertThat(facilityBefore).isEqualTo(new Exposure(Money.ZERO, total));
		assertThat(this.jdbc.queryForList("""
				SELECT kind || ' ' || advance || ' ' || decided_by || ' ' || from_status || '>' || to_status
				FROM invoice_decision WHERE invoice_id = ? ORDER BY id
				""", String.class, lower.getId())).containsExactly("APPROVE 3500.00 uw.funding SUBMITTED>APPROVED",
				"FUND 3500.00 uw.funding APPROVED>FUNDED");
		assertRowsMatchTheBook();
	}

	@Test
	void whatIsNoLongerApprovedIsSkippedWithWhy() {
		Invoice first = approved("1000.00");
		FundingOutcome earlier = this.fundingRuns.fund(FundClient.all(this.client.getRef()));
		Invoice withdrawn = approved("2000.00");
		this.underwriting.withdraw(withdrawn.getId(), "client asked");
		Invoice noDecision = Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.approved("800.00")
			.build();
		this.entities.persist(noDecision);
		Client other = Clients.aClient().build();
		this.entities.persist(other);
		Invoice otherClients = Invoices.anInvoice(other, this.debtor).build();
		this.entities.persist(otherClients);
		Invoice fundable = approved("3000.00");

		FundingOutcome outcome = this.fundingRuns.fund(FundClient.selected(this.client.getRef(), Set.of(first.getId(),
				withdrawn.getId(), noDecision.getId(), otherClients.getId(), fundable.getId(), 999_999_999L)));

		assertThat(outcome.funded()).containsExactly(fundable.getNumber());
		String runAt = this.jdbc.queryForObject(
				"SELECT to_char(created_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') FROM funding_run "
						+ "WHERE id = ?",
				String.class, earlier.runId());
		String withdrawnAt = this.jdbc.queryForObject("""
				SELECT to_char(changed_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI')
				FROM invoice_transition WHERE invoice_id = ? ORDER BY id DESC LIMIT 1
				""", String.class, withdrawn.getId());
		assertThat(outcome.skipped().stream().map(this::english).toList()).containsExactlyInAnyOrder(
				"Invoice " + first.getNumber() + " was skipped: already funded in run " + earlier.runId()
						+ " by uw.funding at " + runAt + ".",
				"Invoice " + withdrawn.getNumber() + " was skipped: it is no longer approved but Submitted (by "
						+ "uw.funding at " + withdrawnAt + ").",
				"Invoice " + noDecision.getNumber() + " was skipped: no approval decision is on record to fund it at.",
				"Invoice " + otherClients.getNumber() + " was skipped: it is not an invoice of client "
						+ this.client.getRef() + ".",
				"Invoice 999999999 was skipped: there is no such invoice.");
		assertThat(outcome.skipped().stream().map(this::dutch))
			.contains("Factuur " + withdrawn.getNumber() + " is overgeslagen: die is niet meer goedgekeurd maar "
					+ "Ingediend (door uw.funding om " + withdrawnAt + ").");
		assertThat(noDecision.getStatus()).isEqualTo(InvoiceStatus.APPROVED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM advance WHERE invoice_id = ?", Long.class,
				first.getId()))
			.isOne();
	}

	@Test
	void aRunWithNothingToFundIsRefusedAndNotMade() {
		Invoice withdrawn = approved("2000.00");
		this.underwriting.withdraw(withdrawn.getId(), "client asked");

		assertThatThrownBy(() -> this.fundingRuns.fund(FundClient.all(this.client.getRef())))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("funding.nothing");
				assertThat(english(refusal.getViolations().get(0))).isEqualTo("Nothing was funded for client "
						+ this.client.getRef() + ": none of the invoices is approved and awaiting funding.");
			});
		assertThatThrownBy(
				() -> this.fundingRuns.fund(FundClient.selected(this.client.getRef(), Set.of(withdrawn.getId()))))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getViolations().stream().map((violation) -> violation.code()))
						.containsExactly("funding.nothing", "funding.skip.status"));
		assertThatThrownBy(() -> this.fundingRuns.fund(FundClient.selected(this.client.getRef(), Set.of())))
			.isInstanceOfSatisfying(BusinessRefusal.class,
					(refusal) -> assertThat(refusal.getCode()).isEqualTo("funding.noneSelected"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM funding_run WHERE client_id = ?", Long.class,
				this.client.getId()))
			.isZero();
	}

	@Test
	void aRunIsMarkedPaidOnceASecondConfirmationIsRefused() {
		approved("1000.00");
		FundingOutcome outcome = this.fundingRuns.fund(FundClient.all(this.client.getRef()));

		this.fundingRuns.markPaid(outcome.runId());
		this.entities.flush();

		Map<String, Object> run = this.jdbc.queryForMap("SELECT paid_by, paid_at FROM funding_run WHERE id = ?",
				outcome.runId());
		assertThat(run.get("paid_by")).isEqualTo("uw.funding");
		assertThat(run.get("paid_at")).isNotNull();
		assertThatThrownBy(() -> this.fundingRuns.markPaid(outcome.runId()))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("funding.paid.already");
				assertThat(english(refusal.getViolations().get(0))).startsWith(
						"Funding run " + outcome.runId() + " was already marked paid by uw.funding at 2026-11-25 ");
			});
	}

	@Test
	void thePayoutFileSendsTheRunsTotalToTheClientsAccount() throws Exception {
		Invoice a = approved("1000.00");
		Invoice b = approved("2500.00");
		this.client.payTo("NL91ABNA0417164300", "ABNANL2A");
		FundingOutcome outcome = this.fundingRuns.fund(FundClient.all(this.client.getRef()));

		Document xml = parse(this.fundingRuns.payoutFile(outcome.runId()));

		assertThat(text(xml, "//*[local-name()='GrpHdr']/*[local-name()='CtrlSum']"))
			.isEqualTo(outcome.total().toPlainString());
		assertThat(text(xml, "//*[local-name()='CdtTrfTxInf']/*[local-name()='Amt']/*[local-name()='InstdAmt']"))
			.isEqualTo(outcome.total().toPlainString());
		assertThat(text(xml, "//*[local-name()='EndToEndId']")).isEqualTo(String.valueOf(outcome.runId()));
		assertThat(text(xml, "//*[local-name()='ReqdExctnDt']/*[local-name()='Dt']")).isEqualTo("2026-11-25");
		assertThat(text(xml, "//*[local-name()='CdtrAcct']//*[local-name()='IBAN']")).isEqualTo("NL91ABNA0417164300");
		assertThat(text(xml, "//*[local-name()='Cdtr']/*[local-name()='Nm']")).isEqualTo(this.client.getLegalName());
		List<String> numbers = List.of(a.getNumber(), b.getNumber()).stream().sorted().toList();
		assertThat(text(xml, "//*[local-name()='Ustrd']"))
			.isEqualTo("FactorDesk run " + outcome.runId() + " invoices " + numbers.get(0) + ", " + numbers.get(1));
	}

	@Test
	void aClientWithoutAnIbanHasItsRunButNoPayoutFile() {
		approved("1000.00");
		FundingOutcome outcome = this.fundingRuns.fund(FundClient.all(this.client.getRef()));

		assertThatThrownBy(() -> this.fundingRuns.payoutFile(outcome.runId()))
			.isInstanceOfSatisfying(BusinessRefusal.class, (refusal) -> {
				assertThat(refusal.getCode()).isEqualTo("funding.noIban");
				assertThat(english(refusal.getViolations().get(0)))
					.isEqualTo("The payout file of funding run " + outcome.runId() + " cannot be written: client "
							+ this.client.getLegalName() + " (" + this.client.getRef() + ") has no IBAN on file.");
			});
	}

	@Test
	@WithMockUser(username = "admin.funding", roles = "ADMIN")
	void anAdminNeverFundsNorConfirms() {
		assertThatThrownBy(() -> this.fundingRuns.fund(FundClient.all(this.client.getRef())))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> this.fundingRuns.markPaid(1L)).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> this.fundingRuns.payoutFile(1L)).isInstanceOf(AccessDeniedException.class);
	}

	private Invoice queued(String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.issued(LocalDate.of(2026, 11, 20))
			.due(LocalDate.of(2026, 12, 20))
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		return invoice;
	}

	private Invoice approved(String amount) {
		Invoice invoice = queued(amount);
		this.underwriting.approve(invoice.getId(), Optional.empty(), Optional.empty(), null);
		return invoice;
	}

	private Map<String, Object> approval(Invoice invoice) {
		return this.jdbc.queryForMap("""
				SELECT id, advance_rate, fee_rate, band_set_version FROM invoice_decision
				WHERE invoice_id = ? AND kind = 'APPROVE' ORDER BY id DESC LIMIT 1
				""", invoice.getId());
	}

	private Map<String, Object> advance(Invoice invoice) {
		this.entities.flush();
		return this.jdbc.queryForMap("SELECT * FROM advance WHERE invoice_id = ?", invoice.getId());
	}

	private Exposure exposure(String table, String key, long id) {
		this.entities.flush();
		return this.jdbc
			.query("SELECT funded, reserved FROM " + table + " WHERE " + key + " = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1)), Money.of(rs.getBigDecimal(2))), id)
			.stream()
			.findFirst()
			.orElse(Exposure.NONE);
	}

	/**
	 * The facility's and the debtor's rows equal what exposure_book(today) adds up.
	 */
	private void assertRowsMatchTheBook() {
		this.entities.flush();
		LocalDate today = LocalDate.now(this.clock);
		for (String[] side : new String[][] { { "debtor_exposure", "debtor_id" },
				{ "facility_exposure", "client_id" } }) {
			long id = "debtor_id".equals(side[1]) ? this.debtor.getId() : this.client.getId();
			Exposure book = this.jdbc.queryForObject(
					"SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) WHERE " + side[1]
							+ " = ?",
					(rs, row) -> new Exposure(Money.of(rs.getBigDecimal(1).setScale(2)),
							Money.of(rs.getBigDecimal(2).setScale(2))),
					today, id);
			assertThat(exposure(side[0], side[1], id)).as(side[0]).isEqualTo(book);
		}
	}

	private String english(MessageSourceResolvable resolvable) {
		return this.messages.getMessage(resolvable, Locale.ENGLISH);
	}

	private String dutch(MessageSourceResolvable resolvable) {
		return this.messages.getMessage(resolvable, Locale.forLanguageTag("nl"));
	}

	private static Document parse(byte[] file) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(file));
	}

	private static String text(Document xml, String path) throws Exception {
		return XPathFactory.newInstance().newXPath().evaluate(path, xml);
	}

}
