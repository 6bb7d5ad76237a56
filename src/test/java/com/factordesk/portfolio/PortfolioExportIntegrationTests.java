package com.factordesk.portfolio;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.Payment;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The open items of a client of the test's own as of 2026-10-31, as the drill-down page
 * shows them and as CSV and XLSX: the rows worked out by hand from the invoices below,
 * most days past due first; an unknown table or reference is a 404, a date that is none a
 * 400, an underwriter gets 403.
 *
 * <pre>
 * as of 2026-10-31            amount   received by 10-31          open    days past due  bucket
 * EXP-1 issued 08-01 due 08-31 1000.00  400.00 paid on 10-31 (the day counts)  600.00  10-31 - 08-31 = 30 + 31 = 61  61-90
 * EXP-5 issued 09-15 due 10-15  300.00  100.00 credited 10-20       200.00  10-31 - 10-15 = 16             1-30
 * EXP-2 issued 10-01 due 10-31 2500.00  nothing                   2500.00  0                              current
 * EXP-3 issued 09-01 due 09-30  700.00  700.00 paid 10-15: closed, not open
 * EXP-4 issued 11-01: not yet issued on 10-31
 * total 3 invoices, 600.00 + 200.00 + 2500.00 = 3300.00
 * </pre>
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "MANAGER")
class PortfolioExportIntegrationTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private OpenItems openItems;

	@Autowired
	private PortfolioFigures figures;

	@Autowired
	private Clock clock;

	private Client client;

	private Debtor plain;

	private Debtor formula;

	@BeforeEach
	void createABook() {
		this.client = Clients.aClient().named("Export, Test \"Quoted\" B.V.").build();
		this.plain = Debtors.aDebtor().named("Plain Buyer AG").creditLimit("1000000.00").build();
		this.formula = Debtors.aDebtor().named("=Formula Buyer GmbH").creditLimit("1000000.00").build();
		this.entities.persist(this.client);
		this.entities.persist(this.plain);
		this.entities.persist(this.formula);
		Invoice one = funded(this.plain, "EXP-1", "2026-08-01", "2026-08-31", "1000.00");
		pay(one, this.plain, "2026-10-31", "400.00");
		funded(this.plain, "EXP-2", "2026-10-01", "2026-10-31", "2500.00");
		Invoice three = funded(this.plain, "EXP-3", "2026-09-01", "2026-09-30", "700.00");
		pay(three, this.plain, "2026-10-15", "700.00");
		funded(this.plain, "EXP-4", "2026-11-01", "2026-12-01", "900.00");
		Invoice five = funded(this.formula, "EXP-5", "2026-09-15", "2026-10-15", "300.00");
		five.credit(Money.of("100.00"), null, LocalDate.parse("2026-10-20"), "price", "underwriter",
				Invoices.on(LocalDate.parse("2026-10-20")));
		this.entities.flush();
	}

	@Test
	void theCsvHasAHeaderAndTheOpenItemsInMachineFormatsQuotedAsRfc4180() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/portfolio/export/open-items.csv").param("asOf", "2026-10-31")
				.param("clientRef", this.client.getRef())
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition",
					"attachment; filename=\"open-items-" + this.client.getRef() + "-2026-10-31.csv\""))
			.andReturn();
		String client = this.client.getRef() + ",\"Export, Test \"\"Quoted\"\" B.V.\",";
		// the debtor named "=Formula..." is text, never a formula: a leading '
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(String.join("\r\n",
				"client_ref,client_name,debtor_ref,debtor_name,invoice_number,issue_date,due_date,funded_on,amount,outstanding,days_past_due,bucket",
				client + this.plain.getRef()
						+ ",Plain Buyer AG,EXP-1,2026-08-01,2026-08-31,2026-08-01,1000.00,600.00,61,61-90",
				client + this.formula.getRef()
						+ ",'=Formula Buyer GmbH,EXP-5,2026-09-15,2026-10-15,2026-09-15,300.00,200.00,16,1-30",
				client + this.plain.getRef()
						+ ",Plain Buyer AG,EXP-2,2026-10-01,2026-10-31,2026-10-01,2500.00,2500.00,0,current",
				""));
	}

	@Test
	void theXlsxHasTypedCellsNumbersAsNumbersDatesAsDates() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/portfolio/export/open-items.xlsx").param("asOf", "2026-10-31")
				.param("clientRef", this.client.getRef())
				.param("debtorRef", this.plain.getRef())
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", PortfolioExportController.XLSX))
			.andExpect(header().string("Content-Disposition",
					"attachment; filename=\"open-items-" + this.client.getRef() + "-" + this.plain.getRef()
							+ "-2026-10-31.xlsx\""))
			.andReturn();
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
			Sheet sheet = workbook.getSheet("open-items");
			// the header and the plain debtor's two open items: EXP-1 (61 days) then
			// EXP-2
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo("outstanding");
			Row first = sheet.getRow(1);
			assertThat(first.getCell(1).getStringCellValue()).isEqualTo("Export, Test \"Quoted\" B.V.");
			assertThat(first.getCell(4).getStringCellValue()).isEqualTo("EXP-1");
			Cell issued = first.getCell(5);
			assertThat(issued.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(issued)).isTrue();
			assertThat(issued.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 8, 1));
			assertThat(issued.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
			Cell outstanding = first.getCell(9);
			assertThat(outstanding.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(outstanding.getNumericCellValue()).isEqualTo(600.00);
			assertThat(outstanding.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
			assertThat(first.getCell(10).getNumericCellValue()).isEqualTo(61);
			assertThat(first.getCell(11).getStringCellValue()).isEqualTo("61-90");
			Row second = sheet.getRow(2);
			assertThat(second.getCell(4).getStringCellValue()).isEqualTo("EXP-2");
			assertThat(second.getCell(9).getNumericCellValue()).isEqualTo(2500.00);
		}
	}

	@Test
	void aFormulaLikeNameIsAStringCellInTheXlsx() throws Exception {
		byte[] xlsx = this.mvc
			.perform(get("/portfolio/export/open-items.xlsx").param("asOf", "2026-10-31")
				.param("debtorRef", this.formula.getRef())
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Cell name = workbook.getSheetAt(0).getRow(1).getCell(3);
			assertThat(name.getCellType()).isEqualTo(CellType.STRING);
			assertThat(name.getStringCellValue()).isEqualTo("=Formula Buyer GmbH");
		}
	}

	@Test
	void anUnknownTableOrReferenceIsA404ABadDateA400AnUnderwriterGets403() throws Exception {
		this.mvc.perform(get("/portfolio/export/no-such-table.csv").with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/portfolio/export/no-such-table.xlsx").with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/portfolio/export/open-items.csv").param("clientRef", "NO-SUCH-CLIENT")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/portfolio/export/open-items.xlsx").param("debtorRef", "NO-SUCH-DEBTOR")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/portfolio/export/open-items.csv").param("asOf", "2026-02-30")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/portfolio/export/open-items.xlsx").param("asOf", "1066-10-14")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/portfolio/export/open-items.csv").with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/portfolio/invoices").with(user("underwriter").roles("UNDERWRITER")))
			.andExpect(status().isForbidden());
	}

	@Test
	void thePageShowsAPageOfOpenItemsNarrowedToABucket() throws Exception {
		PortfolioScope scope = new PortfolioScope(AS_OF, this.client.getId(), this.client.getRef(), null, null, null,
				null);
		OpenItems.OpenItemsPage all = this.openItems.page(scope, null, 0);
		assertThat(all.items()).extracting(OpenItems.OpenItem::number).containsExactly("EXP-1", "EXP-5", "EXP-2");
		assertThat(all.total()).isEqualTo(3);
		assertThat(all.totalOutstanding()).isEqualTo(Money.of("3300.00"));
		assertThat(this.openItems.page(scope, "61-90", 0).items()).extracting(OpenItems.OpenItem::number)
			.containsExactly("EXP-1");
		assertThat(this.openItems.page(scope, "current", 0).totalOutstanding()).isEqualTo(Money.of("2500.00"));
		assertThat(this.openItems.page(scope, "120+", 0).total()).isZero();
		// a page past the last is the last
		assertThat(this.openItems.page(scope, null, 7).items()).hasSize(3);

		String page = this.mvc
			.perform(get("/portfolio/invoices").param("asOf", "2026-10-31")
				.param("clientRef", this.client.getRef())
				.param("bucket", "1-30")
				.param("lang", "en")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replace('\u00a0', ' ');
		assertThat(page).contains("EXP-5")
			.doesNotContain("EXP-1<")
			.contains("Open invoices: 1, outstanding EUR 200.00")
			.contains("href=\"/invoices/")
			.contains("/portfolio?asOf=2026-10-31&amp;clientRef=" + this.client.getRef() + "&amp;debtorRef="
					+ this.formula.getRef());
		String unknown = this.mvc
			.perform(get("/portfolio/invoices").param("asOf", "2026-10-31")
				.param("clientRef", this.client.getRef())
				.param("bucket", "45-50")
				.param("lang", "en")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replace('\u00a0', ' ');
		assertThat(unknown).contains("There is no aging bucket &quot;45-50&quot;")
			.contains("Open invoices: 3, outstanding EUR 3,300.00");
		this.mvc
			.perform(get("/portfolio/invoices").param("clientRef", "NO-SUCH-CLIENT")
				.with(user("manager").roles("MANAGER")))
			.andExpect(status().isNotFound());
	}

	@Test
	void theWholeBooksOpenItemsAddUpToTheOpenAr() {
		PortfolioScope today = PortfolioScope.portfolio(LocalDate.now(this.clock));
		DsoFigures overview = this.figures.figures(today, PortfolioFigures.DEFAULT_WINDOW);
		OpenItems.OpenItemsPage all = this.openItems.page(today, null, 0);
		assertThat(all.total()).isEqualTo(overview.openInvoices());
		assertThat(all.totalOutstanding()).isEqualTo(overview.openAr());
		long[] streamed = { 0 };
		this.openItems.rows(today, (row) -> streamed[0]++);
		assertThat(streamed[0]).isEqualTo(overview.openInvoices());
	}

	private Invoice funded(Debtor debtor, String number, String issued, String due, String amount) {
		Invoice invoice = Invoices.anInvoice(this.client, debtor)
			.number(number)
			.issued(LocalDate.parse(issued))
			.due(LocalDate.parse(due))
			.amount(amount)
			.fundedOn(LocalDate.parse(issued))
			.build();
		this.entities.persist(invoice);
		return invoice;
	}

	private void pay(Invoice invoice, Debtor debtor, String on, String amount) {
		LocalDate day = LocalDate.parse(on);
		Payment payment = new Payment(debtor, day, Money.of(amount), "PAY-" + invoice.getNumber());
		payment.applyTo(invoice, Money.of(amount), "cash", Invoices.on(day));
		this.entities.persist(payment);
	}

}
