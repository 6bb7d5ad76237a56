package com.factordesk.security;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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

	private int failedLoginCount;

	private Instant lockedUntil;

	private Instant createdAt;

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
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("A user needs at least one role");
		}
		this.username = username;
		this.fullName = fullName;
		this.passwordHash = passwordHash;
		this.roles = EnumSet.copyOf(roles);
		this.createdAt = createdAt;
	}

	void changeRoles(Set<Role> roles) {
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("A user needs at least one role");
		}
		this.roles.clear();
		this.roles.addAll(roles);
	}

	void rename(String fullName) {
		this.fullName = fullName;
	}

	void disable() {
		this.enabled = false;
	}

	void enable() {
		this.enabled = true;
		this.failedLoginCount = 0;
		this.lockedUntil = null;
	}

	public boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
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

	public int getFailedLoginCount() {
		return this.failedLoginCount;
	}

	public Instant getLockedUntil() {
		return this.lockedUntil;
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
