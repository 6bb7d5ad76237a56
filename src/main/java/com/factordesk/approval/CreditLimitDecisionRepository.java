package com.factordesk.approval;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CreditLimitDecisionRepository extends JpaRepository<CreditLimitDecision, Long> {

	Optional<CreditLimitDecision> findByKindAndDebtorIdAndStatus(CreditLimitDecision.Kind kind, Long debtorId,
			CreditLimitDecision.Status status);

	Optional<CreditLimitDecision> findByKindAndClientIdAndStatus(CreditLimitDecision.Kind kind, Long clientId,
			CreditLimitDecision.Status status);

}
