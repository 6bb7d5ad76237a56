package com.factordesk.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

import com.factordesk.TestDatabase;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
 * An admin lowers the advance of the 50-65 band from 80 % to 75 % in a real (headless)
 * Chromium, simulates the draft (nothing is published yet, the queue's advance falls),
 * publishes it effective today after confirming, and an underwriter then sees a queued
 * invoice of that band quoted 75 % of its face where it was quoted 80 %. On a database of
 * its own with a small demo book, so the version published here is seen by no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestDatabase.FRESH + "=true", "factordesk.demo.invoices=400" })
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class PricingPublicationBrowserTests {

	private static final BigDecimal FIVE_POINTS = new BigDecimal("0.05");

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private InvoiceQuotes quotes;

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
	void anAdminSimulatesAndPublishesABandAndTheQueueIsQuotedByIt() {
		Candidate candidate = queuedAtItsBandsRate();
		String was = percent(candidate.bandRate());
		String now = percent(candidate.lowered());
		int versions = versions();

		logIn("admin");
		browser.get(url("/admin/pricing"));
		waitFor(By.id("pricing-form"));
		int band = bandOf(candidate);
		WebElement advance = browser.findElement(By.name("bands[" + band + "].advancePercent"));
		assertThat(advance.getDomProperty("value")).isEqualTo(plain(candidate.bandRate()));
		// the band and every band below it that advances more: the advance rate must not
		// rise as the score falls
		int lowered = 0;
		for (int below = band; below >= 0; below--) {
			WebElement rate = browser.findElement(By.name("bands[" + below + "].advancePercent"));
			if (new BigDecimal(rate.getDomProperty("value")).compareTo(candidate.lowered().movePointRight(2)) > 0) {
				rate.clear();
				rate.sendKeys(plain(candidate.lowered()));
				lowered++;
			}
		}
		click(By.id("simulate-bands"));

		waitFor(By.id("simulation"));
		assertThat(browser
			.findElement(By.cssSelector("#band-comparison tr[data-band='" + (band + 1) + "'] td[data-changed='true']"))
			.getText()
			.replace('\u00a0', ' ')).isEqualTo(now + "\nin force: " + was);
		assertThat(browser.findElements(By.cssSelector("#band-comparison td[data-changed='true']"))).hasSize(lowered);
		List<WebElement> total = browser.findElements(By.cssSelector("#simulation-queue tfoot tr td"));
		BigDecimal advanceNow = amount(total.get(4).getDomProperty("textContent"));
		BigDecimal advanceWithDraft = amount(total.get(5).getDomProperty("textContent"));
		assertThat(advanceNow.subtract(advanceWithDraft))
			.as("a lower advance rate lowers the queue's advance, by at least the candidate's 5 points")
			.isGreaterThanOrEqualTo(
					candidate.advance(candidate.rate()).subtract(candidate.advance(candidate.lowered())));
		assertThat(Integer.parseInt(browser
			.findElement(
					By.cssSelector("#simulation-queue tr[data-grade='" + candidate.grade() + "'] td:nth-of-type(3)"))
			.getText()
			.replace(",", ""))).as("invoices of the candidate's grade priced otherwise").isPositive();
		assertThat(versions()).as("a simulation publishes nothing").isEqualTo(versions);
		assertThat(browser.findElement(By.name("bands[" + band + "].advancePercent")).getDomProperty("value"))
			.as("the draft stays in the form")
			.isEqualTo(plain(candidate.lowered()));

		click(By.id("publish-bands"));
		waitFor(By.id("confirm-publication"));
		assertThat(versions()).as("publishing asks first").isEqualTo(versions);
		click(By.id("confirm-publish"));
		waitFor(By.id("flash-success"));
		assertThat(versions()).isEqualTo(versions + 1);
		logOut();

		logIn("underwriter");
		browser.get(url("/queue?debtor=" + candidate.debtorRef()));
		waitFor(By.id("queue-results"));
		String row = "#queue-table tr[data-invoice-id='" + candidate.id() + "']";
		assertThat(amount(browser.findElement(By.cssSelector(row + " .quote-advance")).getText()))
			.isEqualByComparingTo(candidate.advance(candidate.lowered()));
		assertThat(browser.findElement(By.cssSelector(row + " .quote-advance span"))
			.getDomAttribute("title")
			.replace('\u00a0', ' ')).isEqualTo(now);
		logOut();
	}

	/**
	 * The form's row of the candidate's band, by its lower bound.
	 */
	private static int bandOf(Candidate candidate) {
		for (int band = 0;; band++) {
			String from = browser.findElement(By.name("bands[" + band + "].scoreFrom")).getDomProperty("value");
			if (new BigDecimal(from).compareTo(candidate.scoreFrom()) == 0) {
				return band;
			}
		}
	}

	/**
	 * A fraction as the form's percentage: 0.8 as 80.
	 */
	private static String plain(BigDecimal fraction) {
		return fraction.movePointRight(2).stripTrailingZeros().toPlainString();
	}

	/**
	 * A fraction as the pages write a rate, in English: 0.8 as 80.00 %.
	 */
	private static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " %";
	}

	/**
	 * A submitted invoice quoted at its band's advance rate, its advance exactly that
	 * rate of its face (no facility rate below it, no concentration rule on it).
	 */
	private Candidate queuedAtItsBandsRate() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("finder", "n/a",
					AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
		try {
			List<Long> queued = this.jdbc.queryForList(
					"SELECT id FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED') ORDER BY submitted_at, id",
					Long.class);
			List<String> seen = new java.util.ArrayList<>();
			for (long id : queued) {
				InvoiceQuote quote = this.quotes.quote(id).orElse(null);
				if (quote == null || quote.quote().declined()) {
					continue;
				}
				BigDecimal face = this.jdbc.queryForObject("SELECT amount FROM invoice WHERE id = ?", BigDecimal.class,
						id);
				BigDecimal rate = quote.quote().advanceRate().fraction();
				seen.add(id + " " + quote.quote().lineCodes() + " " + rate);
				if (quote.quote()
					.advance()
					.amount()
					.compareTo(face.multiply(rate).setScale(2, RoundingMode.HALF_EVEN)) == 0
						&& rate.compareTo(FIVE_POINTS) > 0) {
					String debtorRef = this.jdbc.queryForObject(
							"SELECT d.ref FROM invoice i JOIN debtor d ON d.id = i.debtor_id WHERE i.id = ?",
							String.class, id);
					return new Candidate(id, face, debtorRef, quote.grade().name(), quote.quote().band().scoreFrom(),
							quote.quote().band().advanceRate().fraction(), rate);
				}
			}
			throw new AssertionError("no queued invoice quoted at its advance rate in the small demo book: " + seen);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private int versions() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM pricing_band_set", Integer.class);
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

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/**
	 * Clicks an element after scrolling it to the middle of the window, where nothing
	 * sticky covers it.
	 */
	private static void click(By element) {
		WebElement target = browser.findElement(element);
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target);
		target.click();
	}

	private static void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private static BigDecimal amount(String text) {
		try {
			// "EUR 7,203.69" or "7,203.69"
			return new BigDecimal(text.replaceAll("[^0-9.-]", ""));
		}
		catch (NumberFormatException ex) {
			throw new AssertionError("not an amount: \"" + text + "\"", ex);
		}
	}

	/**
	 * @param bandRate the advance rate of its band
	 * @param rate the advance rate of its quote: its band's, or its facility's when lower
	 */
	private record Candidate(long id, BigDecimal face, String debtorRef, String grade, BigDecimal scoreFrom,
			BigDecimal bandRate, BigDecimal rate) {

		BigDecimal advance(BigDecimal rate) {
			return this.face.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
		}

		BigDecimal lowered() {
			return this.rate.subtract(FIVE_POINTS);
		}

	}

}
