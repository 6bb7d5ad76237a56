package com.factordesk.web;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager runs the book from the dashboard in a real (headless) Chromium: changes the
 * as-of date and sees the open AR change, drills down from the open invoices to a client
 * and from the client's to a debtor, the date kept at every step, opens the debtor's
 * invoices, exports them as CSV and as XLSX and opens both downloaded files: the same
 * invoices in the same order as the page, adding up to the debtor's open AR on the
 * dashboard. Reads the demo book; writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class PortfolioDashboardBrowserTests {

	private static final String EARLIER = "2026-08-31";

	private static WebDriver browser;

	private static Path downloads;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() throws Exception {
		browser = HeadlessChromium.start(Duration.ofSeconds(1));
		downloads = Files.createDirectories(Path.of("target", "portfolio-downloads").toAbsolutePath());
		try (var old = Files.list(downloads)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		((ChromeDriver) browser).executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString()));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aManagerChangesTheDateDrillsDownToADebtorAndExportsItsInvoices() throws Exception {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("manager");
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		wait(By.id("signed-in-as"));

		// today's book, then the book at the end of August: another open AR
		browser.get(url("/portfolio?lang=en"));
		String today = browser.findElement(By.id("asOf")).getAttribute("value");
		String openArToday = text("open-ar");
		((JavascriptExecutor) browser).executeScript("document.getElementById('asOf').value = arguments[0]", EARLIER);
		click(browser.findElement(By.cssSelector("form[action='/portfolio'] button[type=submit]")));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("asOf=" + EARLIER));
		assertThat(today).isNotEqualTo(EARLIER);
		assertThat(browser.findElement(By.id("asOf")).getAttribute("value")).isEqualTo(EARLIER);
		assertThat(text("open-ar")).isNotEqualTo(openArToday);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio as of 2026-08-31");

		// the open invoices of the whole book on that date, then a client's book
		click(browser.findElement(By.id("open-items-link")));
		wait(By.id("open-items-table"));
		assertThat(browser.getCurrentUrl()).contains("/portfolio/invoices?asOf=" + EARLIER);
		WebElement client = browser.findElement(By.cssSelector("#open-items-table tbody tr .open-item-client"));
		String clientName = client.getText();
		click(client);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("clientRef="));
		assertThat(browser.getCurrentUrl()).contains("asOf=" + EARLIER);
		assertThat(browser.findElement(By.id("asOf")).getAttribute("value")).isEqualTo(EARLIER);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(clientName + " as of 2026-08-31");

		// the client's open invoices, then one debtor of that client
		click(browser.findElement(By.id("open-items-link")));
		wait(By.id("open-items-table"));
		assertThat(browser.findElement(By.id("crumb-client")).getText()).isEqualTo(clientName);
		WebElement debtor = browser.findElement(By.cssSelector("#open-items-table tbody tr .open-item-debtor"));
		String debtorName = debtor.getText();
		click(debtor);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("debtorRef="));
		assertThat(browser.getCurrentUrl()).contains("asOf=" + EARLIER).contains("clientRef=");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(debtorName + " as of 2026-08-31");
		BigDecimal debtorOpenAr = amount(text("open-ar"));

		// its invoices, as the page lists them
		click(browser.findElement(By.id("open-items-link")));
		wait(By.id("open-items-table"));
		assertThat(browser.findElement(By.id("crumb-debtor")).getText()).isEqualTo(debtorName);
		List<String> numbers = browser.findElements(By.cssSelector("#open-items-table tbody tr .open-item-invoice"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(numbers).isNotEmpty().hasSizeLessThanOrEqualTo(50);

		// the CSV: a header, the same invoices in the same order, adding up to the open
		// AR
		click(browser.findElement(By.cssSelector("a[href^='/portfolio/export/open-items.csv']")));
		Path csv = downloaded(".csv");
		assertThat(csv.getFileName().toString()).startsWith("open-items-").endsWith("-" + EARLIER + ".csv");
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo(
				"client_ref,client_name,debtor_ref,debtor_name,invoice_number,issue_date,due_date,funded_on,amount,outstanding,days_past_due,bucket");
		List<List<String>> rows = lines.subList(1, lines.size())
			.stream()
			.map(PortfolioDashboardBrowserTests::fields)
			.toList();
		assertThat(rows).extracting((row) -> row.get(4)).containsExactlyElementsOf(numbers);
		assertThat(rows).extracting((row) -> row.get(3)).containsOnly(debtorName);
		assertThat(rows.stream().map((row) -> new BigDecimal(row.get(9))).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo(debtorOpenAr);

		// the XLSX: the same rows, amounts as numbers and dates as dates
		click(browser.findElement(By.cssSelector("a[href^='/portfolio/export/open-items.xlsx']")));
		Path xlsx = downloaded(".xlsx");
		try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			Sheet sheet = workbook.getSheet("open-items");
			assertThat(sheet.getLastRowNum()).isEqualTo(numbers.size());
			BigDecimal sum = BigDecimal.ZERO;
			for (int i = 1; i <= numbers.size(); i++) {
				assertThat(sheet.getRow(i).getCell(4).getStringCellValue()).isEqualTo(numbers.get(i - 1));
				assertThat(sheet.getRow(i).getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
				assertThat(DateUtil.isCellDateFormatted(sheet.getRow(i).getCell(6))).isTrue();
				sum = sum.add(BigDecimal.valueOf(sheet.getRow(i).getCell(9).getNumericCellValue()));
			}
			assertThat(sum.setScale(2, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo(debtorOpenAr);
		}

		// and an invoice of the list leads to its page
		click(browser.findElement(By.cssSelector("#open-items-table tbody tr .open-item-invoice")));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/invoices/\\d+$"));
		assertThat(browser.getPageSource()).contains(numbers.get(0));
	}

	/**
	 * The one downloaded file with that extension, once Chromium has finished writing it.
	 */
	private static Path downloaded(String extension) throws Exception {
		long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < until) {
			try (var files = Files.list(downloads)) {
				List<Path> done = files.filter((file) -> file.getFileName().toString().endsWith(extension)).toList();
				if (done.size() == 1 && Files.size(done.get(0)) > 0) {
					return done.get(0);
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no " + extension + " file downloaded into " + downloads);
	}

	/**
	 * The fields of a CSV line (RFC 4180: quoted fields, doubled quotes).
	 */
	private static List<String> fields(String line) {
		List<String> fields = new java.util.ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	/**
	 * An amount as the English page writes it: "EUR 1,234.56".
	 */
	private static BigDecimal amount(String text) {
		return new BigDecimal(text.replaceAll("[^0-9.-]", ""));
	}

	private static void click(WebElement element) {
		HeadlessChromium.click(browser, element);
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static void wait(By by) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
