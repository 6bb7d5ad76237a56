package com.factordesk.pricing;

import java.util.List;

/**
 * A rule a set of pricing bands breaks, for the admin who edits them.
 *
 * @param key a stable message key, for another language
 * @param bandIndexes the positions (from 0) of the bands involved, in the list as given
 * @param message the broken rule in English, naming the bands by number (from 1) and
 * range
 */
public record BandViolation(String key, List<Integer> bandIndexes, String message) {

	public BandViolation {
		bandIndexes = List.copyOf(bandIndexes);
	}

}
