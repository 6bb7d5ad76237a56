package com.factordesk.risk;

import java.math.BigDecimal;
import java.util.List;

/**
 * A debtor's score with everything needed to explain it: the grade, the components, the
 * reasons ordered by points lost and the version of the scoring model used.
 *
 * @param score the score 0-100, higher is safer, at one decimal (computed from the
 * unrounded inputs and sub-scores and rounded once, half even)
 * @param grade the grade of the score
 * @param components the three components, missing ones flagged
 * @param reasons at most five reasons: those that cost the most points first, then any
 * missing input
 * @param modelVersion the version of the scoring model
 */
public record RiskAssessment(BigDecimal score, Grade grade, List<ComponentScore> components, List<Reason> reasons,
		int modelVersion) {

	public RiskAssessment {
		components = List.copyOf(components);
		reasons = List.copyOf(reasons);
	}

	/**
	 * The component of the given kind.
	 */
	public ComponentScore component(Component component) {
		return this.components.stream()
			.filter((candidate) -> candidate.component() == component)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The codes of the reasons, in order.
	 */
	public List<String> reasonCodes() {
		return this.reasons.stream().map(Reason::code).toList();
	}

}
