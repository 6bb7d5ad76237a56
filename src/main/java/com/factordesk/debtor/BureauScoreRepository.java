package com.factordesk.debtor;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BureauScoreRepository extends JpaRepository<BureauScore, Long> {

	List<BureauScore> findByDebtorIdOrderByAsOfDesc(Long debtorId);

}
