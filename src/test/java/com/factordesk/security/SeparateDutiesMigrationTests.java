package com.factordesk.security;

import java.sql.SQLException;

import com.factordesk.MigrationDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V014 on a database that already holds an account with ADMIN and a desk role (a hole
 * that the earlier releases left open): the account keeps ADMIN and loses the desk roles,
 * the change is in the audit trail, its sessions end, and the other accounts are
 * untouched. On a database of its own on the tests' PostgreSQL server, dropped
 * afterwards.
 */
class SeparateDutiesMigrationTests {

	private MigrationDatabase database;

	private JdbcTemplate jdbc;

	@BeforeEach
	void createDatabase() throws SQLException {
		this.database = MigrationDatabase.create("v014");
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		this.database.drop();
	}

	@Test
	void anAccountWithAdminAndADeskRoleKeepsOnlyAdmin() {
		this.database.migrateTo("13");
		this.jdbc.update("""
				INSERT INTO app_user (id, username, full_name, password_hash, created_at)
				VALUES (1, 'both', 'Both Hats', '{noop}x', now()), (2, 'desk', 'Desk Only', '{noop}x', now())
				""");
		this.jdbc.update("""
				INSERT INTO app_user_role (user_id, role)
				VALUES (1, 'ADMIN'), (1, 'MANAGER'), (1, 'UNDERWRITER'), (2, 'UNDERWRITER'), (2, 'MANAGER')
				""");
		this.jdbc.update("""
				INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,
				                            max_inactive_interval, expiry_time, principal_name)
				VALUES ('p1', 's1', 0, 0, 1800, 9999999999999, 'both'), ('p2', 's2', 0, 0, 1800, 9999999999999, 'desk')
				""");

		this.database.migrateTo("14");

		assertThat(this.jdbc.queryForList("SELECT role FROM app_user_role WHERE user_id = 1", String.class))
			.containsExactly("ADMIN");
		assertThat(this.jdbc.queryForList("SELECT role FROM app_user_role WHERE user_id = 2", String.class))
			.containsExactlyInAnyOrder("UNDERWRITER", "MANAGER");
		assertThat(this.jdbc.queryForMap(
				"SELECT actor, action, subject_ref, before_ref::text AS before, after_ref::text AS after FROM audit_entry"))
			.containsEntry("actor", "migration V014")
			.containsEntry("action", "user.roles-changed")
			.containsEntry("subject_ref", "1")
			.containsEntry("before", "{\"roles\": [\"UNDERWRITER\", \"MANAGER\", \"ADMIN\"]}")
			.containsEntry("after", "{\"roles\": [\"ADMIN\"]}");
		assertThat(this.jdbc.queryForList("SELECT principal_name FROM spring_session", String.class))
			.containsExactly("desk");
	}

}
