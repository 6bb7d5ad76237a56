package com.factordesk.client;

import com.factordesk.shared.Rate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeeTermsTests {

	@ParameterizedTest(name = "{0} days, discount {1} % is refused")
	@CsvSource({ "0, 0", "-15, 0", "30, -0.25", "30, 100", "30, 120" })
	void aPeriodIsADayOrMoreAndADiscountBelowTheWholeRate(int periodDays, String discount) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FeeTerms(FeeKind.TIERED, periodDays, DayCount.ACT_360, Rate.percent(discount)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "TIERED, 15, ACT_360, 0.25", "FLAT, 30, ACT_360, 0", "DAILY, 30, ACT_365, 99.99" })
	void aFacilityKeepsTheTermsItAgreed(FeeKind kind, int periodDays, DayCount dayCount, String discount) {
		Client client = new Client("FT-C1", "Fee Terms B.V.", "FT-REG-1", "NL", "food",
				java.time.LocalDate.of(2025, 1, 1));
		Facility facility = client.signFacility(new FacilityTerms(com.factordesk.shared.Money.of("100000"),
				Rate.percent("85"), 90, true, Rate.percent("25")));
		assertThat(facility.getFeeTerms()).isEqualTo(FeeTerms.STANDARD);
		FeeTerms agreed = new FeeTerms(kind, periodDays, dayCount, Rate.percent(discount));
		facility.agreeFeeTerms(agreed);
		assertThat(facility.getFeeTerms()).isEqualTo(agreed);
	}

}
