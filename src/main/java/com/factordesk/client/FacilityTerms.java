package com.factordesk.client;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * The terms of a facility agreement.
 *
 * @param limit the most funds in use the client may have with us
 * @param defaultAdvanceRate share of the face value advanced when pricing says nothing
 * else
 * @param recourseDays days past due after which a recourse invoice is charged back;
 * {@code null} for non-recourse
 * @param notification whether debtors are told to pay us (or the facility is
 * confidential)
 * @param concentrationLimit the largest share of the client's funded book one debtor may
 * owe
 */
public record FacilityTerms(Money limit, Rate defaultAdvanceRate, Integer recourseDays, boolean notification,
		Rate concentrationLimit) {

	public FacilityTerms {
		if (!limit.isPositive()) {
			throw new IllegalArgumentException("A facility limit must be positive");
		}
		if (recourseDays != null && recourseDays <= 0) {
			throw new IllegalArgumentException("Recourse days must be positive");
		}
	}

	public boolean recourse() {
		return this.recourseDays != null;
	}

}
