package com.factordesk.security;

import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's authentication: the {@link LoginThrottle} first, then the password,
 * and only then the account's state. Someone without the password learns nothing about
 * the account: a wrong password, an unknown user name and a throttled address fail alike;
 * only the right password of a disabled account hears that it is disabled.
 */
class ThrottledLogin implements AuthenticationProvider {

	private final ObjectProvider<LoginThrottle> throttle;

	private final DaoAuthenticationProvider passwords;

	/**
	 * The throttle and the users are looked up at the first login, so that a web slice
	 * test without a database can build the filter chain.
	 */
	ThrottledLogin(ObjectProvider<LoginThrottle> throttle, ObjectProvider<UserDetailsService> users,
			PasswordEncoder passwordEncoder) {
		this.throttle = throttle;
		this.passwords = new DaoAuthenticationProvider((username) -> users.getObject().loadUserByUsername(username));
		this.passwords.setPasswordEncoder(passwordEncoder);
		// nothing about the account before its password is checked
		this.passwords.setPreAuthenticationChecks((user) -> {
		});
		this.passwords.setPostAuthenticationChecks((user) -> {
			if (!user.isEnabled() || !user.isAccountNonLocked() || !user.isAccountNonExpired()
					|| !user.isCredentialsNonExpired()) {
				throw new DisabledException("User account is disabled");
			}
		});
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = clientAddress(authentication);
		Optional<Instant> blockedUntil = this.throttle.getObject().attempt(username, address);
		if (blockedUntil.isPresent()) {
			throw new LoginThrottledException(blockedUntil.get());
		}
		if (!plainName(username)) {
			// no account has such a name; and the database would compare it with other
			// rules of case than the throttle's key (a dotless i finding "admin")
			throw new BadCredentialsException("Bad credentials");
		}
		Authentication result = this.passwords.authenticate(authentication);
		this.throttle.getObject().succeeded(username, address);
		return result;
	}

	/**
	 * A user name of printable ASCII characters, as every account has.
	 */
	static boolean plainName(String username) {
		return username != null && !username.isEmpty() && username.length() <= 100
				&& username.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/**
	 * The client's address as the server sees it: {@code request.getRemoteAddr()}, which
	 * is the forwarded address only when the request came through a trusted proxy (see
	 * {@code server.tomcat.remoteip.internal-proxies}).
	 */
	private static String clientAddress(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
			return details.getRemoteAddress();
		}
		return null;
	}

	/**
	 * Too many attempts from this address for this user name; the password was not
	 * checked.
	 */
	static class LoginThrottledException extends AuthenticationException {

		LoginThrottledException(Instant blockedUntil) {
			super("Too many login attempts from this address; next try after " + blockedUntil);
		}

	}

}
