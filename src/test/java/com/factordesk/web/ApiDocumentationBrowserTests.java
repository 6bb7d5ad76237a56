package com.factordesk.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin browses the API's description at {@code /swagger-ui.html} in a real (headless)
 * Chromium, under the desk's Content-Security-Policy: the operations are listed by tag,
 * and the browser refused nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class ApiDocumentationBrowserTests {

	private static WebDriver browser;

	@LocalServerPort
	private int port;

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
	void anAdminBrowsesTheApiByTag() {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		waitFor(By.id("signed-in-as"));

		browser.get(url("/swagger-ui.html"));
		waitFor(By.cssSelector(".opblock-tag"));
		assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
			.startsWith("FactorDesk integration API");
		assertThat(browser.findElements(By.cssSelector(".opblock-tag")).stream().map((tag) -> tag.getText().trim()))
			.anySatisfy((tag) -> assertThat(tag).startsWith("Imports"))
			.anySatisfy((tag) -> assertThat(tag).startsWith("Invoices"))
			.anySatisfy((tag) -> assertThat(tag).startsWith("Debtors"));
		assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream().map((path) -> path.getText()))
			.contains("/api/v1/imports/{kind}", "/api/v1/invoices", "/api/v1/debtors");
		// the key is asked for with the Authorize button
		assertThat(browser.findElements(By.cssSelector(".auth-wrapper .authorize"))).hasSize(1);
		assertThat(contentSecurityPolicyViolations()).isEmpty();
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

	private static void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
