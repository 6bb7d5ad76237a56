package com.factordesk.invoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.client.Client;
import com.factordesk.debtor.Debtor;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A refused step of the lifecycle tells the reader, in their language, which invoice, in
 * which status, could not do what.
 */
class InvoiceRefusalTextsTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);

	@Test
	void fundingASubmittedInvoiceIsRefusedInTheReadersLanguage() {
		Invoice invoice = Invoice.submit(
				new Client("C9001", "Test Logistics B.V.", "REG-C9001", "NL", "transport", LocalDate.of(2022, 1, 1)),
				new Debtor("D90001", "Buyer N.V.", "REG-D90001", "BE", "wholesale", Money.of("50000")), null, "INV-7",
				LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 20), Money.of("1000.00"), "client", this.clock);
		IllegalTransitionException refusal = catchThrowableOfType(IllegalTransitionException.class,
				() -> invoice.fund("alice", this.clock));
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		assertThat(messages.getMessage(refusal.getViolations().get(0), Locale.ENGLISH))
			.isEqualTo("Invoice INV-7 cannot be funded while it is Submitted.");
		assertThat(messages.getMessage(refusal.getViolations().get(0), Locale.forLanguageTag("nl")))
			.isEqualTo("Factuur INV-7 kan niet worden bevoorschot zolang de status Ingediend is.");
	}

	@Test
	void everyVerbThatChecksItsStatusHasATextInBothLanguages() throws IOException {
		Set<String> verbs = new TreeSet<>();
		Matcher matcher = Pattern.compile("requireStatus\\(\"(\\w+)\"")
			.matcher(Files.readString(Path.of("src/main/java/com/factordesk/invoice/Invoice.java")));
		while (matcher.find()) {
			verbs.add(matcher.group(1));
		}
		assertThat(verbs).contains("approve", "fund", "writeOff");
		String english = Files.readString(Path.of("src/main/resources/messages.properties"));
		String dutch = Files.readString(Path.of("src/main/resources/messages_nl.properties"));
		assertThat(verbs).allSatisfy((verb) -> {
			assertThat(english).contains("\ninvoice.verb." + verb + "=");
			assertThat(dutch).contains("\ninvoice.verb." + verb + "=");
		});
	}

}
