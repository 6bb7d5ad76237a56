package com.factordesk.web;

import java.time.Duration;

import com.factordesk.approval.CommittedBook;
import com.factordesk.approval.FundClient;
import com.factordesk.approval.FundingRuns;
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
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An underwriter enters a receipt for a funded invoice in a real (headless) Chromium: the
 * receipt's page suggests the invoice its remittance names, with the whole receipt to
 * apply; the underwriter lowers the amount, confirms, and sees the invoice partially
 * paid; a second receipt pays the rest and the invoice is paid. A client, debtor and
 * invoice of their own, committed and kept: the reserve ledger they write cannot be
 * removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class ReceiptsBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private FundingRuns fundingRuns;

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
	void anUnderwriterEntersAReceiptConfirmsTheSuggestionAndTheInvoiceIsPaid() {
		CommittedBook book = new CommittedBook(this.context).create(1);
		long invoiceId = book.invoiceIds().get(0);
		try {
			book.approve(invoiceId, "underwriter");
			this.fundingRuns.fund(FundClient.all(book.clientRef()));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		String number = this.jdbc.queryForObject("SELECT number FROM invoice WHERE id = ?", String.class, invoiceId);
		String debtorRef = this.jdbc.queryForObject(
				"SELECT d.ref FROM debtor d JOIN invoice i ON i.debtor_id = d.id WHERE i.id = ?", String.class,
				invoiceId);

		logIn("underwriter");
		click(By.id("nav-receipts"));
		waitFor(By.id("record-form"));
		enterReceipt("5000.00", "payment of " + number, debtorRef);

		// the suggestion: the invoice the remittance names, the whole 5,000.00 of it
		waitFor(By.id("apply-form"));
		assertThat(text("#flash-success")).startsWith("Receipt ");
		assertThat(browser.findElement(By.cssSelector("#apply-rows tr[data-invoice='" + invoiceId + "']")).getText())
			.contains(number)
			.contains("number in the remittance");
		WebElement amount = browser.findElement(By.id("rows0.amount"));
		assertThat(amount.getAttribute("value")).isEqualTo("5000.00");
		amount.clear();
		amount.sendKeys("3000.00");
		click(By.id("apply-confirm"));
		waitFor(By.id("allocations"));
		assertThat(text("#flash-success")).endsWith("applied.");
		assertThat(text("#allocations tr[data-invoice='" + invoiceId + "']")).contains(number)
			.contains("EUR 3,000.00")
			.contains("Partially paid");
		assertThat(text("#receipt-unapplied")).isEqualTo("EUR 2,000.00");

		// the rest from the same account, on the unapplied cash page first
		browser.get(url("/receipts/unapplied"));
		waitFor(By.id("unapplied-total"));
		browser.get(url("/receipts"));
		enterReceipt("2000.00", number, debtorRef);
		waitFor(By.id("apply-form"));
		click(By.id("apply-confirm"));
		waitFor(By.id("allocations"));
		assertThat(text("#allocations tr[data-invoice='" + invoiceId + "']")).contains("Paid")
			.doesNotContain("Partially");
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE id = ?", String.class, invoiceId))
			.isEqualTo("PAID");
		browser.get(url("/invoices/" + invoiceId));
		assertThat(text("#invoice-status")).isEqualTo("Paid");
	}

	private void enterReceipt(String amount, String remittance, String debtorRef) {
		waitFor(By.id("record-form"));
		WebElement date = browser.findElement(By.id("receivedOn"));
		assertThat(date.getAttribute("value")).isEqualTo("2026-11-25");
		browser.findElement(By.id("amount")).sendKeys(amount);
		browser.findElement(By.id("counterparty")).sendKeys("Browser Payer B.V.");
		browser.findElement(By.id("remittance")).sendKeys(remittance);
		browser.findElement(By.id("debtorRef")).sendKeys(debtorRef);
		click(By.id("record-submit"));
	}

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		waitFor(By.id("signed-in-as"));
	}

	private static void click(By element) {
		WebElement target = browser.findElement(element);
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(target));
		try {
			target.click();
		}
		catch (org.openqa.selenium.ElementClickInterceptedException covered) {
			// something fixed covers it at the bottom of a long page: press it as a
			// keyboard
			// user would
			target.sendKeys(org.openqa.selenium.Keys.ENTER);
		}
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
