package com.factordesk.approval;

import java.util.List;
import java.util.Set;

import com.factordesk.client.Enforcement;
import com.factordesk.debtor.DebtorContact;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.shared.Money;

/**
 * The top of the decision page: the advance proposed (or approved), the limits it uses
 * before and after, the facility's usage and enforcement, what the reader may do now, and
 * every decision taken, with the quote frozen by the approval in force.
 *
 * @param proposedAdvance the quoted advance of a queued invoice, the approved one of a
 * pending approval; {@code null} when there is none
 * @param limits each limit before and after the proposed advance (after = now for an
 * approval that already reserves it)
 * @param enforcement what the facility does with an approval over a limit
 * @param facilityLimit the client's facility limit
 * @param facilityExposure what is in use on the facility now
 * @param debtorExposure what is in use on the debtor across all clients now
 * @param decisions every decision on the invoice, oldest first
 * @param frozen the approval in force (or the one the invoice was funded on), with the
 * quote it froze; {@code null} when none
 * @param contacts the debtor's contacts, for a verification
 * @param actions what the reader may do now: approve, reject, verify, secondApproval,
 * change, withdraw, release, reopen, fund
 * @param fourEyes whether approving the proposed advance would wait for a second approval
 */
public record DecisionPanel(Money proposedAdvance, List<LimitUse> limits, Enforcement enforcement, Money facilityLimit,
		Exposure facilityExposure, Exposure debtorExposure, List<DecisionRecord> decisions, FrozenApproval frozen,
		List<DebtorContact> contacts, Set<String> actions, boolean fourEyes, String firstApprover) {

	public DecisionPanel {
		limits = List.copyOf(limits);
		decisions = List.copyOf(decisions);
		contacts = List.copyOf(contacts);
		actions = Set.copyOf(actions);
	}

	/**
	 * Whether the reader may do this now.
	 */
	public boolean may(String action) {
		return this.actions.contains(action);
	}

	/**
	 * What is left under the facility limit, never below zero.
	 */
	public Money facilityHeadroom() {
		Money left = this.facilityLimit.minus(this.facilityExposure.total());
		return left.isNegative() ? Money.ZERO : left;
	}

	/**
	 * Whether any limit would be over after the proposed advance.
	 */
	public boolean overLimit() {
		return this.limits.stream().anyMatch(LimitUse::over);
	}

	/**
	 * The approval in force with the quote it froze, shown instead of a fresh quote once
	 * an invoice is decided.
	 *
	 * @param decision the approval decision
	 * @param quote its quote, as frozen (score, grade, snapshot and lines)
	 */
	public record FrozenApproval(DecisionRecord decision, InvoiceQuote quote) {

	}

}
