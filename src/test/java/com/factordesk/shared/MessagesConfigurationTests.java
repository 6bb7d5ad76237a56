package com.factordesk.shared;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal that names amounts writes them like the page around it: with their currency,
 * the reader's way.
 */
class MessagesConfigurationTests {

	private final MessageSource messages = new MessagesConfiguration().messageSource();

	@Test
	void moneyInAMessageIsAnAmountOfTheReadersLanguage() {
		Violation refusal = Violation.of("invoice.advance.outOfRange", "refused", "INV-7", Money.of("1250.50"),
				Money.of("1000.00"));
		assertThat(this.messages.getMessage(refusal, Locale.ENGLISH)).isEqualTo(
				"Invoice INV-7: the advance EUR\u00a01,250.50 must be more than zero and at most the face amount EUR\u00a01,000.00.");
		assertThat(this.messages.getMessage(refusal, Locale.forLanguageTag("nl"))).contains("EUR\u00a01.250,50")
			.contains("EUR\u00a01.000,00");
	}

}
