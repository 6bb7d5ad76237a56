package com.factordesk.web;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import com.factordesk.backtest.Backtest;
import com.factordesk.backtest.BacktestReport;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role logs in with a real (headless) Chromium and finds its home screen filled with
 * the demo portfolio.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class HomeScreensBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private Backtest backtest;

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
	void theUnderwriterWorksTheQueueAndOpensAnInvoice() {
		logIn("underwriter");
		assertThat(browser.getCurrentUrl()).endsWith("/queue");
		assertThat(text("h1")).isEqualTo("Invoices waiting for a decision");
		List<WebElement> rows = browser.findElements(By.cssSelector("#queue-table tbody tr"));
		assertThat(rows).hasSize(25);
		assertThat(text("#page-indicator")).matches("Page 1 of \\d+");
		assertThat(browser.findElements(By.id("nav-portfolio"))).isEmpty();
		assertThat(browser.findElements(By.id("nav-users"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#queue-table tbody tr .grade"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#queue-table tbody tr td.quote-advance span"))).isNotEmpty();
		screenshot("queue");

		sortBy("amount", "asc");
		List<BigDecimal> smallest = amountColumn();
		assertThat(smallest).hasSize(25).isEqualTo(smallest.stream().sorted().toList());
		sortBy("amount", "desc");
		List<BigDecimal> largest = amountColumn();
		assertThat(largest).hasSize(25).isEqualTo(largest.stream().sorted(Comparator.reverseOrder()).toList());
		assertThat(smallest).allSatisfy((amount) -> assertThat(amount).isLessThanOrEqualTo(largest.get(0)));
		assertThat(largest).allSatisfy((amount) -> assertThat(amount).isGreaterThanOrEqualTo(smallest.get(0)));

		// filtered by a flag: every row carries its chip, the filter kept by the sort
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("flag-filter")))
			.selectByValue("CROSS_AGED");
		browser.findElement(By.cssSelector("#queue-filter button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("flag=CROSS_AGED"));
		// htmx moves the address before it swaps the results in
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.id("queue-summary"), "Filters: flag \"Debtor cross-aged\"."));
		List<WebElement> flagged = browser.findElements(By.cssSelector("#queue-table tbody tr"));
		assertThat(flagged).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.findElements(By.cssSelector("[data-flag='CROSS_AGED'] .badge")))
				.singleElement()
				.satisfies((chip) -> assertThat(chip.getAttribute("title")).startsWith("Debtor cross-aged: ")));
		assertThat(text("#queue-summary")).startsWith(flagged.size() + " invoices waiting for a decision");
		// the form kept the descending sort by amount: the header turns it ascending
		sortBy("amount", "asc");
		assertThat(browser.getCurrentUrl()).contains("flag=CROSS_AGED");
		assertThat(browser.findElements(By.cssSelector("#queue-table tbody tr"))).hasSameSizeAs(flagged);
		screenshot("queue-flagged");
		browser.get(url("/queue?sort=amount&dir=desc"));

		String number = browser.findElement(By.cssSelector("#queue-table tbody tr a.invoice-link")).getText();
		browser.findElement(By.cssSelector("#queue-table tbody tr a.invoice-link")).click();
		assertThat(text("h1")).contains(number);
		assertThat(text("#invoice-status")).isEqualTo("Submitted");
		assertThat(text("#debtor-name")).isNotBlank();
		assertThat(browser.findElements(By.cssSelector("#history-table tbody tr"))).isNotEmpty();
		assertThat(text("#quote-grade")).startsWith("Grade ");
		assertThat(browser.findElements(By.cssSelector("#quote-lines tbody tr[data-code='BAND']"))).hasSize(1);
		BigDecimal face = amount(browser.findElement(By.id("invoice-amount")));
		assertThat(amount(browser.findElement(By.id("quote-advance")))
			.add(amount(browser.findElement(By.id("quote-reserve"))))).isEqualByComparingTo(face);
		screenshot("invoice");
		logOut();
	}

	@Test
	void theManagerSeesThePortfolioComputedFromTheBook() {
		logIn("manager");
		assertThat(browser.getCurrentUrl()).endsWith("/portfolio");
		assertThat(text("h1")).startsWith("Portfolio as of 2026-11-25");
		assertThat(amount(browser.findElement(By.id("open-ar")))).isGreaterThan(new BigDecimal("100000"));
		assertThat(browser.findElements(By.cssSelector("#aging-table tbody tr"))).hasSize(6);
		assertThat(browser.findElements(By.cssSelector("#top-debtors-table tbody tr"))).hasSize(10);
		assertThat(browser.findElements(By.id("nav-users"))).isEmpty();
		screenshot("portfolio");
		logOut();
	}

	@Test
	void theAdminManagesUsersAndIsKeptOutOfTheQueue() {
		logIn("admin");
		assertThat(browser.getCurrentUrl()).endsWith("/admin/users");
		assertThat(browser.findElements(By.cssSelector("#users-table tr[data-username='underwriter']"))).hasSize(1);
		assertThat(browser.findElements(By.id("nav-queue"))).isEmpty();

		browser.findElement(By.id("new-user")).click();
		browser.findElement(By.id("username")).sendKeys("Bad Name");
		browser.findElement(By.id("save-user")).click();
		assertThat(browser.findElements(By.cssSelector(".invalid-feedback"))).isNotEmpty();
		assertThat(browser.getPageSource()).contains("Choose at least one role.");
		assertThat(browser.findElements(By.cssSelector("input[type=checkbox][name=roles]"))).hasSize(3);

		browser.findElement(By.id("username")).clear();
		String username = "browser." + System.nanoTime();
		String keyName = "Browser integration " + System.nanoTime();
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("fullName")).sendKeys("Bram Browser");
		browser.findElement(By.id("password")).sendKeys("a-long-enough-password");
		browser.findElement(By.cssSelector("input[name=roles][value=UNDERWRITER]")).click();
		// below the fold of a 900-pixel window once the form shows its errors
		org.openqa.selenium.WebElement save = browser.findElement(By.id("save-user"));
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", save);
		save.click();
		assertThat(text("#flash-success")).isEqualTo("User " + username + " was created.");
		assertThat(browser.findElements(By.cssSelector("#users-table tr[data-username='" + username + "']")))
			.hasSize(1);

		browser.findElement(By.id("nav-pricing")).click();
		assertThat(text("h1")).startsWith("Pricing bands: version");
		assertThat(browser.findElements(By.cssSelector("#band-rows tbody tr"))).hasSize(5);
		WebElement from = browser.findElement(By.id("bands2.scoreFrom"));
		from.clear();
		from.sendKeys("52");
		browser.findElement(By.id("publish-bands")).click();
		assertThat(text(".alert-danger")).contains("50-52");
		screenshot("pricing");

		browser.findElement(By.id("nav-api-keys")).click();
		assertThat(text("h1")).isEqualTo("API keys");
		browser.findElement(By.id("name")).sendKeys(keyName);
		browser.findElement(By.id("issue-key")).click();
		assertThat(text("#issued-key")).matches("fd_[A-Za-z0-9_-]{43}");
		browser.findElement(By.cssSelector("#api-keys-table tr[data-name='" + keyName + "'] .revoke-key")).click();
		assertThat(text("#confirm-revoke h2")).isEqualTo("Revoke the key of " + keyName + "?");
		assertThat(text("#confirm-revoke p")).endsWith("Last used: never.");
		assertThat(text("#api-keys-table tr[data-name='" + keyName + "'] .badge.text-bg-success"))
			.as("not revoked until confirmed")
			.isEqualTo("Active");
		browser.findElement(By.id("confirm-revoke-button")).click();
		assertThat(text("#flash-success")).isEqualTo("The key of " + keyName + " was revoked.");
		assertThat(browser.findElements(By.id("issued-key"))).isEmpty();

		browser.get(url("/queue"));
		assertThat(text("h1")).isEqualTo("Not allowed");
		browser.get(url("/admin/users/999999999"));
		assertThat(text("h1")).isEqualTo("Not found");
		logOut();
	}

	@Test
	void theAdminCalibratesInTheBackgroundAndThePageShowsTheDraftWhenItIsDone() {
		logIn("admin");
		browser.get(url("/admin/scoring"));
		browser.findElement(By.id("calibrate")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-success")));
		assertThat(browser.findElement(By.id("flash-success")).getText()).startsWith("Calibration started.");
		// about ten seconds on the demo book: the page says it runs, asks, and reloads
		assertThat(browser.findElement(By.id("calibration-running")).getText())
			.startsWith("The calibration admin started at ");
		assertThat(browser.findElement(By.id("calibrate")).isEnabled()).isFalse();
		new WebDriverWait(browser, Duration.ofSeconds(120))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("scoring-draft")));
		assertThat(browser.findElement(By.id("calibration-done")).getText())
			.startsWith("Last calibration: started by admin at ")
			.contains(": draft ");
		assertThat(browser.findElement(By.id("calibrate")).isEnabled()).isTrue();
		screenshot("admin-scoring-calibrated");
		logOut();
		this.jdbc.update("DELETE FROM scoring_draft");
		this.jdbc.update("DELETE FROM calibration_run");
	}

	@Test
	void theUnderwriterSeesWhyADebtorScoresAsItDoes() {
		logIn("underwriter");
		browser.findElement(By.cssSelector("#queue-table tbody tr a.debtor-link")).click();
		assertThat(text("#debtor-grade")).matches("Grade [A-E] · \\d+(\\.\\d)?");
		List<WebElement> reasons = browser.findElements(By.cssSelector("#score-reasons li"));
		assertThat(reasons).isNotEmpty();
		assertThat(reasons.get(0).getText()).isNotBlank();
		assertThat(browser.findElements(By.cssSelector("#score-components tbody tr"))).hasSize(3);
		assertThat(browser.findElements(By.cssSelector("#client-behaviour tbody tr"))).isNotEmpty();
		assertThat(Integer.parseInt(browser.findElement(By.id("score-history")).getAttribute("data-points")))
			.isGreaterThanOrEqualTo(12);
		assertThat(chartDrawn()).as("the score history chart is drawn").isTrue();
		screenshot("debtor");
		logOut();
	}

	@Test
	@WithMockUser(roles = "MANAGER")
	void theManagerBacktestsTheScoreAndSeesWhatTheBacktestReports() {
		logIn("manager");
		browser.findElement(By.id("nav-backtest")).click();
		assertThat(text("h1")).isEqualTo("Does the score rank risk?");
		setDate("from", "2025-06-01");
		setDate("to", "2025-09-30");
		browser.findElement(By.id("run-backtest")).click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("from=2025-06-01"));
		BacktestReport report = this.backtest.run(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 9, 30), null);
		assertThat(report.invoices()).isPositive();
		assertThat(Long.parseLong(text("#backtest-invoices").replace(",", ""))).isEqualTo(report.invoices());
		assertThat(new BigDecimal(text("#backtest-auc"))).isEqualByComparingTo(report.auc());
		List<WebElement> grades = browser.findElements(By.cssSelector("#backtest-grades tbody tr"));
		assertThat(grades).hasSize(5);
		assertThat(grades.stream().map((row) -> row.getAttribute("data-grade")).toList())
			.isEqualTo(report.grades().stream().map((grade) -> grade.grade().name()).toList());
		assertThat(grades.stream()
			.map((row) -> Long.parseLong(row.findElement(By.cssSelector("td:nth-child(2)")).getText().replace(",", "")))
			.toList()).isEqualTo(report.grades().stream().map(BacktestReport.GradeOutcome::invoices).toList());
		assertThat(grades.stream()
			.map((row) -> new BigDecimal(row.findElement(By.cssSelector("td:nth-child(4)")).getText()))
			.toList())
			.isEqualTo(report.grades().stream().map(BacktestReport.GradeOutcome::avgDaysBeyondTerms).toList());
		browser.get(url("/risk/backtest?from=2026-06-01&to=2026-01-01"));
		assertThat(text("#backtest-error")).contains("starts after it ends");
		logOut();
	}

	@Test
	void theDeskSpeaksDutchOnRequest() {
		logIn("manager");
		browser.get(url("/portfolio?lang=nl"));
		assertThat(text("h1")).startsWith("Portefeuille per 2026-11-25");
		browser.get(url("/portfolio"));
		assertThat(text("#nav-portfolio")).isEqualTo("Portefeuille");
		browser.get(url("/debtors/D00001"));
		assertThat(browser.getPageSource()).contains("Hoe zij elke cliënt betaalt");
		assertThat(browser.findElements(By.cssSelector("#score-reasons li"))).allSatisfy(
				(reason) -> assertThat(reason.getText()).doesNotContain("beyond terms").doesNotContain("no bureau"));
		browser.get(url("/portfolio?lang=en"));
		assertThat(text("#nav-portfolio")).isEqualTo("Portfolio");
		logOut();
	}

	@Test
	void aWrongPasswordIsExplainedOnTheLoginPage() {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("manager");
		browser.findElement(By.id("password")).sendKeys("not-the-password");
		browser.findElement(By.id("login-submit")).click();
		assertThat(text("#login-error"))
			.isEqualTo("The user name or password is wrong, or there were too many attempts: try again in a moment.");
		assertThat(contentSecurityPolicyViolations()).isEmpty();
		this.jdbc.update("DELETE FROM login_throttle WHERE username = 'manager'");
	}

	@Test
	void theBrowserRunsNoInlineScriptOrStyleWhileThePagesScriptsWork() {
		logIn("underwriter");
		browser.get(url("/debtors/D00001"));
		assertThat(chartDrawn()).as("the score history chart is drawn").isTrue();
		assertThat(contentSecurityPolicyViolations()).isEmpty();
		JavascriptExecutor js = (JavascriptExecutor) browser;
		js.executeScript("""
				const script = document.createElement('script');
				script.textContent = 'window.inlineRan = true;';
				document.body.appendChild(script);
				document.getElementById('score-history').setAttribute('style', 'display: none');
				""");
		assertThat(js.executeScript("return window.inlineRan === true;")).isEqualTo(false);
		assertThat(js.executeScript("return getComputedStyle(document.getElementById('score-history')).display;"))
			.isNotEqualTo("none");
		assertThat(contentSecurityPolicyViolations()).hasSizeGreaterThanOrEqualTo(2);
		logOut();
	}

	/**
	 * Keeps what the page looked like in target/screenshots (the README's pictures come
	 * from there).
	 */
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

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
	}

	/**
	 * Whether the score history chart gets drawn within a few seconds (on a busy machine
	 * the script runs after the page has loaded): Chart.js ran and the canvas has pixels.
	 */
	private static boolean chartDrawn() {
		try {
			return new WebDriverWait(browser, Duration.ofSeconds(10))
				.until((driver) -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("""
						const canvas = document.getElementById('score-history');
						if (!window.Chart || !Chart.getChart(canvas)) return false;
						const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
						for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
						return false;
						""")));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			return false;
		}
	}

	/**
	 * What the browser reported refusing under the Content-Security-Policy since the last
	 * call.
	 */
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

	/**
	 * Every test that logs in ends here: none of the pages it saw broke the policy.
	 */
	private void logOut() {
		assertThat(contentSecurityPolicyViolations()).isEmpty();
		browser.findElement(By.id("logout")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
	}

	/**
	 * Clicks a column's sort link and waits for the results sorted that way to have
	 * loaded (with htmx, in place: the column's header then shows the new direction).
	 */
	private static void sortBy(String column, String direction) {
		browser.findElement(By.cssSelector("th a[data-sort='" + column + "']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.and(
				ExpectedConditions.urlContains("sort=" + column), ExpectedConditions.urlContains("dir=" + direction),
				ExpectedConditions.textToBePresentInElementLocated(
						By.cssSelector("th a.sorted[data-sort='" + column + "']"),
						"asc".equals(direction) ? "\u25b2" : "\u25bc"),
				(driver) -> "complete"
					.equals(((JavascriptExecutor) driver).executeScript("return document.readyState"))));
	}

	private static List<BigDecimal> amountColumn() {
		return browser.findElements(By.cssSelector("#queue-table tbody tr td.queue-amount"))
			.stream()
			.map(HomeScreensBrowserTests::amount)
			.toList();
	}

	private static void setDate(String id, String isoDate) {
		((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
				isoDate);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().trim();
	}

	private static BigDecimal amount(WebElement element) {
		return new BigDecimal(element.getText().replace("EUR", "").replace(",", "").replace("\u00a0", "").trim());
	}

}
