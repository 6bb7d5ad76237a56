package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.factordesk.debtor.DebtorContactRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.Quote;
import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the decision panel of an invoice: a handful of queries whatever the size of the
 * book (the exposure rows are read, not recomputed).
 */
@Service
@Transactional(readOnly = true)
public class DecisionPanels {

	private static final Set<InvoiceStatus> RESERVING = Set.of(InvoiceStatus.APPROVED,
			InvoiceStatus.AWAITING_SECOND_APPROVAL);

	private final ExposureEngine engine;

	private final Decisions decisions;

	private final DebtorContactRepository contacts;

	private final CreditPolicy policy;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	DecisionPanels(ExposureEngine engine, Decisions decisions, DebtorContactRepository contacts, CreditPolicy policy,
			JsonMapper json, JdbcClient jdbc) {
		this.engine = engine;
		this.decisions = decisions;
		this.contacts = contacts;
		this.policy = policy;
		this.json = json;
		this.jdbc = jdbc;
	}

	/**
	 * The panel of an invoice, for the signed-in reader; {@code quote} is its fresh quote
	 * (or {@code null}).
	 */
	public DecisionPanel of(long invoiceId, InvoiceQuote quote) {
		Facts facts = this.jdbc.sql("""
				SELECT debtor_id, client_id, status, amount, approved_advance, approved_by FROM invoice WHERE id = :id
				""")
			.param("id", invoiceId)
			.query((rs, row) -> new Facts(rs.getLong("debtor_id"), rs.getLong("client_id"),
					InvoiceStatus.valueOf(rs.getString("status")), Money.of(rs.getBigDecimal("amount")),
					(rs.getBigDecimal("approved_advance") != null) ? Money.of(rs.getBigDecimal("approved_advance"))
							: null,
					rs.getString("approved_by")))
			.single();
		Exposures rows = this.engine.read(Set.of(facts.debtorId()), Set.of(facts.clientId()));
		List<DecisionRecord> history = this.decisions.of(invoiceId);
		Optional<DecisionRecord> approval = Decisions.frozenApproval(history);
		boolean queued = facts.status() == InvoiceStatus.SUBMITTED || facts.status() == InvoiceStatus.VERIFIED;
		Money proposed = null;
		if (queued && quote != null && !quote.quote().declined()) {
			proposed = quote.quote().advance();
		}
		else if (facts.approvedAdvance() != null
				&& (RESERVING.contains(facts.status()) || facts.status() == InvoiceStatus.HELD)) {
			proposed = facts.approvedAdvance();
		}
		List<LimitUse> limits = List.of();
		boolean fourEyes = false;
		if (proposed != null) {
			boolean reserving = RESERVING.contains(facts.status());
			List<LimitUse> uses = this.engine.uses(rows, facts.debtorId(), facts.clientId(),
					reserving ? Money.ZERO : proposed, reserving ? Money.ZERO : facts.amount());
			limits = reserving ? uses.stream()
				.map((use) -> new LimitUse(use.kind(), use.limit(),
						use.before().minus(use.kind() == LimitKind.INSURER_LIMIT ? facts.amount() : proposedOf(facts)),
						use.after()))
				.toList() : uses;
			Money threshold = Money
				.of(this.policy.current().fourEyesThreshold().setScale(2, java.math.RoundingMode.HALF_EVEN));
			Money debtorAfter = rows.debtor(facts.debtorId()).total().plus(reserving ? Money.ZERO : proposed);
			fourEyes = proposed.isGreaterThan(threshold) || debtorAfter.isGreaterThan(threshold);
		}
		return new DecisionPanel(proposed, limits, rows.facilityLimits(facts.clientId()).enforcement(),
				rows.facilityLimits(facts.clientId()).facilityLimit(), rows.facility(facts.clientId()),
				rows.debtor(facts.debtorId()), history, approval.map(this::frozen).orElse(null),
				this.contacts.findByDebtorIdAndErasedAtIsNullOrderByName(facts.debtorId()), actions(facts), fourEyes,
				facts.approvedBy());
	}

	private static Money proposedOf(Facts facts) {
		return facts.approvedAdvance();
	}

	private DecisionPanel.FrozenApproval frozen(DecisionRecord decision) {
		Quote quote = this.json.readValue(decision.quoteJson(), Quote.class);
		InvoiceQuote frozen = new InvoiceQuote(decision.score(), Grade.valueOf(decision.grade()),
				decision.scoreSnapshotId(), BigDecimal.valueOf(quote.daysBeyondTerms()), quote);
		return new DecisionPanel.FrozenApproval(decision, frozen);
	}

	private static Set<String> actions(Facts facts) {
		Authentication reader = SecurityContextHolder.getContext().getAuthentication();
		Set<String> roles = new HashSet<>();
		if (reader != null) {
			reader.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(roles::add);
		}
		boolean underwriter = roles.contains("ROLE_UNDERWRITER") || roles.contains("ROLE_MANAGER");
		boolean manager = roles.contains("ROLE_MANAGER");
		Set<String> actions = new HashSet<>();
		if (!underwriter) {
			return actions;
		}
		switch (facts.status()) {
			case SUBMITTED -> actions.addAll(List.of("approve", "reject", "verify"));
			case VERIFIED -> actions.addAll(List.of("approve", "reject"));
			case AWAITING_SECOND_APPROVAL -> {
				actions.addAll(List.of("change", "withdraw", "reject"));
				if (manager && (reader == null || !reader.getName().equals(facts.approvedBy()))) {
					actions.add("secondApproval");
				}
			}
			case HELD -> {
				actions.addAll(List.of("change", "withdraw", "reject"));
				if (manager) {
					actions.add("release");
				}
			}
			case APPROVED -> actions.addAll(List.of("change", "withdraw", "reject", "fund"));
			case REJECTED -> {
				if (manager) {
					actions.add("reopen");
				}
			}
			default -> {
			}
		}
		if (manager && actions.contains("approve")) {
			actions.add("override");
		}
		return actions;
	}

	private record Facts(long debtorId, long clientId, InvoiceStatus status, Money amount, Money approvedAdvance,
			String approvedBy) {

	}

}
