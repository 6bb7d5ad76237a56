package com.factordesk.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling and the first administrator.
 *
 * @param maxFailedLogins failed logins in a row after which an account is locked
 * @param lockout how long a locked account stays locked
 * @param bootstrapAdmin the administrator created at start-up when no enabled
 * administrator exists
 */
@ConfigurationProperties("factordesk.security")
@Validated
public record SecurityProperties(@DefaultValue("5") @Min(1) int maxFailedLogins, @DefaultValue("15m") Duration lockout,
		@DefaultValue BootstrapAdmin bootstrapAdmin) {

	/**
	 * @param username the first administrator's user name
	 * @param password its initial password; nothing is created while it is empty
	 */
	public record BootstrapAdmin(@DefaultValue("admin") String username, String password) {

	}

}
