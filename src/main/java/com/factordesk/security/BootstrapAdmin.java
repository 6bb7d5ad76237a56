package com.factordesk.security;

import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.factordesk.shared.AdvisoryLocks;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first administrator at start-up from
 * {@code factordesk.security.bootstrap-admin.*} (for example the environment variable
 * {@code FACTORDESK_BOOTSTRAP_ADMIN_PASSWORD}) when no enabled administrator exists. Once
 * one exists the setting is ignored, so it can stay in place.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final UserAccounts accounts;

	private final SecurityProperties properties;

	private final AdvisoryLocks locks;

	BootstrapAdmin(UserAccounts accounts, SecurityProperties properties, AdvisoryLocks locks) {
		this.accounts = accounts;
		this.properties = properties;
		this.locks = locks;
	}

	/**
	 * One starting instance at a time: a second that starts beside the first waits and
	 * finds the administrator made.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.locks.runExclusively(AdvisoryLocks.Key.START_UP_USERS, this::createIfNone);
	}

	private void createIfNone() {
		SecurityProperties.BootstrapAdmin admin = this.properties.bootstrapAdmin();
		if (this.accounts.anyEnabledAdmin()) {
			return;
		}
		if (!StringUtils.hasText(admin.password())) {
			logger.warn("No administrator exists: set FACTORDESK_BOOTSTRAP_ADMIN_PASSWORD "
					+ "(and optionally FACTORDESK_BOOTSTRAP_ADMIN_USERNAME) and restart to create one");
			return;
		}
		if (this.accounts.exists(admin.username())) {
			logger.warn("Cannot create the first administrator: user {} exists but is not an enabled ADMIN",
					admin.username());
			return;
		}
		this.accounts
			.register(new CreateUser(admin.username(), "Administrator", admin.password(), EnumSet.of(Role.ADMIN)));
		logger.info("Created the first administrator, {}", admin.username());
	}

}
