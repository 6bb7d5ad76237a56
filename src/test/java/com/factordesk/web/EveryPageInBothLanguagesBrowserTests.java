package com.factordesk.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.approval.CommittedBook;
import com.factordesk.approval.CommittedLedger;
import com.factordesk.approval.FundClient;
import com.factordesk.approval.FundingOutcome;
import com.factordesk.approval.FundingRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of every role, the login page and the error pages, rendered by a real
 * (headless) Chromium in English and in Dutch: each says which language it is in, writes
 * every number the way of its language (no 1,234.56 or 2.5 on a Dutch page, no 1.234,56
 * or 2,5 on an English one, no grouped ids), and shows no text of the other language and
 * no missing message key; its stylesheets and scripts answered. The pages are the desk's
 * GET mappings: a new page that this test does not visit fails it. axe-core checks each
 * page against WCAG 2.1 A and AA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf("com.factordesk.web.HeadlessChromium#installed")
class EveryPageInBothLanguagesBrowserTests {

	private static final List<String> LANGUAGES = List.of("en", "nl");

	/**
	 * Numbers written another language's way, by the language of the page.
	 */
	private static final Map<String, List<Pattern>> FOREIGN_NUMBERS = Map.of("nl",
			List.of(Pattern.compile("\\d{1,3}(,\\d{3})+\\.\\d{2}(?!\\d)"), Pattern.compile("\\d\\.\\d{1,2}(?![\\d])")),
			"en",
			List.of(Pattern.compile("\\d{1,3}(\\.\\d{3})+,\\d{2}(?!\\d)"), Pattern.compile("\\d,\\d{1,2}(?![\\d])")));

	/**
	 * An id written as an amount: "Score snapshot 18,902".
	 */
	private static final Pattern GROUPED_ID = Pattern
		.compile("(?i)\\b(snapshot|momentopname|version|versie|modelversie)\\s+\\d{1,3}[.,\\u00a0]\\d{3}");

	private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private FundingRuns fundingRuns;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private final Set<String> visited = new TreeSet<>();

	private final List<String> problems = new ArrayList<>();

	/**
	 * The pages axe-core checked (once each, in English: the markup is the language's
	 * only difference) and what it found.
	 */
	private final Set<String> axed = new TreeSet<>();

