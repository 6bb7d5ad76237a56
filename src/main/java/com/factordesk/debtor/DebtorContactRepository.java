package com.factordesk.debtor;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DebtorContactRepository extends JpaRepository<DebtorContact, Long> {

	/**
	 * The debtor's contacts that can still be reached: erased ones left out.
	 */
	List<DebtorContact> findByDebtorIdAndErasedAtIsNullOrderByName(Long debtorId);

}
