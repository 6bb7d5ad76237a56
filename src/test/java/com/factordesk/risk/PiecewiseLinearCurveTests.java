package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.PiecewiseLinearCurve.Point;
import com.factordesk.shared.BusinessRefusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PiecewiseLinearCurveTests {

	private final ScoringModel model = ScoringModel.defaults();

	@ParameterizedTest(name = "{0} days beyond terms -> {1}")
	@CsvSource({ "-5, 100", "0, 100", "7.5, 87.5", "15, 75", "20, 66.6667", "23, 61.6667", "30, 50", "45, 35", "60, 20",
			"75, 10", "90, 0", "120, 0" })
	void daysBeyondTerms(String days, String expected) {
		assertThat(this.model.adbtCurve().at(new BigDecimal(days))).isEqualByComparingTo(expected);
	}

	@ParameterizedTest(name = "dispute rate {0} -> {1}")
	@CsvSource({ "0, 100", "0.02, 88", "0.05, 70", "0.08, 58", "0.10, 50", "0.15, 30", "0.16, 27", "0.20, 15",
			"0.25, 0", "0.60, 0", "1, 0" })
	void disputeRate(String rate, String expected) {
		assertThat(this.model.disputeRateCurve().at(new BigDecimal(rate))).isEqualByComparingTo(expected);
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "PAYDEX, 100, 100", "PAYDEX, 80, 100", "PAYDEX, 75, 87.5", "PAYDEX, 70, 75", "PAYDEX, 60, 62.5",
			"PAYDEX, 50, 50", "PAYDEX, 42, 26", "PAYDEX, 40, 20", "PAYDEX, 30, 0", "PAYDEX, 10, 0",
			"INTELLISCORE, 1, 0", "INTELLISCORE, 50, 49.4949", "INTELLISCORE, 100, 100", "GRAYDON, 1, 0",
			"GRAYDON, 67, 66.6667", "GRAYDON, 100, 100", "CREDITSAFE, 0, 0", "CREDITSAFE, 42, 42",
			"CREDITSAFE, 100, 100" })
	void bureauScales(BureauProvider provider, int score, String expected) {
		assertThat(this.model.bureauScales().get(provider).at(BigDecimal.valueOf(score)))
			.isEqualByComparingTo(expected);
	}

	@Test
	void subScoresHaveFourDecimals() {
		assertThat(this.model.adbtCurve().at(new BigDecimal("20")).scale()).isEqualTo(4);
		assertThat(this.model.adbtCurve().at(new BigDecimal("-1")).scale()).isEqualTo(4);
		assertThat(this.model.adbtCurve().at(new BigDecimal("1000")).scale()).isEqualTo(4);
	}

	@Test
	void keepsItsPointsInOrder() {
		assertThat(PiecewiseLinearCurve.of("0", "100", "10", "0").points()).containsExactly(
				new Point(new BigDecimal("0"), new BigDecimal("100")),
				new Point(new BigDecimal("10"), new BigDecimal("0")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			one point               | 0 100             | needs at least two points
			x going back            | 0 100 30 50 15 75 | Point 3 of the curve is at 15, not after point 2 at 30
			x standing still        | 0 100 15 75 15 70 | x must strictly increase
			score above 100         | 0 101 15 75       | Point 1 of the curve has score 101: a score is 0-100
			score below 0           | 0 100 15 -1       | Point 2 of the curve has score -1
			""")
	void refusesInvalidCurves(String name, String points, String message) {
		String[] xThenY = points.split(" ");
		assertThatExceptionOfType(BusinessRefusal.class).isThrownBy(() -> PiecewiseLinearCurve.of(xThenY))
			.withMessageContaining(message);
	}

	@Test
	void refusesAnOddListOfFigures() {
		assertThatIllegalArgumentException().isThrownBy(() -> PiecewiseLinearCurve.of("0", "100", "15"))
			.withMessageContaining("pairs");
	}

	@Test
	void refusesNoPoints() {
		assertThatExceptionOfType(BusinessRefusal.class).isThrownBy(() -> new PiecewiseLinearCurve(List.of()))
			.withMessageContaining("got 0")
			.satisfies((refusal) -> assertThat(refusal.getCode()).isEqualTo("curve.points.tooFew"));
	}

}
