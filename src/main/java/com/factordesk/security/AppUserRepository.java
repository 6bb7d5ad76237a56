package com.factordesk.security;

import java.util.List;
import java.util.Optional;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AppUserRepository extends JpaRepository<AppUser, Long> {

	Optional<AppUser> findByUsernameIgnoreCase(String username);

	boolean existsByUsernameIgnoreCase(String username);

	@Query("select distinct u from AppUser u left join fetch u.roles order by u.username")
	List<AppUser> findAllWithRoles();

	@Query("select count(u) > 0 from AppUser u join u.roles r where r = com.factordesk.security.Role.ADMIN and u.enabled = true")
	boolean anyEnabledAdmin();

	@Modifying
	@Query("update AppUser u set u.failedLoginCount = u.failedLoginCount + 1 where lower(u.username) = lower(:username)")
	int countFailedLogin(String username);

	@Modifying
	@Query("""
			update AppUser u set u.lockedUntil = :until, u.failedLoginCount = 0
			where lower(u.username) = lower(:username) and u.failedLoginCount >= :maxAttempts
			""")
	int lockIfTooManyFailures(String username, int maxAttempts, Instant until);

	@Modifying
	@Query("""
			update AppUser u set u.failedLoginCount = 0, u.lockedUntil = null
			where lower(u.username) = lower(:username) and (u.failedLoginCount > 0 or u.lockedUntil is not null)
			""")
	int resetFailedLogins(String username);

}
