package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.approval.CreditLimitDecision.Kind;
import com.factordesk.approval.CreditLimitDecision.Status;
import com.factordesk.audit.AuditTrail;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.client.Enforcement;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credit decisions on limits (DESIGN sections 1 and 4): an underwriter proposes a
 * debtor's credit limit, its insurer limit or a client's facility limit with a reason.
 * Within the underwriter's authority ({@link CreditPolicy#current()}) the limit is
 * applied at once; above it, it waits for a manager, who applies or refuses it (a
 * manager's own proposal applies at once). Applying one sets the limit through the
 * debtor's or the facility's own verb and, for a credit or facility limit, has the
 * exposure engine re-check what the limit covers, in the same transaction; an audit entry
 * records each step. An admin never decides a limit (separation of duties).
 */
@Service
@Transactional
public class CreditLimits {

	private static final String MANAGER = "ROLE_MANAGER";

	private static final int TEXT_LENGTH = 500;

	private final CreditLimitDecisionRepository decisions;

	private final DebtorRepository debtors;

	private final ClientRepository clients;

	private final Underwriting underwriting;

	private final AuditTrail audit;

	private final CreditPolicy policy;

	private final Clock clock;

	CreditLimits(CreditLimitDecisionRepository decisions, DebtorRepository debtors, ClientRepository clients,
			Underwriting underwriting, AuditTrail audit, CreditPolicy policy, Clock clock) {
		this.decisions = decisions;
		this.debtors = debtors;
		this.clients = clients;
		this.underwriting = underwriting;
		this.audit = audit;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * Proposes a limit; applies it at once when it is within the underwriter's authority
	 * or a manager proposes it.
	 * @return what became of the proposal: {@link Status#APPLIED} or
	 * {@link Status#PROPOSED} (waiting for a manager)
	 * @throws BusinessRefusal when the proposal breaks a rule (a negative limit, no
	 * reason, a review date in the past, another proposal of the same limit waiting)
	 * @throws NotFoundException when no debtor or client has that reference
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Status propose(ProposeLimit command) {
		refuseBadInput(command);
		String actor = actor();
		Instant now = this.clock.instant();
		CreditLimitDecision decision;
		String subjectType;
		if (command.kind().onDebtor()) {
			Debtor debtor = this.debtors.findByRef(command.subjectRef())
				.orElseThrow(() -> new NotFoundException("Debtor", command.subjectRef()));
			refuseSecondPending(
					this.decisions.findByKindAndDebtorIdAndStatus(command.kind(), debtor.getId(), Status.PROPOSED));
			decision = CreditLimitDecision.onDebtor(command.kind(), debtor.getId(), current(command.kind(), debtor),
					command.limit(), command.date(), command.reason(), actor, now);
			subjectType = "debtor";
		}
		else {
			Client client = this.clients.findByRef(command.subjectRef())
				.orElseThrow(() -> new NotFoundException("Client", command.subjectRef()));
			refuseSecondPending(this.decisions.findByKindAndClientIdAndStatus(Kind.FACILITY_LIMIT, client.getId(),
					Status.PROPOSED));
			decision = CreditLimitDecision.onFacility(client.getId(), client.getFacility().getFacilityLimit(),
					command.limit(), command.reason(), actor, now);
			subjectType = "client";
		}
		this.decisions.save(decision);
		this.audit.record("credit-limit.proposed", subjectType, command.subjectRef(), null, Audited.of(decision));
		boolean withinAuthority = !command.limit()
			.isGreaterThan(Money.of(this.policy.current().underwriterAuthority()));
		if (withinAuthority || isManager()) {
			apply(decision, actor, null);
		}
		return decision.getStatus();
	}

	/**
	 * A manager applies a proposal that waits for one.
	 * @throws BusinessRefusal when it was already decided
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void apply(long decisionId, String note) {
		CreditLimitDecision decision = find(decisionId);
		apply(decision, actor(), optional(note));
	}

	/**
	 * A manager refuses a proposal that waits for one, saying why.
	 * @throws BusinessRefusal when no reason is given or it was already decided
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void refuse(long decisionId, String note) {
		String why = optional(note);
		if (why == null) {
			throw BusinessRefusal.onField("note", "limit.note.missing", "Say why the proposal is refused");
		}
		CreditLimitDecision decision = find(decisionId);
		decision.refuse(actor(), this.clock.instant(), why);
		this.decisions.flush();
		this.audit.record("credit-limit.refused", subjectType(decision), subjectRef(decision), null,
				Audited.of(decision));
	}

	private void apply(CreditLimitDecision decision, String actor, String note) {
		Instant now = this.clock.instant();
		Money limit = decision.getProposedLimit();
		Audited before;
		switch (decision.getKind()) {
			case CREDIT_LIMIT, INSURER_LIMIT -> {
				Debtor debtor = this.debtors.findById(decision.getDebtorId())
					.orElseThrow(() -> new NotFoundException("Debtor", decision.getDebtorId()));
				before = Audited.limit(decision.getKind(), current(decision.getKind(), debtor),
						(decision.getKind() == Kind.CREDIT_LIMIT) ? debtor.getCreditLimitReviewOn()
								: debtor.getInsurerLimitExpiresOn());
				decision.apply(current(decision.getKind(), debtor), actor, now, note);
				if (decision.getKind() == Kind.CREDIT_LIMIT) {
					debtor.setCreditLimit(limit, decision.getReviewOn());
				}
				else {
					debtor.insure(limit, decision.getExpiresOn());
				}
				this.debtors.flush();
				this.underwriting.limitChanged(debtor.getId(), null, actor);
			}
			case FACILITY_LIMIT -> {
				Client client = this.clients.findById(decision.getClientId())
					.orElseThrow(() -> new NotFoundException("Client", decision.getClientId()));
				Money limitNow = client.getFacility().getFacilityLimit();
				before = Audited.limit(Kind.FACILITY_LIMIT, limitNow, null);
				decision.apply(limitNow, actor, now, note);
				client.getFacility().setLimit(limit);
				this.clients.flush();
				this.underwriting.limitChanged(null, client.getId(), actor);
			}
			default -> throw new IllegalStateException("Unknown limit " + decision.getKind());
		}
		this.audit.record("credit-limit.applied", subjectType(decision), subjectRef(decision), before,
				Audited.of(decision));
	}

	/**
	 * A manager sets what the facility does with an approval over a limit (DESIGN section
	 * 4): WARN approves it and records the breach, HOLD keeps it waiting for headroom,
	 * BLOCK refuses it. Recorded in the audit trail with the reason. The facility's
	 * approvals are re-checked at once: under HOLD or BLOCK those over the facility limit
	 * or their debtor's credit or insurer limit are held, under WARN the held ones go
	 * ahead.
	 * @throws BusinessRefusal when the reason is blank
	 * @throws NotFoundException when no client has that reference
	 */
	@PreAuthorize("hasRole('MANAGER')")
	public void setEnforcement(String clientRef, Enforcement mode, String reason) {
		if (reason == null || reason.isBlank()) {
			throw BusinessRefusal.onField("reason", "limit.enforcement.reasonRequired",
					"Say why the facility enforces its limits this way");
		}
		String actor = actor();
		Client client = this.clients.findByRef(clientRef).orElseThrow(() -> new NotFoundException("Client", clientRef));
		Enforcement before = client.getFacility().getEnforcement();
		client.getFacility().enforce(mode);
		this.clients.flush();
		// held approvals go ahead under WARN; a stricter mode holds what is over any
		// limit now
		this.underwriting.enforcementChanged(client.getId(), actor);
		this.audit.record("facility.enforcement", "client", clientRef, java.util.Map.of("enforcement", before.name()),
				java.util.Map.of("enforcement", mode.name(), "reason", reason.strip()));
	}

	private CreditLimitDecision find(long decisionId) {
		return this.decisions.findById(decisionId)
			.orElseThrow(() -> new NotFoundException("Credit limit decision", decisionId));
	}

	private void refuseBadInput(ProposeLimit command) {
		List<Violation> violations = new ArrayList<>();
		LocalDate today = LocalDate.now(this.clock);
		if (command.limit() == null) {
			violations.add(Violation.onField("limit", "limit.limit.missing", "Enter the limit"));
		}
		else if (command.limit().isNegative()
				|| (command.kind() == Kind.FACILITY_LIMIT && !command.limit().isPositive())) {
			violations.add((command.kind() == Kind.FACILITY_LIMIT)
					? Violation.onField("limit", "limit.limit.notPositive",
							"A facility limit must be above zero, got " + command.limit(), command.limit().amount())
					: Violation.onField("limit", "limit.limit.negative",
							"A limit cannot be negative, got " + command.limit(), command.limit().amount()));
		}
		if (command.kind() == Kind.CREDIT_LIMIT && command.date() == null) {
			violations.add(Violation.onField("date", "limit.reviewOn.missing", "Enter the review date"));
		}
		else if (command.kind() == Kind.CREDIT_LIMIT && command.date().isBefore(today)) {
			violations.add(Violation.onField("date", "limit.reviewOn.past",
					"The review date " + command.date() + " is in the past (today is " + today + ")",
					command.date().toString(), today.toString()));
		}
		else if (command.kind() == Kind.INSURER_LIMIT && command.date() == null) {
			violations.add(Violation.onField("date", "limit.expiresOn.missing", "Enter the day the cover ends"));
		}
		else if (command.kind() == Kind.INSURER_LIMIT && command.date().isBefore(today)) {
			violations.add(Violation.onField("date", "limit.expiresOn.past",
					"The cover end " + command.date() + " is in the past (today is " + today + ")",
					command.date().toString(), today.toString()));
		}
		if (command.reason().isEmpty()) {
			violations.add(Violation.onField("reason", "limit.reason.missing", "Give the reason for the limit"));
		}
		else if (command.reason().length() > TEXT_LENGTH) {
			violations.add(Violation.onField("reason", "limit.reason.tooLong",
					"A reason has at most " + TEXT_LENGTH + " characters", TEXT_LENGTH));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
	}

	private static void refuseSecondPending(java.util.Optional<CreditLimitDecision> pending) {
		pending.ifPresent((waiting) -> {
			throw BusinessRefusal.of("limit.alreadyPending",
					"A proposal of this limit by " + waiting.getProposedBy() + " waits for a manager",
					waiting.getProposedBy(), waiting.getProposedLimit().amount());
		});
	}

	private static Money current(Kind kind, Debtor debtor) {
		return (kind == Kind.CREDIT_LIMIT) ? debtor.getCreditLimit() : debtor.getInsurerLimit();
	}

	private String subjectType(CreditLimitDecision decision) {
		return decision.getKind().onDebtor() ? "debtor" : "client";
	}

	private String subjectRef(CreditLimitDecision decision) {
		if (decision.getKind().onDebtor()) {
			return this.debtors.findById(decision.getDebtorId()).map(Debtor::getRef).orElseThrow();
		}
		return this.clients.findById(decision.getClientId()).map(Client::getRef).orElseThrow();
	}

	private static String optional(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String stripped = text.strip();
		if (stripped.length() > TEXT_LENGTH) {
			throw BusinessRefusal.onField("note", "limit.note.tooLong",
					"A note has at most " + TEXT_LENGTH + " characters", TEXT_LENGTH);
		}
		return stripped;
	}

	private static Authentication authentication() {
		return SecurityContextHolder.getContext().getAuthentication();
	}

	private static String actor() {
		return authentication().getName();
	}

	private static boolean isManager() {
		return authentication().getAuthorities().stream().anyMatch((granted) -> MANAGER.equals(granted.getAuthority()));
	}

	/**
	 * What the audit entry records of a limit: references and figures, no personal data.
	 */
	public record Audited(Long decision, String kind, BigDecimal limit, LocalDate date, String status) {

		static Audited of(CreditLimitDecision decision) {
			LocalDate date = (decision.getReviewOn() != null) ? decision.getReviewOn() : decision.getExpiresOn();
			return new Audited(decision.getId(), decision.getKind().name(), decision.getProposedLimit().amount(), date,
					decision.getStatus().name());
		}

		static Audited limit(Kind kind, Money limit, LocalDate date) {
			return new Audited(null, kind.name(), (limit != null) ? limit.amount() : null, date, null);
		}

	}

}
