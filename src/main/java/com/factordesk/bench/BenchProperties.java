package com.factordesk.bench;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The benchmark run ({@code bench} profile).
 *
 * @param invoices the size of the benchmark portfolio
 * @param calibrate whether the run ends with a calibration (a few minutes at the default
 * size; off to time the re-score and the backtest alone)
 */
@ConfigurationProperties("factordesk.bench")
@Validated
public record BenchProperties(@DefaultValue("1000000") @Min(1000) @Max(20_000_000) int invoices,
		@DefaultValue("true") boolean calibrate) {

}