	private final List<String> inaccessible = new ArrayList<>();

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
	void everyPageSpeaksOneLanguageWithItsNumbers() throws IOException {
		Map<String, List<Matcher>> otherLanguage = Map.of("nl", texts("messages.properties", "messages_nl.properties"),
				"en", texts("messages_nl.properties", "messages.properties"));

		for (String language : LANGUAGES) {
			browser.manage().deleteAllCookies();
			check("/login", language, otherLanguage);
			check("/login?error", language, otherLanguage);
			check("/login?logout", language, otherLanguage);
		}

		Map<String, Long> invoices = new LinkedHashMap<>();
		this.jdbc.query("SELECT DISTINCT ON (status) status, id FROM invoice ORDER BY status, id",
				(org.springframework.jdbc.core.RowCallbackHandler) (row) -> invoices.put(row.getString("status"),
						row.getLong("id")));
		assertThat(invoices).containsKeys("SUBMITTED", "FUNDED", "PAID");
		String disputedDebtor = this.jdbc.queryForObject("""
				SELECT d.ref FROM dispute x JOIN invoice i ON i.id = x.invoice_id JOIN debtor d ON d.id = i.debtor_id
				ORDER BY x.id LIMIT 1
				""", String.class);
		String demoClient = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		List<String> underwriter = new ArrayList<>(List.of("/", "/queue", "/queue?page=2",
				"/queue?sort=amount&dir=desc", "/queue?flag=CROSS_AGED&sort=amount&dir=desc", "/queue?status=HELD",
				"/queue?grade=B&min=1000&max=50000&sort=grade&dir=desc", "/queue?min=abc&grade=Z",
				"/queue?client=no-such-client", "/debtors/D00001", "/debtors/" + disputedDebtor, "/admin/users",
				"/debtors/NO-SUCH-DEBTOR", "/invoices/999999999", "/error", "/funding", "/clients/" + demoClient,
				"/clients/" + demoClient + "?page=2", "/clients/NO-SUCH-CLIENT", "/funding/runs/999999999", "/limits",
				"/clients/C0001/limit", "/clients/NO-SUCH-CLIENT/limit"));
		invoices.values().forEach((id) -> underwriter.add("/invoices/" + id));
		// the receipts: the list with its filters, the unapplied cash, a receipt of the
		// book's history, and one with cash left to apply when the book has one
		underwriter.addAll(List.of("/receipts", "/receipts?unapplied=true&source=MANUAL&from=2026-11-01&page=2",
				"/receipts/unapplied", "/receipts/999999999",
				"/receipts/" + this.jdbc.queryForObject("SELECT MIN(id) FROM payment", Long.class)));
		this.jdbc.queryForList("SELECT MIN(payment_id) FROM receipt_balance WHERE unapplied > 0", Long.class)
			.stream()
			.filter((id) -> id != null)
			.forEach((id) -> underwriter.add("/receipts/" + id));
		// collections: a debtor with a partly paid invoice past due (its settling forms
		// show)
		String pastDueDebtor = this.jdbc.queryForObject("""
				SELECT d.ref FROM open_receivable(DATE '2026-11-25') o JOIN invoice i ON i.id = o.invoice_id
				JOIN debtor d ON d.id = o.debtor_id
				WHERE o.days_past_due > 0 AND i.status = 'PARTIALLY_PAID'
				ORDER BY o.days_past_due DESC, i.id LIMIT 1
				""", String.class);
		underwriter.addAll(List.of("/collections", "/collections?page=2", "/collections?grade=E&broken=true&due=true",
				"/collections?grade=Z&client=no-such-client", "/collections/debtors/" + pastDueDebtor,
				"/collections/debtors/NO-SUCH-DEBTOR"));
		// a schedule with invoices waiting for a decision (its forms show), and one
		// decided
		// in full
		underwriter.add("/schedules/" + this.jdbc.queryForObject(
				"SELECT MIN(schedule_id) FROM invoice WHERE status = 'SUBMITTED' AND schedule_id IS NOT NULL",
				Long.class));
		underwriter.add("/schedules/" + this.jdbc.queryForObject(
				"SELECT MIN(schedule_id) FROM invoice WHERE status = 'PAID' AND schedule_id IS NOT NULL", Long.class));
		// a client with a funding run (committed, removed again): the run's page, the
		// client page with its runs and what still awaits funding, the funding list
		CommittedBook book = new CommittedBook(this.context).create(3);
		try {
			List<Long> ids = book.invoiceIds();
			ids.forEach((id) -> book.approve(id, "underwriter"));
			FundingOutcome run = this.fundingRuns.fund(FundClient.selected(book.clientRef(), Set.of(ids.get(0))));
			SecurityContextHolder.clearContext();
			underwriter.addAll(List.of("/funding/runs/" + run.runId(), "/clients/" + book.clientRef()));
			// a client with a reserve ledger and a rebate run (kept: the ledger is
			// append-only): its statement, a drill-down, a bad period, the run's page
			CommittedLedger ledger = CommittedLedger.create(this.context);
			underwriter.addAll(List.of("/clients/" + ledger.clientRef() + "?kind=REVERSAL",
					"/clients/" + ledger.clientRef() + "?from=2026-11-30&to=2026-11-01",
					"/clients/" + ledger.clientRef() + "?from=1-11-2026&to=2026-11-31",
					"/funding/rebate-runs/" + ledger.rebateRunId()));
			visitAs("underwriter", underwriter, otherLanguage);
			visitAs("manager", List.of("/", "/portfolio", "/portfolio?asOf=2026-06-30", "/risk/backtest",
					"/risk/backtest?from=2025-06-01&to=2025-09-30", "/risk/backtest?from=2026-06-01&to=2026-01-01",
					"/queue", "/funding", "/funding/runs/" + run.runId(), "/limits", "/debtors/D00001",
					"/clients/C0001/limit", "/receipts", "/receipts/unapplied", "/collections",
					"/collections/debtors/" + pastDueDebtor, "/portfolio/invoices",
					"/portfolio/invoices?asOf=2026-06-30&bucket=120%2B&page=2",
					"/portfolio/invoices?clientRef=" + demoClient,
					"/portfolio/invoices?debtorRef=" + pastDueDebtor + "&bucket=1-30",
					"/portfolio/invoices?bucket=nope&page=99999", "/portfolio/invoices?clientRef=NO-SUCH-CLIENT"),
					otherLanguage);
		}
		finally {
			SecurityContextHolder.clearContext();
			book.remove();
		}
		long adminId = this.jdbc.queryForObject("SELECT id FROM app_user WHERE username = 'admin'", Long.class);
		long underwriterId = this.jdbc.queryForObject("SELECT id FROM app_user WHERE username = 'underwriter'",
				Long.class);
		// a person reached at a debtor (committed, removed again): the contact's page and
		// its erasure's confirmation
		long contactId = this.jdbc.queryForObject("""
				INSERT INTO debtor_contact (debtor_id, name, email, phone, added_by, added_at)
				SELECT MIN(id), 'Browser Test Contact', 'browser.contact@example.nl', '+31 20 555 0100', 'underwriter',
				       now() FROM debtor RETURNING id
				""", Long.class);
		try {
			visitAs("admin", List.of("/admin/contacts?q=browser.contact", "/admin/contacts/" + contactId),
					otherLanguage);
			logIn("admin");
			for (String language : LANGUAGES) {
				checkAfterClick("/admin/contacts/" + contactId, "#erase-contact", "confirm-erase", language,
						otherLanguage);
			}
			logOut();
		}
		finally {
			this.jdbc.update("DELETE FROM debtor_contact WHERE id = ?", contactId);
		}
		visitAs("admin",
				List.of("/", "/admin/users", "/admin/users/new", "/admin/users/" + adminId,
						"/admin/users/" + underwriterId, "/admin/pricing", "/admin/policy", "/admin/policy/versions/0",
						"/admin/clients", "/admin/clients/" + demoClient, "/admin/scoring", "/admin/api-keys",
						"/admin/imports", "/admin/audit", "/admin/audit?kind=user&from=2026-01-01&to=2026-12-31",
						"/admin/audit?user=nobody&from=not-a-date&page=0", "/queue", "/admin/users/999999999",
						"/admin/contacts", "/admin/contacts?q=x", "/admin/contacts?q=nobody-by-this-name",
						"/admin/contacts/999999999", "/account/password"),
				otherLanguage);
		// the admin's confirmations and the pricing simulation, each left unconfirmed
		logIn("admin");
		for (String language : LANGUAGES) {
			checkAfterClick("/admin/pricing", "#simulate-bands", "simulation", language, otherLanguage);
			checkAfterClick("/admin/pricing", "#publish-bands", "confirm-publication", language, otherLanguage);
			checkAfterClick("/admin/users", "tr[data-username='underwriter'] .disable-user", "confirm-disable",
					language, otherLanguage);
			checkAfterClick("/admin/users/" + underwriterId, "#reset-password", "confirm-reset", language,
					otherLanguage);
			checkAfterClick("/admin/api-keys", "#api-keys-table .revoke-key", "confirm-revoke", language,
					otherLanguage);
			checkAfterClick("/admin/policy", "document.getElementById('lapseDays').value = '11'", "#publish-policy",
					"confirm-policy", language, otherLanguage);
			checkAfterClick("/admin/clients/" + demoClient, "document.getElementById('advancePercent').value = '71'",
					"#agree-terms", "confirm-terms", language, otherLanguage);
		}
		logOut();

		// an account without a role yet sees a page of its own; it is removed again
		String noRole = "no.role." + System.nanoTime();
		this.jdbc.update("""
				INSERT INTO app_user (username, full_name, password_hash, created_at)
				SELECT ?, 'No Role', password_hash, now() FROM app_user WHERE username = 'underwriter'
				""", noRole);
		try {
			visitAs(noRole, List.of("/"), otherLanguage);
		}
		finally {
			this.jdbc.update("DELETE FROM app_user WHERE username = ?", noRole);
		}

		assertThat(this.problems).as("pages in the wrong language or with numbers of another").isEmpty();
		assertThat(this.inaccessible).as("pages that break WCAG 2.1 A or AA (axe-core)").isEmpty();
		assertThat(unvisitedPages()).as("pages this test does not look at").isEmpty();
	}

