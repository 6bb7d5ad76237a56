package com.factordesk.approval;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A credit decision on a limit (DESIGN sections 1 and 4): a debtor's credit limit with
 * its review date, the limit its credit insurer covers with the cover's expiry, or a
 * client's facility limit. An underwriter proposes it with a reason; it is applied at
 * once within their authority, or waits for a manager who applies or refuses it. Kept
 * whatever became of it: the limit's history.
 */
@Entity
public class CreditLimitDecision {

	/**
	 * Which limit a decision sets.
	 */
	public enum Kind {

		/** The most we may have in use on a debtor across all clients. */
		CREDIT_LIMIT,
		/** What a credit insurer covers on a debtor, until the cover expires. */
		INSURER_LIMIT,
		/** The most funds a client may have in use under its facility. */
		FACILITY_LIMIT;

		public boolean onDebtor() {
			return this != FACILITY_LIMIT;
		}

		public String messageKey() {
			return "limit.kind." + name();
		}

	}

	/**
	 * Where a proposal stands.
	 */
	public enum Status {

		/** Waiting for a manager. */
		PROPOSED,
		/** In force since it was decided (or since it was proposed, within authority). */
		APPLIED,
		/** A manager said no. */
		REFUSED;

		public String messageKey() {
			return "limit.status." + name();
		}

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Enumerated(EnumType.STRING)
	private Kind kind;

	private Long debtorId;

	private Long clientId;

	private Money limitBefore;

	private Money proposedLimit;

	private LocalDate reviewOn;

	private LocalDate expiresOn;

	private String reason;

	private String proposedBy;

	private Instant proposedAt;

	@Enumerated(EnumType.STRING)
	private Status status;

	private String decidedBy;

	private Instant decidedAt;

	private String decisionNote;

	@Version
	private long version;

	protected CreditLimitDecision() {
	}

	private CreditLimitDecision(Kind kind, Long debtorId, Long clientId, Money limitBefore, Money proposedLimit,
			LocalDate reviewOn, LocalDate expiresOn, String reason, String proposedBy, Instant proposedAt) {
		this.kind = kind;
		this.debtorId = debtorId;
		this.clientId = clientId;
		this.limitBefore = limitBefore;
		this.proposedLimit = proposedLimit;
		this.reviewOn = reviewOn;
		this.expiresOn = expiresOn;
		this.reason = reason;
		this.proposedBy = proposedBy;
		this.proposedAt = proposedAt;
		this.status = Status.PROPOSED;
	}

	/**
	 * A proposal for one of a debtor's limits: its credit limit (with a review date) or
	 * its insurer limit (with the cover's expiry).
	 */
	static CreditLimitDecision onDebtor(Kind kind, long debtorId, Money limitBefore, Money proposedLimit,
			LocalDate date, String reason, String proposedBy, Instant proposedAt) {
		if (!kind.onDebtor()) {
			throw new IllegalArgumentException(kind + " is not a debtor's limit");
		}
		Objects.requireNonNull(date, "date");
		return new CreditLimitDecision(kind, debtorId, null, limitBefore, proposedLimit,
				(kind == Kind.CREDIT_LIMIT) ? date : null, (kind == Kind.INSURER_LIMIT) ? date : null, reason,
				proposedBy, proposedAt);
	}

	/**
	 * A proposal for a client's facility limit.
	 */
	static CreditLimitDecision onFacility(long clientId, Money limitBefore, Money proposedLimit, String reason,
			String proposedBy, Instant proposedAt) {
		return new CreditLimitDecision(Kind.FACILITY_LIMIT, null, clientId, limitBefore, proposedLimit, null, null,
				reason, proposedBy, proposedAt);
	}

	/**
	 * Puts the proposal in force: the limit it replaces is recorded as it stands now.
	 */
	void apply(Money limitNow, String decidedBy, Instant decidedAt, String note) {
		decide(Status.APPLIED, decidedBy, decidedAt, note);
		this.limitBefore = limitNow;
	}

	/**
	 * A manager refuses the proposal; the limit stays as it is.
	 */
	void refuse(String decidedBy, Instant decidedAt, String note) {
		decide(Status.REFUSED, decidedBy, decidedAt, note);
	}

	private void decide(Status outcome, String decidedBy, Instant decidedAt, String note) {
		if (this.status != Status.PROPOSED) {
			throw BusinessRefusal.of("limit.alreadyDecided", "This proposal was already decided (" + this.status
					+ ") by " + this.decidedBy + " at " + this.decidedAt, this.decidedBy, this.decidedAt.toString());
		}
		this.status = outcome;
		this.decidedBy = decidedBy;
		this.decidedAt = decidedAt;
		this.decisionNote = note;
	}

	Long getId() {
		return this.id;
	}

	Kind getKind() {
		return this.kind;
	}

	Long getDebtorId() {
		return this.debtorId;
	}

	Long getClientId() {
		return this.clientId;
	}

	Money getLimitBefore() {
		return this.limitBefore;
	}

	Money getProposedLimit() {
		return this.proposedLimit;
	}

	LocalDate getReviewOn() {
		return this.reviewOn;
	}

	LocalDate getExpiresOn() {
		return this.expiresOn;
	}

	String getReason() {
		return this.reason;
	}

	String getProposedBy() {
		return this.proposedBy;
	}

	Instant getProposedAt() {
		return this.proposedAt;
	}

	Status getStatus() {
		return this.status;
	}

	String getDecidedBy() {
		return this.decidedBy;
	}

	Instant getDecidedAt() {
		return this.decidedAt;
	}

	String getDecisionNote() {
		return this.decisionNote;
	}

}
