package com.factordesk.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users come from the database: a disabled user cannot log in (which the login tells only
 * to whoever gave the right password, see {@link LoginThrottle}).
 */
@Service
class DatabaseUserDetailsService implements UserDetailsService {

	private final AppUserRepository users;

	DatabaseUserDetailsService(AppUserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new UsernameNotFoundException("No user " + username));
		return User.withUsername(user.getUsername())
			.password(user.getPasswordHash())
			.disabled(!user.isEnabled())
			.authorities(user.isPasswordMustChange() ? new String[] { UserAccounts.PASSWORD_MUST_CHANGE }
					: user.getRoles().stream().map(Role::authority).toArray(String[]::new))
			.build();
	}

}
