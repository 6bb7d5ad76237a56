package com.factordesk.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.factordesk.approval.CommittedSettlementBook;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's flow in a real (headless) Chromium: an underwriter enters one receipt for
 * two funded invoices of a debtor, less than both together, applies it to the first in
 * full and to the second in part; the first is paid and settled with its fee and rebate;
 * the second is closed as short paid from the debtor's collections page; the client's
 * statement shows the fees and the short pay, and the PDF of it says the same.
 * <p>
 * The figures by hand. Both invoices: face 5,000.00, advance 4,000.00 (80 %), reserve
 * 1,000.00 credited on 2026-11-05 (funding), tiered fee of 1.5 % of the face per started
 * period of 30 days. The receipt of 9,500.00 on 2026-11-25 (the test clock's today):
 * <ul>
 * <li>first invoice: 5,000.00 applied, PAID, settled on 2026-11-25 after 20 days = one
 * started period: fee 5,000.00 x 1.5 % = 75.00; rebate 1,000.00 - 75.00 = 925.00;</li>
 * <li>second invoice: 4,500.00 applied (partially paid, 500.00 left), closed as short
 * paid the same day: fee 75.00 (one period), shortfall 500.00, rebate 1,000.00 - 75.00 -
 * 500.00 = 425.00 (check: allocations 4,500.00 - advance 4,000.00 - rebate 425.00 =
 * 75.00, the fee);</li>
 * <li>the statement of 2026-11-01 to 2026-11-25: opening 0.00, reserve created 2 x
 * 1,000.00 = 2,000.00, fees 2 x -75.00 = -150.00, short pays -500.00, closing 2,000.00 -
 * 150.00 - 500.00 = 1,350.00 in 5 entries; both invoices closed, nothing held: rebates
 * due 1,350.00 (= 925.00 + 425.00).</li>
 * </ul>
 * A client and debtor of their own, committed and kept: the reserve ledger they write
 * cannot be removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class SettlementFlowBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start(Duration.ofSeconds(2));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aShortPayOnTwoInvoicesSettlesOneAndShowsOnTheStatementAndItsPdf() throws Exception {
		CommittedSettlementBook book = CommittedSettlementBook.create(this.context);

		logIn("underwriter");
		click(By.id("nav-receipts"));
		waitFor(By.id("record-form"));
		browser.findElement(By.id("amount")).sendKeys("9500.00");
		browser.findElement(By.id("counterparty")).sendKeys("Short Payer B.V.");
		browser.findElement(By.id("remittance")).sendKeys("invoices " + book.firstNumber() + " " + book.secondNumber());
		browser.findElement(By.id("debtorRef")).sendKeys(book.debtorRef());
		submit(By.id("record-submit"));
		waitFor(By.id("apply-form"));

		// both invoices on the form (added by number if not suggested), the first in
		// full, the second in part
		for (String number : new String[] { book.firstNumber(), book.secondNumber() }) {
			if (browser.findElements(By.cssSelector("#apply-rows th a"))
				.stream()
				.noneMatch((link) -> link.getText().equals(number))) {
				browser.findElement(By.id("addNumber")).sendKeys(number);
				submit(By.id("apply-add"));
			}
		}
		amount(book.first(), "5000.00");
		amount(book.second(), "4500.00");
		submit(By.id("apply-confirm"));
		waitFor(By.id("allocations"));
		assertThat(text("#flash-success")).endsWith("applied.");
		assertThat(text("#allocations tr[data-invoice='" + book.first() + "']")).contains("EUR 5,000.00")
			.contains("Paid")
			.doesNotContain("Partially");
		assertThat(text("#allocations tr[data-invoice='" + book.second() + "']")).contains("EUR 4,500.00")
			.contains("Partially paid");
		assertThat(text("#receipt-unapplied")).isEqualTo("EUR 0.00");

		// the first is paid, with its fee (one started period) and rebate
		browser.get(url("/invoices/" + book.first() + "?lang=en"));
		waitFor(By.id("settlement"));
		assertThat(text("#invoice-status")).isEqualTo("Paid");
		assertThat(text("#settlement-kind")).isEqualTo("Paid");
		assertThat(text("#settlement-settled-on")).isEqualTo("2026-11-25");
		assertThat(text("#settlement-days")).isEqualTo("20 days");
		assertThat(text("#settlement-fee")).isEqualTo("EUR 75.00");
		assertThat(text("#settlement-shortfall")).isEqualTo("EUR 0.00");
		assertThat(text("#settlement-credit-loss")).isEqualTo("EUR 0.00");
		assertThat(text("#settlement-rebate")).isEqualTo("EUR 925.00");

		// the second, partially paid, has no settlement yet: closed as short paid from
		// the debtor's collections page
		browser.get(url("/invoices/" + book.second() + "?lang=en"));
		waitFor(By.id("invoice-status"));
		assertThat(browser.findElements(By.id("settlement"))).isEmpty();
		browser.get(url("/collections/debtors/" + book.debtorRef() + "?lang=en"));
		waitFor(By.id("settle-table"));
		assertThat(text("tr.settle-short-pay[data-invoice='" + book.second() + "']")).contains(book.secondNumber())
			.contains("EUR 500.00");
		browser.findElement(By.id("shortpay-reason-" + book.second())).sendKeys("debtor disputes 500.00, settled");
		submit(By.cssSelector("tr.settle-short-pay[data-invoice='" + book.second() + "'] button[type='submit']"));
		waitFor(By.id("flash-success"));
		assertThat(text("#flash-success")).isEqualTo("The invoice is closed as short paid.");
		// closed (PAID) with a settlement of its own kind
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, book.second()))
			.isEqualTo("PAID");
		assertThat(this.jdbc.queryForObject("SELECT kind FROM settlement WHERE invoice_id = ? AND reversed_on IS NULL",
				String.class, book.second()))
			.isEqualTo("SHORT_PAID");
		browser.get(url("/invoices/" + book.second() + "?lang=en"));
		waitFor(By.id("settlement"));
		assertThat(text("#settlement-kind")).isEqualTo("Short paid");
		assertThat(text("#settlement-fee")).isEqualTo("EUR 75.00");
		assertThat(text("#settlement-shortfall")).isEqualTo("EUR 500.00");
		assertThat(text("#settlement-rebate")).isEqualTo("EUR 425.00");

		// the client's statement of the month to today
		browser.get(url("/clients/" + book.clientRef() + "?lang=en"));
		pick("2026-11-01", "2026-11-25");
		assertThat(text("#statement-period")).isEqualTo("Period 2026-11-01 to 2026-11-25, both days included");
		assertThat(text("#statement-opening")).isEqualTo("EUR 0.00");
		assertThat(text("#statement-RESERVE_CREATED")).isEqualTo("EUR 2,000.00");
		assertThat(text("#statement-FEE")).isEqualTo("EUR -150.00");
		assertThat(text("#statement-SHORT_PAY")).isEqualTo("EUR -500.00");
		// nothing passed on: the cash above each advance is the invoice's, not the
		// client's
		assertThat(text("#statement-PASSED_ON")).isEqualTo("EUR 0.00");
		assertThat(text("#statement-DILUTION")).isEqualTo("EUR 0.00");
		assertThat(text("#statement-closing")).isEqualTo("EUR 1,350.00");
		assertThat(text("#rebates-due")).isEqualTo("EUR 1,350.00");

		// its PDF, fetched with the browser's session
		String href = browser.findElement(By.id("statement-pdf")).getAttribute("href");
		assertThat(href).contains("from=2026-11-01").contains("to=2026-11-25");
		String pdf = pdfText(href + "&lang=en");
		// the text extractor joins some table cells without a space: compared without
		// spaces
		assertThat(pdf).contains(
				squeezed("Statement", "Period 2026-11-01 to 2026-11-25", "Opening balance (before 2026-11-01) EUR 0.00",
						"Reserve created 2 EUR 2,000.00", "Fees 2 EUR -150.00", "Short pays 1 EUR -500.00",
						"Closing balance (end of 2026-11-25) 5 EUR 1,350.00", "Rebates due EUR 1,350.00"));
	}

	private String pdfText(String href) throws Exception {
		String cookies = browser.manage()
			.getCookies()
			.stream()
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", cookies).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		// kept for a look
		Files.write(Path.of("target", "settlement-flow-statement.pdf"), response.body());
		PdfReader reader = new PdfReader(response.body());
		try {
			return new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("[\\s\u00a0]+", "");
		}
		finally {
			reader.close();
		}
	}

	private static String[] squeezed(String... texts) {
		return Arrays.stream(texts).map((text) -> text.replaceAll("\\s+", "")).toArray(String[]::new);
	}

	private static void amount(long invoiceId, String amount) {
		WebElement input = browser
			.findElement(By.cssSelector("#apply-rows tr[data-invoice='" + invoiceId + "'] input[id$='.amount']"));
		input.clear();
		input.sendKeys(amount);
	}

	private void pick(String from, String to) {
		// a date input takes what is typed in the reader's date order: set its value
		((JavascriptExecutor) browser).executeScript(
				"document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];",
				from, to);
		click(By.id("statement-show"));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("to=" + to));
		waitFor(By.id("statement-closing"));
	}

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		waitFor(By.id("signed-in-as"));
	}

	/**
	 * Clicks what may be under the page's fixed bar: brought to the middle first.
	 */
	private static void click(By element) {
		WebElement target = browser.findElement(element);
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(target));
		try {
			target.click();
		}
		catch (org.openqa.selenium.ElementClickInterceptedException covered) {
			// still under something fixed: as a keyboard user would
			target.sendKeys(org.openqa.selenium.Keys.ENTER);
		}
	}

	/**
	 * Submits a form and waits for the page it leads to. The old page is marked in its
	 * window, not held as an element: chromedriver may answer a question about an element
	 * of a page it is leaving with an inspector error instead of "stale".
	 */
	private static void submit(By button) {
		JavascriptExecutor script = (JavascriptExecutor) browser;
		script.executeScript("window.factordeskLeaving = true");
		click(button);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((driver) -> {
			try {
				return Boolean.TRUE.equals(script.executeScript(
						"return window.factordeskLeaving === undefined && document.readyState === 'complete'"));
			}
			catch (org.openqa.selenium.WebDriverException navigating) {
				return false;
			}
		});
	}

	private static void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().trim();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
