package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.IntegrationTest;
import com.factordesk.approval.CreditLimitDecision.Kind;
import com.factordesk.approval.CreditLimitDecision.Status;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.Violation;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limits as credit decisions: within the underwriter's authority (100,000.00 by default)
 * a proposal applies at once, above it it waits for a manager, who applies or refuses it;
 * an underwriter cannot decide one and an admin cannot even propose one; bad input is
 * refused with the field named; every proposal is kept with an audit entry. Each test
 * works on a debtor and a client of its own and is rolled back.
 */
@IntegrationTest
@Transactional
class CreditLimitsIntegrationTests {

	@Autowired
	private CreditLimits limits;

	@Autowired
	private LimitViews views;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	private Debtor debtor;

	private Client client;

	@BeforeEach
	void aDebtorAndAClientOfTheirOwn() {
		this.debtor = Debtors.aDebtor().creditLimit("50000.00").build();
		this.client = Clients.aClient().build();
		this.entities.persist(this.debtor);
		this.entities.persist(this.client);
		this.entities.flush();
	}

	@Test
	@WithMockUser(username = "ursula", roles = "UNDERWRITER")
	void aLimitWithinTheUnderwritersAuthorityAppliesAtOnce() {
		// 100,000.00 is the authority itself: at it, not above
		Status status = this.limits
			.propose(creditLimit("100000.00", LocalDate.of(2027, 5, 1), "Two years paid on time"));

		assertThat(status).isEqualTo(Status.APPLIED);
		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("100000.00"));
		assertThat(this.debtor.getCreditLimitReviewOn()).isEqualTo(LocalDate.of(2027, 5, 1));
		LimitViews.Decision decision = onlyDecision();
		assertThat(decision.status()).isEqualTo(Status.APPLIED);
		assertThat(decision.limitBefore()).isEqualTo(Money.of("50000.00"));
		assertThat(decision.proposedBy()).isEqualTo("ursula");
		assertThat(decision.decidedBy()).isEqualTo("ursula");
		assertThat(auditActions()).containsExactly("credit-limit.proposed", "credit-limit.applied");
	}

	@Test
	@WithMockUser(username = "ursula", roles = "UNDERWRITER")
	void aLimitAboveTheAuthorityWaitsForAManager() {
		Status status = this.limits.propose(creditLimit("100000.01", LocalDate.of(2027, 5, 1), "New contract"));

		assertThat(status).isEqualTo(Status.PROPOSED);
		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("50000.00"));
		LimitViews.DebtorLimits shown = this.views.forDebtor(this.debtor.getRef()).orElseThrow();
		assertThat(shown.pending()).singleElement().satisfies((pending) -> {
			assertThat(pending.proposedLimit()).isEqualTo(Money.of("100000.01"));
			assertThat(pending.reason()).isEqualTo("New contract");
		});
		assertThat(shown.history()).isEmpty();
		assertThat(this.views.overview().pending()).extracting(LimitViews.Decision::subjectRef)
			.contains(this.debtor.getRef());

		// a second proposal of the same limit waits for the first to be decided
		assertThatThrownBy(
				() -> this.limits.propose(creditLimit("60000.00", LocalDate.of(2027, 5, 1), "Second thoughts")))
			.isInstanceOf(BusinessRefusal.class)
			.extracting((ex) -> ((BusinessRefusal) ex).getCode())
			.isEqualTo("limit.alreadyPending");
	}

	@Test
	void aManagerAppliesAWaitingProposalAndAnUnderwriterCannot() {
		as("ursula", "UNDERWRITER");
		this.limits.propose(creditLimit("250000.00", LocalDate.of(2027, 5, 1), "Group guarantee"));
		long id = onlyDecision().id();

		assertThatThrownBy(() -> this.limits.apply(id, null)).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> this.limits.refuse(id, "no")).isInstanceOf(AccessDeniedException.class);

		as("max", "MANAGER");
		this.limits.apply(id, "Guarantee seen");
		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("250000.00"));
		LimitViews.Decision decision = onlyDecision();
		assertThat(decision.status()).isEqualTo(Status.APPLIED);
		assertThat(decision.proposedBy()).isEqualTo("ursula");
		assertThat(decision.decidedBy()).isEqualTo("max");
		assertThat(decision.note()).isEqualTo("Guarantee seen");

		// decided once: a second decision is refused with who decided it
		assertThatThrownBy(() -> this.limits.refuse(id, "too late")).isInstanceOf(BusinessRefusal.class)
			.satisfies((ex) -> {
				Violation violation = ((BusinessRefusal) ex).getViolations().get(0);
				assertThat(violation.code()).isEqualTo("limit.alreadyDecided");
				assertThat(violation.arguments().get(0)).isEqualTo("max");
			});
	}

	@Test
	void aManagerRefusesWithAReasonAndTheLimitStays() {
		as("ursula", "UNDERWRITER");
		this.limits.propose(creditLimit("300000.00", LocalDate.of(2027, 5, 1), "Bigger orders"));
		long id = onlyDecision().id();

		as("max", "MANAGER");
		assertThatThrownBy(() -> this.limits.refuse(id, "  ")).isInstanceOf(BusinessRefusal.class)
			.extracting((ex) -> ((BusinessRefusal) ex).getCode())
			.isEqualTo("limit.note.missing");
		this.limits.refuse(id, "Pays 40 days late");

		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("50000.00"));
		assertThat(onlyDecision().status()).isEqualTo(Status.REFUSED);
		assertThat(auditActions()).containsExactly("credit-limit.proposed", "credit-limit.refused");
	}

	@Test
	@WithMockUser(username = "max", roles = "MANAGER")
	void aManagersOwnProposalAppliesAtOnce() {
		Status status = this.limits.propose(new ProposeLimit(Kind.FACILITY_LIMIT, this.client.getRef(),
				Money.of("2500000.00"), null, "Seasonal peak"));

		assertThat(status).isEqualTo(Status.APPLIED);
		this.entities.refresh(this.client.getFacility());
		assertThat(this.client.getFacility().getFacilityLimit()).isEqualTo(Money.of("2500000.00"));
		LimitViews.FacilityLimits facility = this.views.forClient(this.client.getRef()).orElseThrow();
		assertThat(facility.limit()).isEqualTo(Money.of("2500000.00"));
		// the builder's facility was 1,000,000.00
		assertThat(facility.history()).singleElement()
			.satisfies((decision) -> assertThat(decision.limitBefore()).isEqualTo(Money.of("1000000.00")));
	}

	@Test
	@WithMockUser(username = "ursula", roles = "UNDERWRITER")
	void anInsurerLimitIsRecordedWithTheCoversEnd() {
		this.limits.propose(new ProposeLimit(Kind.INSURER_LIMIT, this.debtor.getRef(), Money.of("40000.00"),
				LocalDate.of(2027, 6, 30), "Atradius cover note 123"));

		this.entities.refresh(this.debtor);
		assertThat(this.debtor.getInsurerLimit()).isEqualTo(Money.of("40000.00"));
		assertThat(this.debtor.getInsurerLimitExpiresOn()).isEqualTo(LocalDate.of(2027, 6, 30));
		assertThat(this.debtor.getCreditLimit()).isEqualTo(Money.of("50000.00"));
	}

	@Test
	@WithMockUser(username = "root", roles = "ADMIN")
	void anAdminNeverDecidesALimit() {
		assertThatThrownBy(() -> this.limits.propose(creditLimit("1000.00", LocalDate.of(2027, 5, 1), "admin")))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> this.limits.apply(1L, null)).isInstanceOf(AccessDeniedException.class);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM credit_limit_decision WHERE debtor_id = ?",
				Long.class, this.debtor.getId()))
			.isZero();
	}

	@Test
	@WithMockUser(username = "ursula", roles = "UNDERWRITER")
	void badInputIsRefusedFieldByField() {
		// today is 2026-11-25
		assertThatThrownBy(() -> this.limits.propose(creditLimit("-1.00", LocalDate.of(2026, 11, 24), " ")))
			.isInstanceOf(BusinessRefusal.class)
			.satisfies((ex) -> assertThat(((BusinessRefusal) ex).getViolations())
				.extracting(Violation::field, Violation::code)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("limit", "limit.limit.negative"),
						org.assertj.core.groups.Tuple.tuple("date", "limit.reviewOn.past"),
						org.assertj.core.groups.Tuple.tuple("reason", "limit.reason.missing")));
		assertThatThrownBy(() -> this.limits
			.propose(new ProposeLimit(Kind.FACILITY_LIMIT, this.client.getRef(), Money.ZERO, null, "zero")))
			.isInstanceOf(BusinessRefusal.class)
			.extracting((ex) -> ((BusinessRefusal) ex).getCode())
			.isEqualTo("limit.limit.notPositive");
		// a review date of today is not in the past
		assertThat(this.limits.propose(creditLimit("1000.00", LocalDate.of(2026, 11, 25), "Review today")))
			.isEqualTo(Status.APPLIED);
	}

	@Test
	void everyChangeIsKeptNewestFirst() {
		as("ursula", "UNDERWRITER");
		this.limits.propose(creditLimit("60000.00", LocalDate.of(2027, 1, 31), "First"));
		this.limits.propose(creditLimit("150000.00", LocalDate.of(2027, 3, 31), "Second"));
		as("max", "MANAGER");
		this.limits.refuse(pendingId(), "Not yet");
		as("ursula", "UNDERWRITER");
		this.limits.propose(creditLimit("70000.00", LocalDate.of(2027, 2, 28), "Third"));

		List<LimitViews.Decision> history = this.views.forDebtor(this.debtor.getRef()).orElseThrow().history();
		assertThat(history).extracting(LimitViews.Decision::reason).containsExactly("Third", "Second", "First");
		assertThat(history).extracting(LimitViews.Decision::status)
			.containsExactly(Status.APPLIED, Status.REFUSED, Status.APPLIED);
		// the limit before each applied one: 50,000.00, then 60,000.00 (the refused one
		// changed nothing)
		assertThat(history.get(0).limitBefore()).isEqualTo(Money.of("60000.00"));
		assertThat(history.get(2).limitBefore()).isEqualTo(Money.of("50000.00"));
		// kept: a decided row is never changed or removed
		assertThatThrownBy(
				() -> this.jdbc.update("DELETE FROM credit_limit_decision WHERE debtor_id = ?", this.debtor.getId()))
			.hasMessageContaining("credit_limit_decision keeps every decision");
	}

	@Test
	@WithMockUser(username = "ursula", roles = "UNDERWRITER")
	void theReviewListHoldsLimitsDueWithinThirtyDays() {
		// 2026-11-25 + 30 = 2026-12-25: due; 2026-12-26: not yet
		this.limits.propose(creditLimit("1000.00", LocalDate.of(2026, 12, 25), "Short review"));
		Debtor later = Debtors.aDebtor().build();
		this.entities.persist(later);
		this.entities.flush();
		this.limits.propose(new ProposeLimit(Kind.CREDIT_LIMIT, later.getRef(), Money.of("1000.00"),
				LocalDate.of(2026, 12, 26), "Later review"));

		List<String> due = this.views.overview().dueForReview().stream().map(LimitViews.Review::debtorRef).toList();
		assertThat(due).contains(this.debtor.getRef()).doesNotContain(later.getRef());
	}

	private ProposeLimit creditLimit(String limit, LocalDate reviewOn, String reason) {
		return new ProposeLimit(Kind.CREDIT_LIMIT, this.debtor.getRef(), Money.of(limit), reviewOn, reason);
	}

	private LimitViews.Decision onlyDecision() {
		List<LimitViews.Decision> decisions = this.views.forDebtor(this.debtor.getRef()).orElseThrow().decisions();
		assertThat(decisions).hasSize(1);
		return decisions.get(0);
	}

	private long pendingId() {
		return this.views.forDebtor(this.debtor.getRef()).orElseThrow().pending().get(0).id();
	}

	private List<String> auditActions() {
		return this.jdbc.queryForList(
				"SELECT action FROM audit_entry WHERE subject_type = 'debtor' AND subject_ref = ? ORDER BY id",
				String.class, this.debtor.getRef());
	}

	private static void as(String username, String role) {
		TestSecurityContextHolder.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, "n/a",
				AuthorityUtils.createAuthorityList("ROLE_" + role)));
	}

}
