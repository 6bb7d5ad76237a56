package com.factordesk.security;

import java.time.Clock;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users come from the database: a disabled user cannot log in, nor can a locked one until
 * its lock-out ends.
 */
@Service
class DatabaseUserDetailsService implements UserDetailsService {

	private final AppUserRepository users;

	private final Clock clock;

	DatabaseUserDetailsService(AppUserRepository users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new UsernameNotFoundException("No user " + username));
		return User.withUsername(user.getUsername())
			.password(user.getPasswordHash())
			.disabled(!user.isEnabled())
			.accountLocked(user.isLockedAt(this.clock.instant()))
			.authorities(user.getRoles().stream().map(Role::authority).toArray(String[]::new))
			.build();
	}

}
