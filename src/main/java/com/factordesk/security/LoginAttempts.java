package com.factordesk.security;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Throttles password guessing: after too many failed logins in a row an account is locked
 * for a while. Counted in the database with atomic updates, so that several application
 * instances count together.
 */
@Component
class LoginAttempts {

	private static final Logger logger = LoggerFactory.getLogger(LoginAttempts.class);

	private final AppUserRepository users;

	private final SecurityProperties properties;

	private final Clock clock;

	LoginAttempts(AppUserRepository users, SecurityProperties properties, Clock clock) {
		this.users = users;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	public void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		if (this.users.countFailedLogin(username) == 0) {
			return;
		}
		int locked = this.users.lockIfTooManyFailures(username, this.properties.maxFailedLogins(),
				this.clock.instant().plus(this.properties.lockout()));
		if (locked > 0) {
			logger.warn("User {} locked for {} after {} failed logins", username, this.properties.lockout(),
					this.properties.maxFailedLogins());
		}
	}

	@EventListener
	@Transactional
	public void succeeded(AuthenticationSuccessEvent event) {
		this.users.resetFailedLogins(event.getAuthentication().getName());
	}

}
