package com.factordesk.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text on the pages comes from messages.properties, and the Dutch translation has
 * every key the English has (and no other).
 */
class MessagesTests {

	private static final Path RESOURCES = Path.of("src/main/resources");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");

	@Test
	void englishAndDutchHaveTheSameKeys() throws IOException {
		Set<String> english = load("messages.properties").stringPropertyNames();
		Set<String> dutch = load("messages_nl.properties").stringPropertyNames();
		assertThat(difference(english, dutch)).as("keys missing in messages_nl.properties").isEmpty();
		assertThat(difference(dutch, english)).as("keys missing in messages.properties").isEmpty();
	}

	@Test
	void everyKeyATemplateUsesExists() throws IOException {
		Set<String> used = found(RESOURCES.resolve("templates"), ".html", MESSAGE_KEY);
		assertThat(used).isNotEmpty();
		assertThat(difference(used, load("messages.properties").stringPropertyNames()))
			.as("keys used by templates but missing")
			.isEmpty();
	}

	/**
	 * The codes Java hands to the pages: flash messages.
	 */
	private static final Pattern FLASH_CODE = Pattern
		.compile("addFlashAttribute\\(\"(?:success|failure)\", \"([A-Za-z0-9_.]+)\"\\)");

	/**
	 * The codes of refused business rules: {@code BusinessRefusal.of("code", ...)},
	 * {@code BusinessRefusal.onField(field, "code", ...)} and the same on
	 * {@code Violation}.
	 */
	private static final Pattern REFUSAL_CODE = Pattern.compile(
			"(?:BusinessRefusal|Violation)\\s*\\.(?:of\\(\\s*\"([A-Za-z0-9_.]+)\"|onField\\(\\s*[^,]+,\\s*\"([A-Za-z0-9_.]+)\")"
					+ "|new (?:InvoiceRefusal|IllegalTransitionException)\\(\\s*\"([A-Za-z0-9_.]+)\"|super\\(\"(invoice\\.[A-Za-z0-9_.]+)\"");

	@Test
	void everyCodeTheJavaCodeShowsExists() throws IOException {
		Set<String> used = found(Path.of("src/main/java"), ".java", FLASH_CODE);
		assertThat(used).contains("apiKeys.revoked", "user.created");
		assertThat(difference(used, load("messages.properties").stringPropertyNames()))
			.as("codes used in Java but missing")
			.isEmpty();
	}

	@Test
	void everyRefusalCodeHasAnEnglishAndADutchText() throws IOException {
		Set<String> codes = found(Path.of("src/main/java"), ".java", REFUSAL_CODE);
		assertThat(codes).as("refusals of users and keys, band and scoring violations, bad periods")
			.contains("user.disable.self", "apiKey.name.taken", "bands.gap", "bands.effectiveInPast",
					"scoring.weights.sum", "curve.point.malformed", "curve.point.notIncreasing",
					"backtest.period.reversed", "score.asOf.future", "invoice.transition.illegal",
					"invoice.secondApproval.sameApprover", "payment.nothingToApply");
		assertThat(difference(codes, load("messages.properties").stringPropertyNames()))
			.as("refusal codes without English text")
			.isEmpty();
		assertThat(difference(codes, load("messages_nl.properties").stringPropertyNames()))
			.as("refusal codes without Dutch text")
			.isEmpty();
	}

	/**
	 * What the first matching group of {@code pattern} captures in the files below
	 * {@code root} whose names end with {@code ending}.
	 */
	private static Set<String> found(Path root, String ending, Pattern pattern) throws IOException {
		Set<String> found = new TreeSet<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(ending)).toList()) {
				Matcher matcher = pattern.matcher(Files.readString(file));
				while (matcher.find()) {
					for (int group = 1; group <= matcher.groupCount(); group++) {
						if (matcher.group(group) != null) {
							found.add(matcher.group(group));
							break;
						}
					}
				}
			}
		}
		return found;
	}

	@Test
	void everyStatusRoleAndDisputeValueHasAText() throws IOException {
		Set<String> english = load("messages.properties").stringPropertyNames();
		Stream<String> keys = Stream
			.of(Arrays.stream(InvoiceStatus.values()).map((status) -> "status." + status),
					Arrays.stream(Role.values()).map((role) -> "role." + role),
					Arrays.stream(DisputeReason.values()).map((reason) -> "dispute.reason." + reason),
					Arrays.stream(DisputeOutcome.values()).map((outcome) -> "dispute.outcome." + outcome))
			.flatMap((stream) -> stream);
		assertThat(keys).allSatisfy((key) -> assertThat(english).contains(key));
	}

	private static Set<String> difference(Set<String> left, Set<String> right) {
		Set<String> result = new TreeSet<>(left);
		result.removeAll(new HashSet<>(right));
		return result;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
