package com.factordesk.security;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import com.factordesk.shared.BusinessRefusal;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A person who logs in to the desk, with a hashed password and one or more roles.
 */
@Entity
@Table(name = "app_user")
public class AppUser {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	private String fullName;

	private String passwordHash;

	private boolean enabled = true;

	private Instant createdAt;

	private boolean passwordMustChange;

	private Instant passwordChangedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
	@Column(name = "role")
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	@Version
	private long version;

	protected AppUser() {
	}

	AppUser(String username, String fullName, String passwordHash, Set<Role> roles, Instant createdAt) {
		checkRoles(roles);
		this.username = username;
		this.fullName = fullName;
		this.passwordHash = passwordHash;
		this.roles = EnumSet.copyOf(roles);
		this.createdAt = createdAt;
	}

	/**
	 * Gives this user other roles. Nobody changes their own roles: an administrator who
	 * could would grant themselves the desk roles, or leave the desk without an
	 * administrator.
	 * @param roles the new roles
	 * @param actingUsername who changes them
	 * @throws BusinessRefusal when the acting user is this user, or the roles break
	 * separation of duties
	 */
	void changeRoles(Set<Role> roles, String actingUsername) {
		if (roles.equals(this.roles)) {
			return;
		}
		if (this.username.equalsIgnoreCase(actingUsername)) {
			throw BusinessRefusal.onField("roles", "user.roles.self", "You cannot change your own roles");
		}
		checkRoles(roles);
		this.roles.clear();
		this.roles.addAll(roles);
	}

	/**
	 * Separation of duties (DESIGN.md section 4): an administrator configures the desk
	 * and has no desk role, so no account holds ADMIN together with UNDERWRITER or
	 * MANAGER.
	 */
	static void checkRoles(Set<Role> roles) {
		if (roles.isEmpty()) {
			throw BusinessRefusal.onField("roles", "user.roles.empty", "A user needs at least one role");
		}
		if (roles.contains(Role.ADMIN) && (roles.contains(Role.UNDERWRITER) || roles.contains(Role.MANAGER))) {
			throw BusinessRefusal.onField("roles", "user.roles.separation",
					"An administrator cannot also be an underwriter or a manager: use a separate account");
		}
	}

	void rename(String fullName) {
		this.fullName = fullName;
	}

	/**
	 * An administrator's reset: a password given to the user, who must replace it before
	 * anything else.
	 */
	void resetPassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.passwordMustChange = true;
	}

	/**
	 * The user's own new password.
	 */
	void changePassword(String passwordHash, Instant at) {
		this.passwordHash = passwordHash;
		this.passwordMustChange = false;
		this.passwordChangedAt = at;
	}

	boolean isPasswordMustChange() {
		return this.passwordMustChange;
	}

	Instant getPasswordChangedAt() {
		return this.passwordChangedAt;
	}

	void disable() {
		this.enabled = false;
	}

	void enable() {
		this.enabled = true;
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getFullName() {
		return this.fullName;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Set<Role> getRoles() {
		return Collections.unmodifiableSet(this.roles);
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

}
