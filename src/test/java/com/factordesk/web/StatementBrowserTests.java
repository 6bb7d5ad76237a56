package com.factordesk.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.factordesk.approval.CommittedLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An underwriter reads a client's statement in a real (headless) Chromium: picks a
 * period, reads the opening balance, the movements and the closing balance, follows a
 * movement to its entries and from an entry to the rebate run that booked it; a period
 * that ends before it starts is said on the picker. The client is one of its own with a
 * committed ledger (kept: the ledger is append-only).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class StatementBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start(Duration.ofSeconds(1));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void anUnderwriterReadsAStatementAndFollowsItsEntries() throws Exception {
		CommittedLedger ledger = CommittedLedger.create(this.context);
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("underwriter");
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		wait(By.id("signed-in-as"));

		browser.get(url("/clients/" + ledger.clientRef() + "?lang=en"));
		// the current month to date: the reserve, the fee, its reversal and the rebate
		// run
		assertThat(text("statement-opening")).isEqualTo("EUR 0.00");
		assertThat(text("statement-RESERVE_CREATED")).isEqualTo("EUR 1,000.00");
		assertThat(text("statement-FEE")).isEqualTo("EUR -12.50");
		assertThat(text("statement-REVERSAL")).isEqualTo("EUR 12.50");
		assertThat(text("statement-REBATE_PAID")).isEqualTo("EUR -1,000.00");
		assertThat(text("statement-closing")).isEqualTo("EUR 0.00");
		assertThat(text("rebates-due")).isEqualTo("EUR 0.00");

		// a period of its own: the first week of November holds the reserve and the fee
		pick("2026-11-01", "2026-11-03");
		assertThat(text("statement-period")).isEqualTo("Period 2026-11-01 to 2026-11-03, both days included");
		assertThat(text("statement-closing")).isEqualTo("EUR 987.50");
		assertThat(browser.getCurrentUrl()).endsWith("#statement");
		Path shot = Path.of("target", "statement-page.png");
		Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

		// the rebates paid lead to their entry, and the entry to its run
		pick("2026-11-01", "2026-11-25");
		click(browser.findElement(By.id("drill-REBATE_PAID")));
		wait(By.id("statement-entries-table"));
		WebElement run = browser
			.findElement(By.cssSelector("#statement-entries-table a[href^='/funding/rebate-runs/']"));
		click(run);
		wait(By.id("run-total"));
		assertThat(text("run-total")).isEqualTo("EUR 1,000.00");
		assertThat(browser.getCurrentUrl()).endsWith("/funding/rebate-runs/" + ledger.rebateRunId());

		// a period that ends before it starts
		browser.get(url("/clients/" + ledger.clientRef() + "?lang=en"));
		pick("2026-11-20", "2026-11-10");
		assertThat(text("to-error")).isEqualTo(
				"The period ends on 2026-11-10, before it starts on 2026-11-20: pick an end on or after the start.");
		assertThat(browser.findElements(By.id("statement-closing"))).isEmpty();
	}

	private void pick(String from, String to) {
		// a date input takes what is typed in the reader's date order: set its value
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];",
				from, to);
		click(browser.findElement(By.id("statement-show")));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("to=" + to));
	}

	/**
	 * Clicks what may be under the page's fixed bar: brought to the middle first.
	 */
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
