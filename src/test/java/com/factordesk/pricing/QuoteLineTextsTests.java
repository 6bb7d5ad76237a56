package com.factordesk.pricing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every quote line reads in English and Dutch: the English texts the policy writes are
 * the ones the pages show, word for word, and the Dutch ones fill in the same figures the
 * Dutch way.
 */
class QuoteLineTextsTests {

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void theEnglishTextsOfTheCodeAreTheOnesOfTheMessageFile() throws IOException {
		Properties english = load("messages.properties");
		Properties dutch = load("messages_nl.properties");
		assertThat(QuoteLine.ENGLISH).isNotEmpty().allSatisfy((key, text) -> {
			assertThat(english.getProperty(key)).as(key).isEqualTo(text);
			assertThat(dutch.getProperty(key)).as(key).isNotBlank().isNotEqualTo(text);
		});
	}

	@Test
	void aConcentratedDiscountedQuoteReadsInDutchWithItsFigures() {
		Quote quote = PricingPolicy.defaults().quote(concentratedAndDiscounted());
		QuoteLine concentration = line(quote, QuoteLine.CONCENTRATION);
		// the debtor would owe 60,000 of a 100,000 book: 60.0 %, above the 25 % limit;
		// the
		// amount with its currency, the reader's way
		assertThat(concentration.reason()).isEqualTo(
				"the debtor would owe 60.0 % of the client's book, above the 25 % limit: EUR\u00a035,000.00 of this invoice is not advanced");
		assertThat(text(concentration, Locale.ENGLISH)).isEqualTo(concentration.reason());
		assertThat(text(concentration, Locale.forLanguageTag("nl"))).isEqualTo(
				"de debiteur zou 60,0 % van de portefeuille van de cliënt verschuldigd zijn, boven de limiet van 25 %: "
						+ "EUR\u00a035.000,00 van deze factuur wordt niet bevoorschot");
		QuoteLine discount = line(quote, QuoteLine.CLIENT_DISCOUNT);
		assertThat(this.messages.getMessage(discount.descriptionText(), Locale.forLanguageTag("nl")))
			.isEqualTo("Met de cliënt overeengekomen korting: fee-tarief");
		assertThat(text(discount, Locale.forLanguageTag("nl")))
			.isEqualTo("korting van 0,25 % overeengekomen met de cliënt");
	}

	@Test
	void aDeclineReadsInDutch() {
		QuoteRequest request = QuoteRequests.anInvoice().score("20").build();
		Quote quote = PricingPolicy.defaults().quote(request);
		assertThat(quote.declined()).isTrue();
		assertThat(this.messages.getMessage(quote.declineLine().reasonText(), Locale.forLanguageTag("nl")))
			.startsWith("Score 20 valt in band");
		assertThat(quote.declineLine().reason()).isEqualTo(quote.declineReason());
	}

	private QuoteRequest concentratedAndDiscounted() {
		return QuoteRequests.anInvoice()
			.face("50000.00")
			.concentration("60000.00", "100000.00")
			.discount("0.25")
			.build();
	}

	private String text(QuoteLine line, Locale locale) {
		return this.messages.getMessage(line.reasonText(), locale);
	}

	private static QuoteLine line(Quote quote, String code) {
		return quote.lines().stream().filter((line) -> line.code().equals(code)).findFirst().orElseThrow();
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
