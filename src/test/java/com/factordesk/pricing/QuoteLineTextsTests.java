package com.factordesk.pricing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.factordesk.shared.Rate;

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
				"the debtor would owe 60.0 % of the client's book, above the 25 % limit: EUR\u00a035,000.00 of this invoice is not advanced (pricing parameters version 1)");
		assertThat(text(concentration, Locale.ENGLISH)).isEqualTo(concentration.reason());
		assertThat(text(concentration, Locale.forLanguageTag("nl"))).isEqualTo(
				"de debiteur zou 60,0 % van de portefeuille van de cliënt verschuldigd zijn, boven de limiet van 25 %: "
						+ "EUR\u00a035.000,00 van deze factuur wordt niet bevoorschot (prijsparameterversie 1)");
		QuoteLine discount = line(quote, QuoteLine.CLIENT_DISCOUNT);
		assertThat(this.messages.getMessage(discount.descriptionText(), Locale.forLanguageTag("nl")))
			.isEqualTo("Met de cliënt overeengekomen korting: fee-tarief");
		assertThat(text(discount, Locale.forLanguageTag("nl")))
			.isEqualTo("korting van 0,25 % overeengekomen met de cliënt");
	}

	@Test
	void theFeeArithmeticReadsInEnglishAndDutchForEveryFeeStructure() {
		// 12,000.00 at grade D (3.50 % per 30 days, 70 % advanced: 8,400.00), 40 days
		// from funding: 15-day periods 3 x 1.75 % = 630.00; flat 420.00; daily 8,400.00 x
		// 42 % x 40 / 365 = 386.63
		Locale dutch = Locale.forLanguageTag("nl");
		QuoteLine tiered = feeLine(new FeeStructure.Tiered(15));
		assertThat(this.messages.getMessage(tiered.descriptionText(), Locale.ENGLISH))
			.isEqualTo("Expected fee over 40 days from funding");
		assertThat(this.messages.getMessage(tiered.descriptionText(), dutch))
			.isEqualTo("Verwachte fee over 40 dagen vanaf financiering");
		assertThat(text(tiered, Locale.ENGLISH)).isEqualTo(tiered.reason())
			.isEqualTo("3 started periods of 15 days x 1.75 % x face 12,000.00 = 630.00");
		assertThat(text(tiered, dutch))
			.isEqualTo("3 begonnen perioden van 15 dagen x 1,75 % x factuurwaarde 12.000,00 = 630,00");
		QuoteLine flat = feeLine(new FeeStructure.Flat());
		assertThat(text(flat, Locale.ENGLISH)).isEqualTo("once: 3.5 % x face 12,000.00 = 420.00");
		assertThat(text(flat, dutch)).isEqualTo("eenmalig: 3,5 % x factuurwaarde 12.000,00 = 420,00");
		QuoteLine daily = feeLine(new FeeStructure.Daily(com.factordesk.client.DayCount.ACT_365));
		assertThat(text(daily, Locale.ENGLISH)).isEqualTo("42 % a year x advance 8,400.00 x 40 days / 365 = 386.63");
		assertThat(text(daily, dutch)).isEqualTo("42 % per jaar x voorschot 8.400,00 x 40 dagen / 365 = 386,63");
	}

	@Test
	void oneStartedPeriodIsSingular() {
		QuoteLine fee = PricingPolicy.defaults()
			.quote(QuoteRequests.anInvoice().build())
			.lines()
			.stream()
			.filter((line) -> QuoteLine.FEE.equals(line.code()))
			.findFirst()
			.orElseThrow();
		assertThat(text(fee, Locale.forLanguageTag("nl")))
			.isEqualTo("1 begonnen periode van 30 dagen x 1 % x factuurwaarde 10.000,00 = 100,00");
	}

	@Test
	void aConcentrationSurchargeAndATenorSurchargeReadInDutchWithTheParametersVersion() {
		PricingParameters version2 = new PricingParameters(2, QuoteRequests.ISSUED, Rate.percent("0.5"), 15,
				PricingParameters.ConcentrationRule.SURCHARGE, Rate.percent("0.75"));
		Quote quote = new PricingPolicy(version2)
			.quote(QuoteRequests.anInvoice().dueInDays(120).adbt("10").concentration("32000.00", "120000.00").build());
		assertThat(text(line(quote, QuoteLine.CONCENTRATION_SURCHARGE), Locale.forLanguageTag("nl")))
			.isEqualTo("de debiteur zou 26,7 % van de portefeuille van de cliënt verschuldigd zijn, boven de limiet "
					+ "van 25 %: 0,75 % per 30 dagen op het fee-tarief (prijsparameterversie 2)");
		assertThat(text(line(quote, QuoteLine.TENOR), Locale.forLanguageTag("nl")))
			.isEqualTo("verwacht 130 dagen van financiering tot betaling, 10 voorbij de 120 van de band: "
					+ "0,5 % per begonnen 15 dagen, 1 begonnen (prijsparameterversie 2)");
	}

	private static QuoteLine feeLine(FeeStructure fees) {
		Quote quote = PricingPolicy.defaults()
			.quote(QuoteRequests.anInvoice().face("12000.00").score("40").adbt("9.4").fees(fees).build());
		return line(quote, QuoteLine.FEE);
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
