package com.factordesk.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the database work of a web request may take, from the start of its
 * transaction: a statement still running at the limit is cancelled and the request
 * answers 503 (a page or a problem) with nothing changed. Work outside a request (the
 * nightly re-score, calibration, snapshots, the re-scores after a commit) has no limit.
 * Zero turns a limit off.
 *
 * @param requestTimeout a page, a form or an API call
 * @param longRequestTimeout a request whose handler says it runs long
 * ({@link LongRunning}): imports, exports, the backtest, publishing a scoring version
 * (which re-scores every debtor) and the pricing simulation
 */
@ConfigurationProperties("factordesk.database")
public record DatabaseTimeouts(@DefaultValue("30s") Duration requestTimeout,
		@DefaultValue("30m") Duration longRequestTimeout) {

	public DatabaseTimeouts {
		if (requestTimeout.isNegative() || longRequestTimeout.isNegative()) {
			throw new IllegalArgumentException("factordesk.database timeouts must not be negative");
		}
	}

}
