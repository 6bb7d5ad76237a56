package com.factordesk.approval;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy's settings: their defaults, and a setting out of range stops the start with
 * the setting named.
 */
class PolicyPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultsAreTheDesignsOnes() {
		this.runner.run((context) -> {
			PolicyProperties policy = context.getBean(PolicyProperties.class);
			assertThat(policy.staleDays()).isEqualTo(60);
			assertThat(policy.duplicateWindowDays()).isEqualTo(7);
			assertThat(policy.crossAgingShare()).isEqualByComparingTo(new BigDecimal("0.10"));
			assertThat(policy.bureauStaleDays()).isEqualTo(180);
			assertThat(policy.creditNoteDays()).isEqualTo(90);
			assertThat(policy.underwriterAuthority()).isEqualByComparingTo(new BigDecimal("100000"));
		});
	}

	@Test
	void aShareAboveOneOrNoStaleDaysIsRefused() {
		this.runner.withPropertyValues("factordesk.policy.cross-aging-share=1.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("crossAgingShare"));
		this.runner.withPropertyValues("factordesk.policy.stale-days=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("staleDays"));
		this.runner.withPropertyValues("factordesk.policy.cross-aging-share=0.25", "factordesk.policy.stale-days=30")
			.run((context) -> {
				assertThat(context.getBean(PolicyProperties.class).crossAgingShare())
					.isEqualByComparingTo(new BigDecimal("0.25"));
				assertThat(context.getBean(PolicyProperties.class).staleDays()).isEqualTo(30);
			});
	}

	@Test
	void aNegativeAuthorityOrOneWithHiddenCentsIsRefused() {
		this.runner.withPropertyValues("factordesk.policy.underwriter-authority=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("underwriterAuthority"));
		this.runner.withPropertyValues("factordesk.policy.underwriter-authority=100.005")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("underwriterAuthority"));
		this.runner.withPropertyValues("factordesk.policy.underwriter-authority=250000")
			.run((context) -> assertThat(context.getBean(PolicyProperties.class).underwriterAuthority())
				.isEqualByComparingTo(new BigDecimal("250000")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PolicyProperties.class)
	static class Settings {

	}

}
