package com.factordesk.risk;

import java.util.Map;

/**
 * A new scoring model breaks a rule; nothing was saved. Each entry names the form field
 * and says why.
 */
public class ScoringModelRejected extends RuntimeException {

	private final Map<String, String> errors;

	ScoringModelRejected(Map<String, String> errors) {
		super(String.join("; ", errors.values()));
		this.errors = Map.copyOf(errors);
	}

	public Map<String, String> getErrors() {
		return this.errors;
	}

}
