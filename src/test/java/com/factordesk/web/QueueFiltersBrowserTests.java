package com.factordesk.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The underwriter filters the queue with htmx in a real (headless) Chromium: by a flag,
 * then by status HELD. Each time the results region is replaced in place (the page is not
 * loaded again: a mark left on the window survives), the address bar follows the filter,
 * and nothing breaks the Content-Security-Policy. One held invoice is added for the test
 * and deleted after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class QueueFiltersBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Autowired
	private TransactionTemplate transactions;

	private long held;

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

	@BeforeEach
	void anInvoiceOnHold() {
		Map<String, Object> pair = this.jdbc.queryForMap("""
				SELECT i.client_id, i.debtor_id FROM invoice i
				JOIN debtor_current_score r ON r.debtor_id = i.debtor_id
				ORDER BY i.id LIMIT 1
				""");
		this.held = this.transactions.execute((status) -> {
			Invoice invoice = Invoices
				.anInvoice(this.entities.find(Client.class, ((Number) pair.get("client_id")).longValue()),
						this.entities.find(Debtor.class, ((Number) pair.get("debtor_id")).longValue()))
				.issued(LocalDate.of(2026, 11, 10))
				.amount("7777.74")
				.build();
			invoice.hold(Money.of("6000.00"), "underwriter", "no headroom", Invoices.on(LocalDate.of(2026, 11, 12)));
			this.entities.persist(invoice);
			this.entities.flush();
			return invoice.getId();
		});
	}

	@AfterEach
	void deleteTheInvoiceOnHold() {
		this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id = ?", this.held);
		this.jdbc.update("DELETE FROM invoice WHERE id = ?", this.held);
	}

	@Test
	void theUnderwriterFiltersByAFlagAndByStatusHeldInPlace() {
		logIn("underwriter");
		assertThat(browser.getCurrentUrl()).endsWith("/queue");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		wait.until((driver) -> Boolean.TRUE.equals(js("return typeof window.htmx === 'object';")));
		// a mark that a full page load would lose
		js("window.queueMark = 'kept';");
		assertThat(browser.findElements(By.cssSelector("#queue-table tbody tr"))).hasSize(25);
		assertThat(text("#queue-summary")).doesNotContain("Filters:");

		new Select(browser.findElement(By.id("flag-filter"))).selectByValue("CROSS_AGED");
		browser.findElement(By.id("queue-filter-apply")).click();
		wait.until(ExpectedConditions.urlContains("flag=CROSS_AGED"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-summary"),
				"Filters: flag \"Debtor cross-aged\"."));
		List<WebElement> flagged = browser.findElements(By.cssSelector("#queue-table tbody tr"));
		assertThat(flagged).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.findElements(By.cssSelector("[data-flag='CROSS_AGED']"))).hasSize(1));
		assertThat(js("return window.queueMark;")).as("the page was not loaded again").isEqualTo("kept");
		// the form stays as the underwriter left it
		assertThat(new Select(browser.findElement(By.id("flag-filter"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("CROSS_AGED");

		new Select(browser.findElement(By.id("flag-filter"))).selectByValue("");
		new Select(browser.findElement(By.id("status-filter"))).selectByValue("HELD");
		browser.findElement(By.id("queue-filter-apply")).click();
		wait.until(ExpectedConditions.urlContains("status=HELD"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-summary"), "invoices held"));
		assertThat(browser.getCurrentUrl()).doesNotContain("flag=CROSS_AGED");
		List<WebElement> held = browser.findElements(By.cssSelector("#queue-table tbody tr"));
		// the demo book holds no invoice: ours is the only one
		assertThat(held).singleElement()
			.satisfies((row) -> assertThat(row.getAttribute("data-invoice-id")).isEqualTo(Long.toString(this.held)));
		assertThat(text("#queue-table tbody tr td.queue-status")).isEqualTo("held");
		assertThat(js("return window.queueMark;")).as("the page was not loaded again").isEqualTo("kept");

		// the same address loaded afresh shows the same result: the URL is the state
		browser.get(browser.getCurrentUrl());
		assertThat(browser.findElements(By.cssSelector("#queue-table tbody tr"))).hasSize(1);
		assertThat(
				new Select(browser.findElement(By.id("status-filter"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("HELD");
		assertThat(contentSecurityPolicyViolations()).isEmpty();
	}

	private Object js(String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().strip();
	}

	private static List<String> contentSecurityPolicyViolations() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
