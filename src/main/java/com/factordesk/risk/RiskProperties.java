package com.factordesk.risk;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When debtors are scored without anyone asking.
 *
 * @param nightlyCron when the nightly full re-score runs, a six-field cron expression in
 * the desk's time zone
 * @param initialScoring whether a portfolio that has no scores yet is scored at start-up
 * (12 month-ends of history, then today)
 */
@ConfigurationProperties("factordesk.risk")
@Validated
public record RiskProperties(
		@DefaultValue(RiskProperties.NIGHTLY_CRON) @NotBlank @Pattern(regexp = "\\S+( \\S+){5}",
				message = "a cron expression of six fields") String nightlyCron,
		@DefaultValue("true") boolean initialScoring) {

	public static final String NIGHTLY_CRON = "0 30 2 * * *";

}
