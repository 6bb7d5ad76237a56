package com.factordesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine, 4.11.0) run in the page a browser test shows:
 * the rules of WCAG 2.1 levels A and AA.
 */
final class Accessibility {

	private static final String AXE = axe();

	private Accessibility() {
	}

	/**
	 * The rules the page breaks, each with up to five of the elements that break it
	 * ({@code "label: #bands0.scoreFrom, ..."}); empty when it breaks none.
	 */
	@SuppressWarnings("unchecked")
	static List<String> violations(WebDriver browser) {
		JavascriptExecutor script = (JavascriptExecutor) browser;
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		script.executeScript(AXE);
		return (List<String>) script.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				                    resultTypes: ['violations'] })
				  .then((results) => done(results.violations.map((rule) => rule.id + ' (' + rule.impact + '): '
				    + rule.nodes.slice(0, 5).map((node) => node.target.join(' ')).join(', '))))
				  .catch((error) => done(['axe failed: ' + error]));
				""");
	}

	private static String axe() {
		try (InputStream in = Accessibility.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
