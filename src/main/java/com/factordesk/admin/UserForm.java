package com.factordesk.admin;

import java.util.EnumSet;
import java.util.Set;

import com.factordesk.security.CreateUser;
import com.factordesk.security.Role;
import com.factordesk.shared.InputBounds.MaxBytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The form that creates a user.
 */
class UserForm {

	@Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "{user.username.pattern}")
	private String username = "";

	@NotBlank
	@Size(max = 120)
	private String fullName = "";

	@Size(min = 12, max = 200, message = "{user.password.size}")
	@MaxBytes(max = 72, message = "{user.password.tooLong}")
	private String password = "";

	@NotEmpty(message = "{user.roles.empty}")
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	CreateUser toCommand() {
		return new CreateUser(this.username.trim(), this.fullName.trim(), this.password, EnumSet.copyOf(this.roles));
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getFullName() {
		return this.fullName;
	}

	public void setFullName(String fullName) {
		this.fullName = fullName;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = (roles != null) ? roles : EnumSet.noneOf(Role.class);
	}

}
