package com.factordesk.debtor;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DebtorRepository extends JpaRepository<Debtor, Long> {

	Optional<Debtor> findByRef(String ref);

}