	@Test
	void formErrorsAndFlashMessagesSpeakTheReadersLanguage() throws IOException {
		logIn("admin");
		for (String language : LANGUAGES) {
			browser.get(url("/admin/pricing?lang=" + language));
			var fee = browser.findElement(By.id("bands1.feePercent"));
			fee.clear();
			fee.sendKeys("nl".equals(language) ? "2.5" : "2,5");
			browser.findElement(By.id("publish-bands")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".invalid-feedback")));
			assertThat(browser.findElement(By.cssSelector("#band-rows .invalid-feedback")).getText())
				.isEqualTo("nl".equals(language) ? "Vergoeding: vul een percentage tussen 0 en 100 in, zoals 2,5"
						: "Fee: enter a percentage between 0 and 100, such as 2.5");

			// the admin may not disable itself: a refusal as a flash message, nothing
			// changed
			browser.get(url("/admin/users?lang=" + language));
			browser.findElement(By.cssSelector("#users-table tr[data-username='admin'] .disable-user")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("flash-failure")));
			assertThat(browser.findElement(By.id("flash-failure")).getText())
				.isEqualTo("nl".equals(language) ? "U kunt uzelf niet uitschakelen." : "You cannot disable yourself.");
			assertThat(lang()).isEqualTo(language);
		}
		logOut();
	}

	private void visitAs(String username, List<String> paths, Map<String, List<Matcher>> otherLanguage) {
		browser.manage().deleteAllCookies();
		logIn(username);
		for (String language : LANGUAGES) {
			for (String path : paths) {
				check(path, language, otherLanguage);
			}
		}
		logOut();
	}

	private void check(String path, String language, Map<String, List<Matcher>> otherLanguage) {
		browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
		this.visited.add(path.replaceAll("\\?.*", ""));
		inspect(path, language, otherLanguage);
	}

	/**
	 * A page in the state a button's POST leaves it in (a confirmation, a simulation),
	 * checked as a page of its own.
	 */
	private void checkAfterClick(String path, String button, String shown, String language,
			Map<String, List<Matcher>> otherLanguage) {
		checkAfterClick(path, null, button, shown, language, otherLanguage);
	}

	/**
	 * A page in the state a button's POST leaves it in, after a script changed the form
	 * (a confirmation shows only a change).
	 */
	private void checkAfterClick(String path, String change, String button, String shown, String language,
			Map<String, List<Matcher>> otherLanguage) {
		browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
		if (change != null) {
			((JavascriptExecutor) browser).executeScript(change);
		}
		org.openqa.selenium.WebElement target = browser.findElement(By.cssSelector(button));
		((JavascriptExecutor) browser)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", target);
		target.click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id(shown)));
		inspect(path + "#" + shown, language, otherLanguage);
	}

	private void inspect(String path, String language, Map<String, List<Matcher>> otherLanguage) {
		@SuppressWarnings("unchecked")
		Map<String, Object> page = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
				const texts = [];
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				while (walker.nextNode()) {
				  const parent = walker.currentNode.parentElement;
				  if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
				  const text = walker.currentNode.textContent.replace(/\\s+/g, ' ').trim();
				  if (text) texts.push(text);
				}
				document.querySelectorAll('input[type=text], input:not([type]), textarea').forEach((input) => {
				  if (input.value) texts.push(input.value);
				});
				// a stylesheet without rules or a file that did not answer: a page without its looks
				const unstyled = [...document.styleSheets].filter((sheet) => {
				  try { return sheet.cssRules.length === 0; } catch (e) { return true; }
				}).map((sheet) => sheet.href);
				const missing = performance.getEntriesByType('resource')
				  .filter((entry) => entry.responseStatus >= 400).map((entry) => entry.name);
				return { lang: document.documentElement.lang, title: document.title, texts: texts,
				  unstyled: unstyled, missing: missing };
				""");
		String where = language + " " + path + ": ";
		if ("en".equals(language) && this.axed.add(path.replaceAll("\\?.*", ""))) {
			Accessibility.violations(browser).forEach((violation) -> this.inaccessible.add(where + violation));
		}
		if (!((List<?>) page.get("unstyled")).isEmpty() || !((List<?>) page.get("missing")).isEmpty()) {
			this.problems.add(where + "stylesheets without rules " + page.get("unstyled") + ", files not found "
					+ page.get("missing"));
		}
		if (!language.equals(page.get("lang"))) {
			this.problems.add(where + "<html lang=\"" + page.get("lang") + "\">");
		}
		@SuppressWarnings("unchecked")
		List<String> texts = new ArrayList<>((List<String>) page.get("texts"));
		texts.add(String.valueOf(page.get("title")));
		for (String text : texts) {
			String plain = text.replace('\u00a0', ' ');
			if (text.contains("??")) {
				this.problems.add(where + "a missing message: " + text);
			}
			for (Pattern foreign : FOREIGN_NUMBERS.get(language)) {
				Matcher matcher = foreign.matcher(plain);
				if (matcher.find()) {
					this.problems.add(where + "\"" + matcher.group() + "\" in \"" + text + "\"");
				}
			}
			if (GROUPED_ID.matcher(plain).find()) {
				this.problems.add(where + "an id written as an amount in \"" + text + "\"");
			}
			for (Matcher message : otherLanguage.get(language)) {
				if (message.reset(text).matches()) {
					this.problems.add(where + "text of the other language: \"" + text + "\"");
				}
			}
		}
	}

	/**
	 * The desk's own page mappings (GET, not the API) that no visit above matched.
	 */
	private Set<String> unvisitedPages() {
		Set<String> pages = new TreeSet<>();
		Set<String> unvisited = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			boolean page = entry.getValue().getBeanType().getPackageName().startsWith("com.factordesk")
					&& (methods.isEmpty() || methods.contains(RequestMethod.GET))
					&& !entry.getValue()
						.getBeanType()
						.isAnnotationPresent(org.springframework.web.bind.annotation.RestController.class)
					// data a page's script reads (JSON), not a page
					&& !entry.getValue()
						.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseBody.class);
			if (!page || info.getPathPatternsCondition() == null) {
				continue;
			}
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				if (pattern.getPatternString().startsWith("/api/")) {
					continue;
				}
				pages.add(pattern.getPatternString());
				boolean seen = this.visited.stream()
					.anyMatch((path) -> pattern.matches(org.springframework.http.server.PathContainer.parsePath(path)));
				if (!seen) {
					unvisited.add(pattern.getPatternString());
				}
			}
		}
		assertThat(pages).as("the desk's pages").contains("/", "/login", "/queue", "/invoices/{id}", "/admin/pricing");
		return unvisited;
	}

	/**
	 * Every text of one language file that the other says differently, as a pattern of a
	 * whole text on a page (its arguments any text).
	 */
	private static List<Matcher> texts(String language, String other) throws IOException {
		Properties these = load(language);
		Properties others = load(other);
		List<Matcher> texts = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String key : these.stringPropertyNames()) {
			String text = these.getProperty(key).strip();
			if (text.equals(others.getProperty(key, "").strip()) || !seen.add(text)) {
				continue;
			}
			String pattern = pattern(text);
			// the text outside its arguments has a word: "{0}" alone says nothing
			String literal = (pattern != null) ? pattern.replace(".*?", "") : "";
			if (pattern != null && WORD.matcher(literal).find()) {
				texts.add(Pattern.compile(pattern).matcher(""));
			}
		}
		return texts;
	}

	/**
	 * A MessageFormat text as a regex: literal parts quoted, each argument (however
	 * nested) any text.
	 */
	private static String pattern(String text) {
		StringBuilder pattern = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		int depth = 0;
		boolean arguments = text.contains("{");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{') {
				if (depth == 0) {
					pattern.append(Pattern.quote(literal.toString())).append(".*?");
					literal.setLength(0);
				}
				depth++;
			}
			else if (c == '}') {
				depth--;
			}
			else if (depth == 0) {
				if (arguments && c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
					i++;
				}
				literal.append(c);
			}
		}
		if (depth != 0) {
			return null;
		}
		pattern.append(Pattern.quote(literal.toString()));
		return pattern.toString().replace("\\Q\\E", "");
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private void logIn(String username) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys("demo");
		browser.findElement(By.id("login-submit")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
	}

	private void logOut() {
		browser.get(url("/"));
		browser.findElement(By.id("logout")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
	}

	private static String lang() {
		return (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.lang");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
