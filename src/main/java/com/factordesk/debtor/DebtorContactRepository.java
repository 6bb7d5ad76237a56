package com.factordesk.debtor;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DebtorContactRepository extends JpaRepository<DebtorContact, Long> {

	List<DebtorContact> findByDebtorIdOrderByName(Long debtorId);

}
