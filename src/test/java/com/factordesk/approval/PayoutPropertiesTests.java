package com.factordesk.approval;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The factor's payout account: a valid default, and an IBAN whose check digits fail or a
 * malformed BIC stops the start with the setting named.
 */
class PayoutPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultIsAFactorDeskAccountInTheNetherlands() {
		this.runner.run((context) -> {
			PayoutProperties payout = context.getBean(PayoutProperties.class);
			assertThat(payout.name()).isEqualTo("FactorDesk B.V.");
			assertThat(payout.iban()).isEqualTo("NL33RABO0312457898");
			assertThat(payout.bic()).isEqualTo("RABONL2U");
			assertThat(Iban.isValid(payout.iban())).isTrue();
		});
	}

	@Test
	void aWrongCheckDigitOrBicIsRefused() {
		this.runner.withPropertyValues("factordesk.payout.iban=NL34RABO0312457898")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ibanValid"));
		this.runner.withPropertyValues("factordesk.payout.bic=RABO-NL")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("bic"));
		this.runner
			.withPropertyValues("factordesk.payout.iban=DE89370400440532013000", "factordesk.payout.bic=COBADEFFXXX",
					"factordesk.payout.name=FactorDesk GmbH")
			.run((context) -> assertThat(context.getBean(PayoutProperties.class).iban())
				.isEqualTo("DE89370400440532013000"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PayoutProperties.class)
	static class Settings {

	}

}
