package com.factordesk.security;

import java.util.EnumSet;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's users, password {@code demo} each. They exist in no other profile.
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

	private final UserAccounts accounts;

	DemoUsers(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CreateUser user : USERS) {
			if (!this.accounts.exists(user.username())) {
				this.accounts.register(user);
			}
		}
	}

}
