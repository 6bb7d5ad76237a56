package com.factordesk.security;

import java.util.EnumSet;
import java.util.List;

import com.factordesk.shared.AdvisoryLocks;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's users, password {@code demo} each, and its integration's API key
 * {@code fd-demo-integration-key}. They exist in no other profile.
 */
@Component
@Profile("demo")
@Order(-1)
class DemoUsers implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final List<CreateUser> USERS = List.of(
			new CreateUser("underwriter", "Ursula Underwriter", PASSWORD, EnumSet.of(Role.UNDERWRITER)),
			new CreateUser("manager", "Maarten Manager", PASSWORD, EnumSet.of(Role.MANAGER)),
			new CreateUser("admin", "Anne Admin", PASSWORD, EnumSet.of(Role.ADMIN)));

	/**
	 * The demo integration's API key, with read and import rights.
	 */
	static final String API_KEY = "fd-demo-integration-key";

	private static final String API_KEY_NAME = "demo-integration";

	private final UserAccounts accounts;

	private final ApiKeys apiKeys;

	private final AdvisoryLocks locks;

	DemoUsers(UserAccounts accounts, ApiKeys apiKeys, AdvisoryLocks locks) {
		this.accounts = accounts;
		this.apiKeys = apiKeys;
		this.locks = locks;
	}

	/**
	 * Creates what is missing, one starting instance at a time: a second instance that
	 * starts beside the first waits and finds them made.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.locks.runExclusively(AdvisoryLocks.Key.START_UP_USERS, this::createMissing);
	}

	private void createMissing() {
		for (CreateUser user : USERS) {
			if (!this.accounts.exists(user.username())) {
				this.accounts.register(user);
			}
		}
		if (!this.apiKeys.exists(API_KEY_NAME)) {
			this.apiKeys.register(API_KEY_NAME, API_KEY, true, true, "demo");
		}
	}

}
