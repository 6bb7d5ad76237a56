package com.factordesk.admin;

import java.util.UUID;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The admin console's user management, through its forms.
 */
@IntegrationTest
@WithMockUser(username = "admin", roles = "ADMIN")
class UsersControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void listsTheUsersWithTheirRoles() throws Exception {
		this.mvc.perform(get("/admin/users"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("underwriter")))
			.andExpect(content().string(containsString("Underwriter")))
			.andExpect(content().string(containsString("Administrator")));
	}

	@Test
	void anAdminCreatesAUserWhoCanThenLogIn() throws Exception {
		String username = uniqueName();
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", username)
				.param("fullName", "New Underwriter")
				.param("password", "a-long-enough-password")
				.param("roles", "UNDERWRITER", "MANAGER"))
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("success", "user.created"));
		assertThat(this.jdbc.queryForList(
				"SELECT r.role FROM app_user u JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ?",
				String.class, username))
			.containsExactlyInAnyOrder("UNDERWRITER", "MANAGER");
		this.mvc.perform(formLogin("/login").user(username).password("a-long-enough-password"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void anInvalidFormIsShownAgainWithAnErrorPerFieldAndCreatesNothing() throws Exception {
		long before = users();
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", "No Spaces!")
				.param("fullName", "")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/new"))
			.andExpect(model().attributeHasFieldErrors("form", "username", "fullName", "password", "roles"))
			.andExpect(content().string(containsString("A password has at least 12 characters.")))
			.andExpect(content().string(containsString("Choose at least one role.")));
		assertThat(users()).isEqualTo(before);
	}

	@Test
	void aTakenUserNameIsAFieldError() throws Exception {
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", "manager")
				.param("fullName", "Second Manager")
				.param("password", "a-long-enough-password")
				.param("roles", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "username", "user.username.taken"))
			.andExpect(content().string(containsString("This user name is taken.")));
	}

	@Test
	void changesRolesAndRefusesToChangeTheActingAdminsOwnRoles() throws Exception {
		long managerId = idOf("manager");
		long adminId = idOf("admin");
		this.mvc
			.perform(post("/admin/users/{id}", adminId).with(csrf())
				.param("fullName", "Anne Admin")
				.param("roles", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.self"));
		this.mvc
			.perform(post("/admin/users/{id}", managerId).with(csrf())
				.param("fullName", "Maarten Manager")
				.param("roles", "MANAGER", "UNDERWRITER"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(rolesOf("manager")).containsExactlyInAnyOrder("MANAGER", "UNDERWRITER");
		this.mvc
			.perform(post("/admin/users/{id}", managerId).with(csrf())
				.param("fullName", "Maarten Manager")
				.param("roles", "MANAGER"))
			.andExpect(redirectedUrl("/admin/users"));
		assertThat(rolesOf("manager")).containsExactly("MANAGER");
	}

	@Test
	void anAdminCannotGrantThemselvesTheDeskRoles() throws Exception {
		long adminId = idOf("admin");
		long audited = auditEntriesOf(adminId);
		this.mvc
			.perform(post("/admin/users/{id}", adminId).with(csrf())
				.param("fullName", "Anne Admin")
				.param("roles", "ADMIN", "UNDERWRITER", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/edit"))
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.self"))
			.andExpect(
					content().string(containsString("You cannot change your own roles: ask another administrator.")));
		assertThat(rolesOf("admin")).containsExactly("ADMIN");
		assertThat(auditEntriesOf(adminId)).isEqualTo(audited);
		// a new name is still theirs to give
		this.mvc.perform(
				post("/admin/users/{id}", adminId).with(csrf()).param("fullName", "Anne Admin").param("roles", "ADMIN"))
			.andExpect(redirectedUrl("/admin/users"));
	}

	@Test
	void noAccountIsCreatedWithAdminAndADeskRole() throws Exception {
		long before = users();
		long audited = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class);
		String username = uniqueName();
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", username)
				.param("fullName", "Both Hats")
				.param("password", "a-long-enough-password")
				.param("roles", "ADMIN", "MANAGER"))
			.andExpect(status().isOk())
			.andExpect(view().name("admin/users/new"))
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.separation"))
			.andExpect(content().string(containsString(
					"An administrator cannot also be an underwriter or a manager: use a separate account for desk work.")));
		this.mvc
			.perform(post("/admin/users").with(csrf())
				.param("username", username)
				.param("fullName", "Both Hats")
				.param("password", "a-long-enough-password")
				.param("roles", "ADMIN", "UNDERWRITER")
				.param("lang", "nl"))
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.separation"))
			.andExpect(content().string(containsString("Een beheerder kan niet ook acceptant of manager zijn")));
		assertThat(users()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isEqualTo(audited);
	}

	@Test
	void noAccountIsGivenAdminNextToADeskRole() throws Exception {
		long managerId = idOf("manager");
		long audited = auditEntriesOf(managerId);
		this.mvc
			.perform(post("/admin/users/{id}", managerId).with(csrf())
				.param("fullName", "Maarten Manager")
				.param("roles", "MANAGER", "ADMIN"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "roles", "user.roles.separation"));
		assertThat(rolesOf("manager")).containsExactly("MANAGER");
		assertThat(auditEntriesOf(managerId)).isEqualTo(audited);
	}

	@Test
	void theDatabaseRefusesAdminNextToADeskRoleWhateverWritesIt() {
		long managerId = idOf("manager");
		assertThatThrownBy(
				() -> this.jdbc.update("INSERT INTO app_user_role (user_id, role) VALUES (?, 'ADMIN')", managerId))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ADMIN together with UNDERWRITER or MANAGER");
		assertThat(rolesOf("manager")).containsExactly("MANAGER");
	}

	@Test
	void theDemoUsersKeepTheirDutiesApart() {
		assertThat(this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM app_user_role a JOIN app_user_role d ON d.user_id = a.user_id
				WHERE a.role = 'ADMIN' AND d.role IN ('UNDERWRITER', 'MANAGER')
				""", Long.class)).isZero();
	}

	@Test
	void disablesAndEnablesAUserButNotThemselves() throws Exception {
		String username = uniqueName();
		this.mvc.perform(post("/admin/users").with(csrf())
			.param("username", username)
			.param("fullName", "Temp")
			.param("password", "a-long-enough-password")
			.param("roles", "MANAGER"));
		long id = idOf(username);
		this.mvc.perform(post("/admin/users/{id}/disable", id).param("confirmed", "true").with(csrf()))
			.andExpect(flash().attribute("success", "user.disabled"));
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM app_user WHERE id = ?", Boolean.class, id)).isFalse();
		this.mvc.perform(post("/admin/users/{id}/enable", id).with(csrf()));
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM app_user WHERE id = ?", Boolean.class, id)).isTrue();
		this.mvc.perform(post("/admin/users/{id}/disable", idOf("admin")).param("confirmed", "true").with(csrf()))
			.andExpect(flash().attribute("failure", "user.disable.self"));
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM app_user WHERE username = 'admin'", Boolean.class))
			.isTrue();
	}

	@Test
	void disablingAsksFirstWithWhoAndTheirRolesAndChangesNothingYet() throws Exception {
		String username = uniqueName();
		this.mvc.perform(post("/admin/users").with(csrf())
			.param("username", username)
			.param("fullName", "Ria Jansen")
			.param("password", "a-long-enough-password")
			.param("roles", "MANAGER"));
		long id = idOf(username);

		this.mvc.perform(post("/admin/users/{id}/disable", id).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disable " + username + "?")))
			.andExpect(content().string(containsString("Ria Jansen can no longer sign in")))
			.andExpect(content()
				.string(containsString("<span class=\"badge text-bg-light border me-1 confirm-role\">Manager</span>")));
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM app_user WHERE id = ?", Boolean.class, id))
			.as("still enabled until confirmed")
			.isTrue();
	}

	private static String uniqueName() {
		return "u" + UUID.randomUUID().toString().substring(0, 8);
	}

	private long users() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class);
	}

	private long auditEntriesOf(long userId) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_entry WHERE subject_type = 'user' AND subject_ref = ?", Long.class,
				String.valueOf(userId));
	}

	private long idOf(String username) {
		return this.jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, username);
	}

	private java.util.List<String> rolesOf(String username) {
		return this.jdbc.queryForList(
				"SELECT r.role FROM app_user u JOIN app_user_role r ON r.user_id = u.id WHERE u.username = ?",
				String.class, username);
	}

}
