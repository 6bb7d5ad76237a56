package com.factordesk.shared;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void keepsCentsAndRefusesHiddenPrecision() {
		assertThat(Money.of("12.5").amount()).isEqualByComparingTo("12.50");
		assertThat(Money.of("12.5").amount().scale()).isEqualTo(2);
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("12.345")).withMessageContaining("12.345");
	}

	@ParameterizedTest(name = "{0} x {1} = {2}")
	@CsvSource({ "100.00, 0.855, 85.50", "0.05, 0.5, 0.02", "0.15, 0.5, 0.08", "0.25, 0.5, 0.12", "0.35, 0.5, 0.18",
			"1000.01, 0.9, 900.01", "999.99, 0.333333, 333.33", "-10.05, 0.5, -5.02" })
	void timesRoundsHalfEvenAtTheCent(String amount, String fraction, String expected) {
		assertThat(Money.of(amount).times(Rate.fraction(fraction))).isEqualTo(Money.of(expected));
	}

	@ParameterizedTest(name = "{0} at {1}: advance {2} + reserve {3}")
	@CsvSource({ "1000.00, 0.85, 850.00, 150.00", "1234.57, 0.9, 1111.11, 123.46", "0.01, 0.8, 0.01, 0.00",
			"99999.99, 0.775, 77499.99, 22500.00", "4567.89, 0.123457, 563.94, 4003.95",
			"1000.10, 0.85, 850.08, 150.02", "1000.30, 0.85, 850.26, 150.04" })
	void advanceRoundsOnceHalfEvenAndReservePlusAdvanceIsTheFace(String face, String advanceRate, String advance,
			String reserve) {
		Money invoice = Money.of(face);
		Money advanced = invoice.times(Rate.fraction(advanceRate));
		Money reserved = invoice.minus(advanced);
		// 850.085 -> 850.08 and 850.255 -> 850.26: a half cent goes to the even cent
		assertThat(advanced).isEqualTo(Money.of(advance));
		assertThat(reserved).isEqualTo(Money.of(reserve));
		assertThat(advanced.plus(reserved)).isEqualTo(invoice);
	}

	@Test
	void comparesByValue() {
		assertThat(Money.of("10")).isEqualTo(new Money(new BigDecimal("10.00")));
		assertThat(Money.of("10.01").isGreaterThan(Money.of("10"))).isTrue();
		assertThat(Money.of("3").min(Money.of("2"))).isEqualTo(Money.of("2"));
	}

}
