package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import com.factordesk.shared.Rate;
import com.factordesk.shared.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class PricingBandSetTests {

	private static final PricingBand E = PricingBand.declined(0, 35);

	private static final PricingBand D = PricingBand.of(35, 50, "70", "3.50", 60);

	private static final PricingBand C = PricingBand.of(50, 65, "80", "2.25", 90);

	private static final PricingBand B = PricingBand.of(65, 80, "85", "1.50", 90);

	private static final PricingBand A = PricingBand.of(80, 100, "90", "1.00", 120);

	@Test
	void defaultsAreValid() {
		PricingBandSet defaults = PricingBandSet.defaults();
		assertThat(PricingBandSet.validate(defaults.bands())).isEmpty();
		assertThat(defaults.bands()).containsExactly(E, D, C, B, A);
		assertThat(defaults.version()).isEqualTo(1);
	}

	@ParameterizedTest(name = "score {0} -> band {1}")
	@CsvSource({ "100, 80-100", "80, 80-100", "79.9, 65-80", "65, 65-80", "64.9, 50-65", "50, 50-65", "49.9, 35-50",
			"35, 35-50", "34.9, 0-35", "0, 0-35" })
	void findsTheBandForAScore(String score, String range) {
		assertThat(PricingBandSet.defaults().bandFor(new BigDecimal(score)).range()).isEqualTo(range);
	}

	@Test
	void aScoreOutside0To100HasNoBand() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PricingBandSet.defaults().bandFor(new BigDecimal("100.1")))
			.withMessage("A score is 0-100, got 100.1: no band for it");
	}

	@Test
	void theOrderTheBandsAreGivenInDoesNotMatter() {
		assertThat(PricingBandSet.validate(List.of(A, B, C, D, E))).isEmpty();
		assertThat(PricingBandSet.validate(List.of(C, A, E, B, D))).isEmpty();
	}

	@Test
	void aGapLeavesScoresWithoutABand() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(E, PricingBand.of(35, 48, "70", "3.50", 60), C, B, A));
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.code()).isEqualTo("bands.gap");
			assertThat(violation.field()).isNull();
			assertThat(violation.arguments()).containsExactly(3, "50-65", "50", 2, "48");
			assertThat(violation.defaultMessage())
				.isEqualTo("Band 3 (50-65) starts at 50 but band 2 ends at 48: scores 48-50 have no band");
		});
	}

	@Test
	void anOverlapPutsScoresInTwoBands() {
		List<Violation> violations = PricingBandSet.validate(List.of(E, new PricingBand(new BigDecimal("35"),
				new BigDecimal("52.5"), Rate.percent("70"), Rate.percent("3.50"), 60, false), C, B, A));
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.code()).isEqualTo("bands.overlap");
			assertThat(violation.arguments()).containsExactly(3, "50-65", "50", 2, "52.5", "52.5");
			assertThat(violation.defaultMessage())
				.isEqualTo("Band 3 (50-65) starts at 50 but band 2 ends at 52.5: scores 50-52.5 are in both bands");
		});
	}

	@Test
	void aBandInsideAnotherIsAnOverlapAndLeavesNoGapBehindIt() {
		PricingBand wide = PricingBand.of(35, 65, "70", "3.50", 60);
		PricingBand inside = PricingBand.of(40, 50, "70", "3.50", 60);
		List<Violation> violations = PricingBandSet.validate(List.of(E, wide, inside, B, A));
		assertThat(violations).extracting(Violation::code).containsExactly("bands.overlap");
		assertThat(violations.get(0).defaultMessage())
			.isEqualTo("Band 3 (40-50) starts at 40 but band 2 ends at 65: scores 40-50 are in both bands");
	}

	@Test
	void theLowestBandMustStartAt0() {
		List<Violation> violations = PricingBandSet.validate(List.of(PricingBand.declined(5, 35), D, C, B, A));
		assertThat(violations).extracting(Violation::code, Violation::defaultMessage)
			.containsExactly(
					tuple("bands.start", "Band 1 (5-35) is the lowest band but starts at 5: scores 0-5 have no band"));
	}

	@Test
	void theHighestBandMustEndAt100() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(E, D, C, B, PricingBand.of(80, 95, "90", "1.00", 120)));
		assertThat(violations).extracting(Violation::code, Violation::defaultMessage)
			.containsExactly(tuple("bands.end",
					"Band 5 (80-95) is the highest band but ends at 95: scores 95-100 have no band"));
	}

	@Test
	void theAdvanceRateMustNotRiseAsTheScoreFalls() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(E, PricingBand.of(35, 50, "82", "3.50", 60), C, B, A));
		assertThat(violations).extracting(Violation::code, Violation::defaultMessage)
			.containsExactly(tuple("bands.advance.rises",
					"Band 2 (35-50) advances 82 %, more than the 80 % of the higher band 3 (50-65): "
							+ "the advance rate must not rise as the score falls"));
	}

	@Test
	void theFeeRateMustNotFallAsTheScoreFalls() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(E, PricingBand.of(35, 50, "70", "2", 60), C, B, A));
		assertThat(violations).extracting(Violation::code, Violation::defaultMessage)
			.containsExactly(tuple("bands.fee.falls",
					"Band 2 (35-50) charges 2 %, less than the 2.25 % of the higher band 3 (50-65): "
							+ "the fee rate must not fall as the score falls"));
	}

	@Test
	void equalRatesInNeighbouringBandsAreAllowed() {
		assertThat(PricingBandSet.validate(List.of(E, PricingBand.of(35, 50, "80", "2.25", 60), C, B, A))).isEmpty();
	}

	@Test
	void aBandMustStartBelowWhereItEnds() {
		List<Violation> violations = PricingBandSet.validate(
				List.of(E, D, PricingBand.of(50, 50, "80", "2.25", 90), PricingBand.of(50, 80, "85", "1.50", 90), A));
		assertThat(violations).extracting(Violation::code).contains("band.empty");
		assertThat(violations).extracting(Violation::defaultMessage)
			.contains("Band 3 (50-50) starts at 50 and ends at 50: a band must start below where it ends");
	}

	@Test
	void aBandMustStayWithin0To100() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(E, D, C, B, PricingBand.of(80, 110, "90", "1.00", 120)));
		assertThat(violations).extracting(Violation::defaultMessage)
			.containsExactly("Band 5 (80-110) reaches outside 0-100: scores are 0-100");
	}

	@Test
	void aDeclinedBandCannotLieAboveOneThatPrices() {
		List<Violation> violations = PricingBandSet
			.validate(List.of(PricingBand.of(0, 35, "60", "5", 30), PricingBand.declined(35, 50), C, B, A));
		assertThat(violations).extracting(Violation::code).containsExactly("bands.decline.above");
		assertThat(violations.get(0).defaultMessage()).isEqualTo(
				"Band 2 (35-50) is declined but the lower band 1 (0-35) is not: a better score cannot be declined when a worse one is priced");
	}

	@Test
	void noBandsAtAll() {
		assertThat(PricingBandSet.validate(List.of())).extracting(Violation::defaultMessage)
			.containsExactly("There are no bands: scores 0-100 have no band");
	}

	@Test
	void everyBrokenRuleHasItsOwnMessage() {
		List<PricingBand> bands = new ArrayList<>(List.of(PricingBand.declined(5, 35),
				PricingBand.of(35, 48, "82", "2", 60), C, B, PricingBand.of(80, 95, "90", "1.00", 120)));
		assertThat(PricingBandSet.validate(bands)).extracting(Violation::code)
			.containsExactlyInAnyOrder("bands.start", "bands.end", "bands.gap", "bands.advance.rises",
					"bands.fee.falls");
	}

	@Test
	void aBandSetRefusesInvalidBands() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PricingBandSet(2, LocalDate.of(2026, 10, 1),
					List.of(E, PricingBand.of(35, 48, "70", "3.50", 60), C, B, A)))
			.withMessage("Band 3 (50-65) starts at 50 but band 2 ends at 48: scores 48-50 have no band");
	}

	@Test
	void aBandRefusesImpossibleRates() {
		assertThatIllegalArgumentException().isThrownBy(() -> PricingBand.of(0, 100, "101", "1", 30))
			.withMessageContaining("An advance rate is 0-100 %");
		assertThatIllegalArgumentException().isThrownBy(() -> PricingBand.of(0, 100, "90", "-1", 30))
			.withMessageContaining("A fee rate cannot be negative");
	}

	/**
	 * The English of messages.properties says what the default message (for the logs)
	 * says, with the same figures; the Dutch says it too.
	 */
	@Test
	void theMessagesFileSaysWhatTheDefaultMessageSays() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		List<Violation> violations = new ArrayList<>(PricingBandSet.validate(List.of(PricingBand.declined(5, 35),
				PricingBand.of(35, 48, "82", "2", 60), PricingBand.declined(48, 50), C,
				PricingBand.of(60, 80, "85", "1.50", 90), PricingBand.of(80, 95, "90", "1.00", 120),
				PricingBand.of(95, 94, "90", "1.00", 120), PricingBand.of(95, 101, "90", "1.00", 120))));
		violations.addAll(PricingBandSet.validate(List.of()));
		violations.addAll(PricingBandSet.validate(List.of(PricingBand.declined(5, 35),
				PricingBand.of(35, 48, "82", "2", 60), C, B, PricingBand.of(80, 95, "90", "1.00", 120))));
		assertThat(violations).extracting(Violation::code)
			.contains("bands.none", "band.empty", "band.outside", "bands.start", "bands.end", "bands.gap",
					"bands.overlap", "bands.decline.above", "bands.advance.rises", "bands.fee.falls");
		assertThat(violations).allSatisfy((violation) -> {
			assertThat(messages.getMessage(violation, Locale.ENGLISH)).isEqualTo(violation.defaultMessage());
			assertThat(messages.getMessage(violation, Locale.forLanguageTag("nl")))
				.isNotEqualTo(violation.defaultMessage());
		});
	}

}
