package com.factordesk.approval;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface FundingRunRepository extends JpaRepository<FundingRun, Long> {

	@Query("select r from FundingRun r join fetch r.client where r.id = :id")
	Optional<FundingRun> findWithClientById(long id);

}
