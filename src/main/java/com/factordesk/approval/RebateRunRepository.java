package com.factordesk.approval;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RebateRunRepository extends JpaRepository<RebateRun, Long> {

	@Query("select r from RebateRun r join fetch r.client where r.id = :id")
	Optional<RebateRun> findWithClientById(long id);

}
