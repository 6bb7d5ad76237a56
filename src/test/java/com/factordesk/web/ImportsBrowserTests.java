package com.factordesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin uploads an invoices file with a bad row in a real (headless) Chromium: the
 * page's script sends it with a progress bar and shows the report that replaces the page,
 * the bad row with its line, column and reason; nothing was written, so the book is as it
 * was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class ImportsBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

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
	void anAdminUploadsAFileWithABadRowAndReadsTheReport(@TempDir Path directory) throws IOException {
		String client = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		String debtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY id LIMIT 1", String.class);
		Path file = directory.resolve("erp-export.csv");
		Files.writeString(file, """
				client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency
				%s,%s,,IMP-B-0001,2026-11-02,2026-12-02,100.00,EUR
				%s,%s,,IMP-B-0002,2026-11-02,2026-12-02,0.00,EUR
				""".formatted(client, debtor, client, debtor), StandardCharsets.UTF_8);
		long invoices = this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class);

		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		waitFor(By.id("signed-in-as"));
		browser.findElement(By.id("nav-imports")).click();
		waitFor(By.id("import-form"));
		browser.findElement(By.id("import-file")).sendKeys(file.toString());
		browser.findElement(By.id("import-submit")).click();

		waitFor(By.id("import-report"));
		assertThat(text("#report-heading")).isEqualTo("Report on erp-export.csv");
		assertThat(text("#import-status")).isEqualTo("Rejected: nothing was written");
		assertThat(text("#import-errors tbody tr")).isEqualTo("3 amount amount 0.00 is not above 0.");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Long.class)).isEqualTo(invoices);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText().trim();
	}

}
