package com.factordesk.pricing;

import java.util.List;

/**
 * A new version of the pricing bands breaks the rules; nothing was saved.
 */
public class BandSetRejected extends RuntimeException {

	private final List<BandViolation> violations;

	BandSetRejected(List<BandViolation> violations) {
		super(violations.stream().map(BandViolation::message).reduce((a, b) -> a + "; " + b).orElse("rejected"));
		this.violations = List.copyOf(violations);
	}

	public List<BandViolation> getViolations() {
		return this.violations;
	}

}
