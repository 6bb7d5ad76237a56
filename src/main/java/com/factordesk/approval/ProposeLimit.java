package com.factordesk.approval;

import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.shared.Money;

/**
 * An underwriter proposes a limit: a debtor's credit limit (to be reviewed by
 * {@code date}), the limit its credit insurer covers (until {@code date}), or a client's
 * facility limit (no date).
 *
 * @param kind which limit
 * @param subjectRef the debtor's reference, or the client's for a facility limit
 * @param limit the proposed limit; {@code null} when none was given
 * @param date the review date or the cover's expiry; {@code null} for a facility limit or
 * when none was given
 * @param reason why, in the underwriter's words
 */
public record ProposeLimit(CreditLimitDecision.Kind kind, String subjectRef, Money limit, LocalDate date,
		String reason) {

	public ProposeLimit {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(subjectRef, "subjectRef");
		reason = (reason != null) ? reason.strip() : "";
	}

}
