package com.factordesk.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateTests {

	@Test
	void percentAndFractionAreTheSameRate() {
		assertThat(Rate.percent("2.25")).isEqualTo(Rate.fraction("0.0225"));
		assertThat(Rate.percent("85").asPercent()).isEqualByComparingTo("85.0000");
		assertThat(Rate.percent("2.25").asPercent().scale()).isEqualTo(4);
	}

	@Test
	void refusesMoreThanSixDecimals() {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.fraction("0.1234567"));
	}

	@Test
	void complementIsTheReserveShare() {
		assertThat(Rate.percent("85").complement()).isEqualTo(Rate.percent("15"));
	}

	@Test
	void readsAsAPercentage() {
		assertThat(Rate.percent("1.5")).hasToString("1.5 %");
	}

}
