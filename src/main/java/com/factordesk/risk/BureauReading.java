package com.factordesk.risk;

import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.debtor.BureauProvider;

/**
 * A score a credit bureau gave the debtor, on the provider's own scale, as of a date.
 *
 * @param provider the bureau
 * @param score the raw score on the provider's scale
 * @param asOf the date of the score
 */
public record BureauReading(BureauProvider provider, int score, LocalDate asOf) {

	public BureauReading {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(asOf, "asOf");
	}

}
