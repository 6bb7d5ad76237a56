package com.factordesk.web;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.factordesk.TestDatabase;
import com.factordesk.approval.DecisionPanel;
import com.factordesk.approval.DecisionPanels;
import com.factordesk.approval.Flag;
import com.factordesk.approval.InvoiceFlags;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An underwriter and a manager decide an advance in a real (headless) Chromium: the queue
 * filtered by a flag, the invoice opened, part of its advance approved; it leaves the
 * queue and its debtor's exposure rises by exactly that advance; above the four-eyes
 * threshold (1,000 in this context, so that every approval here needs one) it waits, the
 * underwriter cannot give the second approval, a manager does. On a database of its own
 * with a small demo book, so the decisions committed here are seen by no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestDatabase.FRESH + "=true", "factordesk.demo.invoices=400",
				"factordesk.policy.four-eyes-threshold=1000" })
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class DecisionFlowBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private DecisionPanels panels;

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
	void anUnderwriterApprovesPartOfAnAdvanceAndAManagerGivesTheSecondApproval() {
		List<Candidate> candidates = flaggedInvoicesWithHeadroom();
		logIn("underwriter");

		// the queue filtered by one of the invoice's flags shows it on its first page
		Candidate candidate = candidates.stream().filter((each) -> {
			browser.get(url("/queue?flag=" + each.flag()));
			return !browser.findElements(By.cssSelector("a[href$='/invoices/" + each.id() + "']")).isEmpty();
		}).findFirst().orElseThrow();
		browser.findElement(By.cssSelector("a[href$='/invoices/" + candidate.id() + "']")).click();
		waitFor(By.id("approve-form"));
		BigDecimal exposureBefore = amount(text("#debtor-exposure"));
		assertThat(browser.findElements(By.cssSelector("#decision-limits tr[data-limit='CREDIT_LIMIT']"))).hasSize(1);
		assertThat(text("#decision-four-eyes")).isEqualTo("needs a manager's second approval");
		screenshot("decision-queued");

		// part of the advance: the quoted advance less 100.00
		BigDecimal part = candidate.quoted().subtract(new BigDecimal("100.00"));
		browser.findElement(By.id("approve-amount")).sendKeys(part.toPlainString());
		browser.findElement(By.id("approve-button")).click();
		waitFor(By.id("flash-success"));
		assertThat(text("#flash-success")).contains("waits for a manager's second approval");
		assertThat(text("#invoice-status")).isEqualTo("Awaiting second approval");
		assertThat(amount(text("#debtor-exposure"))).isEqualByComparingTo(exposureBefore.add(part));
		assertThat(amount(text("#decision-advance"))).isEqualByComparingTo(part);
		assertThat(browser.findElements(By.id("second-approval-form"))).as("not for the underwriter").isEmpty();
		assertThat(browser.findElements(By.id("quote-frozen"))).hasSize(1);
		screenshot("decision-awaiting");

		browser.get(url("/queue?flag=" + candidate.flag()));
		assertThat(browser.findElements(By.cssSelector("a[href$='/invoices/" + candidate.id() + "']")))
			.as("decided: no longer in the queue")
			.isEmpty();
		logOut();

		logIn("manager");
		browser.get(url("/invoices/" + candidate.id()));
		waitFor(By.id("second-approval-form"));
		browser.findElement(By.id("second-approval-button")).click();
		waitFor(By.id("flash-success"));
		assertThat(text("#invoice-status")).isEqualTo("Approved");
		assertThat(amount(text("#debtor-exposure"))).as("the second approval reserves nothing more")
			.isEqualByComparingTo(exposureBefore.add(part));
		assertThat(browser.findElements(By.cssSelector("#decisions-table tr[data-kind='SECOND_APPROVAL']"))).hasSize(1);
		assertThat(browser.findElements(By.id("decision-fund"))).hasSize(1);
		screenshot("decision-approved");

		// fund it: the client's funding run pays exactly the approved advance
		browser.get(browser.findElement(By.cssSelector("#decision-fund a")).getAttribute("href"));
		waitFor(By.id("funding-form"));
		click(By.id("fund-" + candidate.id()));
		click(By.id("fund-selected"));
		waitFor(By.id("funding-outcome"));
		assertThat(amount(text("#run-total"))).isEqualByComparingTo(part);
		assertThat(text("#run-count")).isEqualTo("1");
		screenshot("funding-run");
		browser.get(url("/invoices/" + candidate.id()));
		assertThat(text("#invoice-status")).isEqualTo("Funded");
		assertThat(amount(text("#debtor-exposure"))).as("funding moves the reservation, it adds nothing")
			.isEqualByComparingTo(exposureBefore.add(part));
		assertThat(browser.findElements(By.id("quote-frozen"))).hasSize(1);
		logOut();
	}

	/**
	 * Queued invoices with a flag, a quote that prices them, an advance above 1,100 and
	 * headroom under every limit, each with each of its flags.
	 */
	private List<Candidate> flaggedInvoicesWithHeadroom() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("finder", "n/a",
					AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
		try {
			List<Candidate> candidates = new java.util.ArrayList<>();
			List<Long> queued = this.jdbc.queryForList(
					"SELECT id FROM invoice WHERE status = 'SUBMITTED' ORDER BY submitted_at, id", Long.class);
			for (long id : queued) {
				InvoiceQuote quote = this.quotes.quote(id).orElse(null);
				if (quote == null || quote.quote().declined()
						|| quote.quote().advance().amount().compareTo(new BigDecimal("1100.00")) < 0) {
					continue;
				}
				DecisionPanel panel = this.panels.of(id, quote);
				List<Flag> invoiceFlags = this.flags.of(id);
				if (panel.overLimit() || invoiceFlags.isEmpty()) {
					continue;
				}
				for (Flag flag : invoiceFlags) {
					candidates.add(new Candidate(id, flag.code().name(), quote.quote().advance().amount()));
				}
			}
			assertThat(candidates).as("flagged invoices with headroom in the small demo book").isNotEmpty();
			return candidates;
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		waitFor(By.id("signed-in-as"));
	}

	private void logOut() {
		browser.findElement(By.id("logout")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
	}

	/**
	 * Clicks an element after scrolling it to the middle of the window, where nothing
	 * sticky covers it.
	 */
	private static void click(By element) {
		org.openqa.selenium.WebElement target = browser.findElement(element);
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(target));
		try {
			target.click();
		}
		catch (org.openqa.selenium.ElementClickInterceptedException covered) {
			// something fixed covers it at the bottom of a short page: click it as a
			// keyboard user would
			target.sendKeys("checkbox".equals(target.getAttribute("type")) ? org.openqa.selenium.Keys.SPACE
					: org.openqa.selenium.Keys.ENTER);
		}
	}

	private static void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().trim();
	}

	private static BigDecimal amount(String text) {
		return new BigDecimal(text.replace("EUR", "").replace(",", "").replace("\u00a0", "").trim());
	}

	private static void screenshot(String name) {
		try {
			Path file = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(file.getParent());
			Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private record Candidate(long id, String flag, BigDecimal quoted) {

	}

}
