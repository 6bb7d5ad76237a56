package com.factordesk.security;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

	Optional<AppUser> findByUsernameIgnoreCase(String username);

	boolean existsByUsernameIgnoreCase(String username);

	@Query("select distinct u from AppUser u left join fetch u.roles order by u.username")
	List<AppUser> findAllWithRoles();

	@Query("select count(u) > 0 from AppUser u join u.roles r where r = com.factordesk.security.Role.ADMIN and u.enabled = true")
	boolean anyEnabledAdmin();

}
