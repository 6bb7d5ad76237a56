package com.factordesk.client;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ClientRepository extends JpaRepository<Client, Long> {

	@Query("select c from Client c left join fetch c.facility where c.ref = :ref")
	Optional<Client> findByRef(String ref);

	boolean existsByRegistrationNumber(String registrationNumber);

}
