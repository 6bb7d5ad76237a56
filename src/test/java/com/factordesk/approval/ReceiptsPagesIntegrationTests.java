package com.factordesk.approval;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Receipts through the pages: entered by hand, imported from CSV and CAMT.053 (the same
 * file twice adds nothing, a file with a bad row imports nothing), the suggested
 * allocations (number in the remittance, exact amount, oldest due) confirmed and the
 * invoices PAID or PARTIALLY_PAID, the payer found by the IBAN or suggested by the
 * remittance, cash passed on to a client into its reserve ledger, and each refusal on its
 * form (422). A client, invoices and IBANs of their own on a demo debtor with nothing
 * open, rolled back.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "uw.receipts", roles = "UNDERWRITER")
class ReceiptsPagesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Underwriting underwriting;

	@Autowired
	private FundingRuns fundingRuns;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Client client;

	private Debtor debtor;

	private Invoice first;

	private Invoice second;

	private Invoice third;

	private final String tag = "R" + Math.floorMod(System.nanoTime(), 1_000_000_000L);

	@BeforeEach
	void aClientWithThreeFundedInvoices() {
		this.client = Clients.aClient()
			.named("Receipts & Co B.V.")
			.facility(new FacilityTerms(Money.of("200000.00"), Rate.percent("80"), null, false, Rate.percent("100")))
			.build();
		this.client.payTo("NL91ABNA0417164300", "ABNANL2A");
		this.entities.persist(this.client);
		long debtorId = this.jdbc.queryForObject("""
				SELECT s.debtor_id FROM debtor_current_score s
				JOIN debtor d ON d.id = s.debtor_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = s.debtor_id
				WHERE s.grade IN ('A', 'B') AND COALESCE(e.funded + e.reserved, 0) < 5000 AND d.insurer_limit IS NULL
				  AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = s.debtor_id
				                  AND i.status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL', 'HELD', 'FUNDED',
				                                   'PARTIALLY_PAID'))
				ORDER BY s.debtor_id LIMIT 1
				""", Long.class);
		this.debtor = this.entities.find(Debtor.class, debtorId);
		this.debtor.setCreditLimit(Money.of("90000.00"), LocalDate.of(2027, 6, 30));
		// due 2026-12-10, 2026-12-01 and 2026-12-20: the second is the oldest due
		this.first = approved("A" + this.tag, "1000.00", LocalDate.of(2026, 12, 10));
		this.second = approved("B" + this.tag, "500.00", LocalDate.of(2026, 12, 1));
		this.third = approved("C" + this.tag, "2000.00", LocalDate.of(2026, 12, 20));
		this.fundingRuns.fund(FundClient.all(this.client.getRef()));
		this.entities.flush();
	}

	@Test
	void aReceiptEnteredByHandIsSuggestedByNumberThenOldestDueAndConfirmed() throws Exception {
		long id = record("1300.00", "pay invoice " + this.first.getNumber(), this.debtor.getRef(), iban());

		// 1,000.00 to the invoice named in the remittance, the 300.00 left to the oldest
		// due (the second, 500.00 outstanding: no exact amount)
		String page = this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">" + this.first.getNumber() + "</a>")))
			.andExpect(content().string(containsString("number in the remittance")))
			.andExpect(content().string(containsString("oldest due")))
			.andExpect(content().string(containsString("value=\"300.00\"")))
			.andExpect(content().string(containsString("value=\"1000.00\"")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain(">" + this.third.getNumber() + "</a>");

		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("action", "confirm")
				.param("rows[0].invoiceId", String.valueOf(this.first.getId()))
				.param("rows[0].amount", "1000.00")
				.param("rows[0].keep", "true")
				.param("rows[1].invoiceId", String.valueOf(this.second.getId()))
				.param("rows[1].amount", "300.00")
				.param("rows[1].keep", "true"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/receipts/" + id));
		this.entities.flush();

		assertThat(this.first.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(this.second.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
		assertThat(this.second.outstanding()).isEqualTo(Money.of("200.00"));
		this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("<dd class=\"col-7\" id=\"receipt-unapplied\">EUR\u00a00.00</dd>")))
			.andExpect(content()
				.string(containsString("<dd class=\"col-7\" id=\"receipt-applied\">EUR\u00a01,300.00</dd>")))
			.andExpect(content().string(containsString("Partially paid")))
			.andExpect(content().string(not(containsString("id=\"apply-form\""))))
			.andExpect(content().string(containsString("id=\"reverse-form\"")));

		// the receipt bounced: both invoices open again, the receipt has nothing left
		this.mvc.perform(post("/receipts/{id}/reverse", id).with(csrf()).param("on", "2026-11-25"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Give a reason.")));
		this.mvc
			.perform(post("/receipts/{id}/reverse", id).with(csrf())
				.param("on", "2026-11-25")
				.param("reason", "returned by the debtor's bank"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/receipts/" + id));
		this.entities.flush();
		assertThat(this.first.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		assertThat(this.second.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
		this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Reversed on 2026-11-25")))
			.andExpect(content().string(containsString("returned by the debtor&#39;s bank")))
			.andExpect(content().string(not(containsString("id=\"reverse-form\""))));
	}

	@Test
	void anExactAmountIsSuggestedBeforeTheOldestDueAndAnInvoiceCanBeAddedByNumber() throws Exception {
		long id = record("2000.00", null, this.debtor.getRef(), null);

		this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">" + this.third.getNumber() + "</a>")))
			.andExpect(content().string(containsString("exact amount")))
			.andExpect(content().string(not(containsString(">" + this.second.getNumber() + "</a>"))));

		// the row left out, the second added by its number: 500.00 of it
		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("action", "add")
				.param("rows[0].invoiceId", String.valueOf(this.third.getId()))
				.param("rows[0].amount", "2000.00")
				.param("_rows[0].keep", "on")
				.param("addNumber", this.second.getNumber().toLowerCase()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">" + this.second.getNumber() + "</a>")))
			.andExpect(content().string(containsString("added by hand")))
			.andExpect(content().string(containsString("value=\"500.00\"")));

		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("action", "add")
				.param("addNumber", "NO-SUCH-" + this.tag))
			.andExpect(status().isUnprocessableContent())
			.andExpect(
					content().string(containsString("No open funded invoice NO-SUCH-" + this.tag + " of the payer.")));
	}

	@Test
	void whatDoesNotHoldIsRefusedOnItsForm() throws Exception {
		this.mvc
			.perform(post("/receipts").with(csrf())
				.param("receivedOn", "2026-11-26")
				.param("amount", "0")
				.param("iban", "NL00ABNA0000000000")
				.param("debtorRef", "NO-SUCH-DEBTOR"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Enter 0.01 or more.")));
		this.mvc
			.perform(post("/receipts").with(csrf())
				.param("receivedOn", "2026-11-26")
				.param("amount", "10.00")
				.param("iban", "NL00ABNA0000000000")
				.param("debtorRef", "NO-SUCH-DEBTOR"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("The date received (2026-11-26) is after today.")))
			.andExpect(content().string(containsString("NL00ABNA0000000000 is not a valid IBAN.")))
			.andExpect(content().string(containsString("There is no debtor NO-SUCH-DEBTOR.")));

		long id = record("600.00", null, this.debtor.getRef(), null);
		// more than the invoice's outstanding, and more than the receipt
		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("rows[0].invoiceId", String.valueOf(this.second.getId()))
				.param("rows[0].amount", "550.00")
				.param("rows[0].keep", "true"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(
					"More than the outstanding of invoice " + this.second.getNumber() + " (EUR\u00a0500.00).")));
		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("rows[0].invoiceId", String.valueOf(this.second.getId()))
				.param("rows[0].amount", "500.00")
				.param("rows[0].keep", "true")
				.param("rows[1].invoiceId", String.valueOf(this.first.getId()))
				.param("rows[1].amount", "200.00")
				.param("rows[1].keep", "true"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString(
					"The amounts add up to EUR\u00a0700.00, more than the receipt&#39;s unapplied EUR\u00a0600.00.")));
		this.mvc
			.perform(post("/receipts/{id}/apply", id).with(csrf())
				.param("rows[0].invoiceId", String.valueOf(this.second.getId()))
				.param("rows[0].amount", "500.00")
				.param("_rows[0].keep", "on"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose at least one invoice to apply the receipt to.")));
		assertThat(this.second.getStatus()).isEqualTo(InvoiceStatus.FUNDED);
	}

	@Test
	void theIbanOfAnEarlierReceiptNamesThePayerAndAnUnknownOneIsSuggestedByTheRemittance() throws Exception {
		String known = iban();
		long identified = record("10.00", null, this.debtor.getRef(), known);
		long byIban = record("20.00", null, null, known);
		assertThat(debtorOf(identified)).isEqualTo(this.debtor.getId());
		assertThat(debtorOf(byIban)).isEqualTo(this.debtor.getId());

		long unknown = record("2000.00", "factuur " + this.third.getNumber(), null, iban());
		assertThat(debtorOf(unknown)).isNull();
		this.mvc.perform(get("/receipts/{id}", unknown))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Suggested payer: ")))
			.andExpect(content().string(containsString("(" + this.debtor.getRef() + ")")))
			.andExpect(content().string(containsString(">" + this.third.getNumber() + "</a>")));
		this.mvc
			.perform(post("/receipts/{id}/apply", unknown).with(csrf())
				.param("rows[0].invoiceId", String.valueOf(this.third.getId()))
				.param("rows[0].amount", "2000.00")
				.param("rows[0].keep", "true"))
			.andExpect(status().isFound());
		this.entities.flush();
		assertThat(debtorOf(unknown)).isEqualTo(this.debtor.getId());
		assertThat(this.third.getStatus()).isEqualTo(InvoiceStatus.PAID);

		// named by hand
		long other = record("5.00", null, null, iban());
		this.mvc.perform(post("/receipts/{id}/identify", other).with(csrf()).param("debtorRef", "NO-SUCH-DEBTOR"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("There is no debtor NO-SUCH-DEBTOR.")));
		this.mvc.perform(post("/receipts/{id}/identify", other).with(csrf()).param("debtorRef", this.debtor.getRef()))
			.andExpect(status().isFound());
		this.entities.flush();
		assertThat(debtorOf(other)).isEqualTo(this.debtor.getId());
	}

	@Test
	void cashPassedOnLeavesTheReceiptAndCreditsTheClientsReserve() throws Exception {
		long id = record("150.00", "invoice we did not fund", null, iban());
		this.mvc
			.perform(post("/receipts/{id}/pass-on", id).with(csrf())
				.param("clientRef", this.client.getRef())
				.param("amount", "150.01"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("cannot be passed on, only EUR\u00a0150.00 is unapplied.")));
		this.mvc
			.perform(post("/receipts/{id}/pass-on", id).with(csrf()).param("clientRef", "NO-SUCH").param("amount", "1"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("There is no client NO-SUCH.")));
		this.mvc
			.perform(post("/receipts/{id}/pass-on", id).with(csrf())
				.param("clientRef", this.client.getRef())
				.param("amount", "100.00")
				.param("note", "paid to us for invoice X-1"))
			.andExpect(status().isFound());
		this.entities.flush();

		assertThat(this.jdbc.queryForList(
				"SELECT kind, amount, note FROM reserve_entry WHERE payment_id = ? AND client_id = ?", id,
				this.client.getId()))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("kind")).isEqualTo("PASSED_ON");
				assertThat(row.get("amount")).isEqualTo(new java.math.BigDecimal("100.00"));
				assertThat(row.get("note")).isEqualTo("paid to us for invoice X-1");
			});
		this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(content()
				.string(containsString("<dd class=\"col-7\" id=\"receipt-passed-on\">EUR\u00a0100.00</dd>")))
			.andExpect(content()
				.string(containsString("<dd class=\"col-7\" id=\"receipt-unapplied\">EUR\u00a050.00</dd>")));
		this.mvc.perform(get("/receipts/unapplied"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-receipt=\"" + id + "\"")))
			.andExpect(content().string(containsString("EUR\u00a050.00")));
	}

	@Test
	void aCsvFileImportedTwiceAddsNothingTheSecondTimeAndABadRowImportsNothing() throws Exception {
		String account = iban();
		String csv = "date,amount,counterparty,iban,remittance\n" + "2026-11-24,500.00,Payer B.V.," + account
				+ ",invoice " + this.second.getNumber() + "\n" + "2026-11-24,-12.50,Bank,,costs\n"
				+ "2026-11-23,42.00,\"Someone, Else\",," + this.tag + "\n";

		this.mvc.perform(multipart("/receipts/import").file(file("statement.csv", csv)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The file is imported.")))
			.andExpect(content().string(containsString("Imported: 2. Already present: 0. Skipped: 1. Refused: 0.")))
			.andExpect(content().string(containsString("A debit of EUR\u00a012.50: only credits are receipts.")));
		this.entities.flush();
		assertThat(receiptsTagged()).isEqualTo(1);

		this.mvc.perform(multipart("/receipts/import").file(file("statement.csv", csv)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Nothing new")))
			.andExpect(content().string(containsString("Imported: 0. Already present: 2. Skipped: 1. Refused: 0.")));
		assertThat(receiptsTagged()).isEqualTo(1);

		String bad = "date,amount,counterparty,iban,remittance\n" + "2026-11-24,7.00,Fine,," + this.tag + "-2\n"
				+ "24-11-2026,7.00,Bad,,x\n";
		this.mvc.perform(multipart("/receipts/import").file(file("bad.csv", bad)).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Nothing imported")))
			.andExpect(content().string(containsString("date: 24-11-2026 is not a date (yyyy-mm-dd).")))
			.andExpect(content().string(containsString("Valid, not imported")));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE remittance = ?", Long.class,
				this.tag + "-2"))
			.isZero();

		this.mvc.perform(multipart("/receipts/import").file(file("empty.csv", "")).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Choose a file to import.")));

		// a statement is read whole: one over 10 MB is refused before it is read
		byte[] large = new byte[10 * 1024 * 1024 + 1];
		this.mvc
			.perform(multipart("/receipts/import")
				.file(new MockMultipartFile("file", "large.csv", "application/octet-stream", large))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("The file is larger than 10 MB")));
	}

	@Test
	void aCamt053StatementImportsItsCreditsSkipsItsDebitsAndRefusesOtherCurrencies() throws Exception {
		String account = iban();
		String camt = """
				<?xml version="1.0" encoding="UTF-8"?>
				<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
				<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>
				<Ntry><Amt Ccy="EUR">500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
				<BookgDt><Dt>2026-11-24</Dt></BookgDt><AcctSvcrRef>%1$s-1</AcctSvcrRef>
				<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Payer B.V.</Nm></Dbtr>
				<DbtrAcct><Id><IBAN>%2$s</IBAN></Id></DbtrAcct></RltdPties>
				<RmtInf><Ustrd>%3$s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
				<Ntry><Amt Ccy="EUR">9.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
				<BookgDt><Dt>2026-11-24</Dt></BookgDt><AcctSvcrRef>%1$s-2</AcctSvcrRef></Ntry>
				<Ntry><Amt Ccy="GBP">70.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
				<BookgDt><Dt>2026-11-24</Dt></BookgDt><AcctSvcrRef>%1$s-3</AcctSvcrRef></Ntry>
				</Stmt></BkToCstmrStmt></Document>
				""".formatted(this.tag, account, this.second.getNumber());

		this.mvc.perform(multipart("/receipts/import").file(file("statement.xml", camt)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Imported: 1. Already present: 0. Skipped: 1. Refused: 1.")))
			.andExpect(content()
				.string(containsString("currency: Only receipts in euros are recorded; this one is in GBP.")));
		this.entities.flush();
		this.mvc.perform(multipart("/receipts/import").file(file("statement.xml", camt)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Imported: 0. Already present: 1. Skipped: 1. Refused: 1.")));
		Long id = this.jdbc.queryForObject("SELECT id FROM payment WHERE reference = ?", Long.class, this.tag + "-1");
		// the remittance names the second invoice: its payer suggested, 500.00 to it
		this.mvc.perform(get("/receipts/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("CAMT.053 statement")))
			.andExpect(content().string(containsString("(" + this.debtor.getRef() + ")")))
			.andExpect(content().string(containsString("value=\"500.00\"")));
		this.mvc.perform(get("/receipts").param("source", "CAMT053").param("unapplied", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-receipt=\"" + id + "\"")));
	}

	@Test
	void theReceiptsPagesSpeakBothLanguages() throws Exception {
		long id = record("42.00", "INV " + this.tag, null, null);
		for (String language : new String[] { "en", "nl" }) {
			for (String path : new String[] { "/receipts", "/receipts/unapplied", "/receipts/" + id,
					"/receipts?unapplied=true&source=MANUAL&from=2026-11-01&to=2026-11-30&page=2",
					"/receipts?source=NOPE&from=bad" }) {
				String page = this.mvc.perform(get(path).param("lang", language))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(page).as(language + " " + path)
					.contains("en".equals(language) ? ">Receipts</a>" : ">Ontvangsten</a>")
					.doesNotContain("??");
			}
		}
		this.mvc.perform(get("/receipts/999999999")).andExpect(status().isNotFound());
	}

	@Test
	void anAdminSeesNoneOfIt() throws Exception {
		this.mvc.perform(get("/receipts").with(user("admin.receipts").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/receipts/unapplied").with(user("admin.receipts").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/receipts").with(csrf()).with(user("admin.receipts").roles("ADMIN")).param("amount", "1"))
			.andExpect(status().isForbidden());
	}

	private long record(String amount, String remittance, String debtorRef, String iban) throws Exception {
		String location = this.mvc
			.perform(post("/receipts").with(csrf())
				.param("receivedOn", "2026-11-24")
				.param("amount", amount)
				.param("counterparty", "Payer B.V.")
				.param("iban", (iban != null) ? iban : "")
				.param("remittance", (remittance != null) ? remittance : "")
				.param("debtorRef", (debtorRef != null) ? debtorRef : ""))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/receipts/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.entities.flush();
		return Long.parseLong(location.substring("/receipts/".length()));
	}

	private Long debtorOf(long paymentId) {
		return this.jdbc.queryForObject("SELECT debtor_id FROM payment WHERE id = ?", Long.class, paymentId);
	}

	private long receiptsTagged() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE remittance = ?", Long.class, this.tag);
	}

	private static MockMultipartFile file(String name, String content) {
		return new MockMultipartFile("file", name, "application/octet-stream",
				content.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A Dutch IBAN of a random account, with its check digits: one no receipt came from
	 * before.
	 */
	static String iban() {
		String bban = "TEST" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
		StringBuilder digits = new StringBuilder();
		for (char c : (bban + "NL00").toCharArray()) {
			digits.append(Character.digit(c, 36));
		}
		int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
		return String.format("NL%02d%s", check, bban);
	}

	private Invoice approved(String number, String amount, LocalDate due) {
		Invoice invoice = Invoices.anInvoice(this.client, this.debtor)
			.number(number)
			.issued(LocalDate.of(2026, 11, 20))
			.due(due)
			.amount(amount)
			.build();
		this.entities.persist(invoice);
		this.entities.flush();
		this.underwriting.approve(invoice.getId(), Optional.of(Money.of(amount).times(Rate.percent("80"))),
				Optional.empty(), null);
		this.entities.flush();
		return invoice;
	}

}
