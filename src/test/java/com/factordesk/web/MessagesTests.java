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
		Set<String> english = load("messages.properties").stringPropertyNames();
		Set<String> used = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
			for (Path template : templates.filter((path) -> path.toString().endsWith(".html")).toList()) {
				Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
				while (matcher.find()) {
					used.add(matcher.group(1));
				}
			}
		}
		assertThat(used).isNotEmpty();
		assertThat(difference(used, english)).as("keys used by templates but missing").isEmpty();
	}

	/**
	 * The codes Java hands to the pages: flash messages and the codes of refused changes.
	 */
	private static final Pattern JAVA_CODE = Pattern.compile(
			"addFlashAttribute\\(\"(?:success|failure)\", \"([A-Za-z0-9_.]+)\"\\)|new RefusedChange\\(\"([A-Za-z0-9_.]+)\"");

	@Test
	void everyCodeTheJavaCodeShowsExists() throws IOException {
		Set<String> english = load("messages.properties").stringPropertyNames();
		Set<String> used = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher matcher = JAVA_CODE.matcher(Files.readString(source));
				while (matcher.find()) {
					used.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
				}
			}
		}
		assertThat(used).contains("apiKeys.revoked", "user.disable.self");
		assertThat(difference(used, english)).as("codes used in Java but missing").isEmpty();
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
