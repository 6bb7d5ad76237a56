package com.factordesk.admin;

import java.util.EnumSet;
import java.util.Set;

import com.factordesk.security.Role;
import com.factordesk.security.UserSummary;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The form that changes a user's name and roles.
 */
class RolesForm {

	@NotBlank
	@Size(max = 120)
	private String fullName = "";

	@NotEmpty(message = "{user.roles.empty}")
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	static RolesForm of(UserSummary user) {
		RolesForm form = new RolesForm();
		form.fullName = user.fullName();
		form.roles = EnumSet.copyOf(user.roles());
		return form;
	}

	public String getFullName() {
		return this.fullName;
	}

	public void setFullName(String fullName) {
		this.fullName = fullName;
	}

	public Set<Role> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<Role> roles) {
		this.roles = (roles != null) ? roles : EnumSet.noneOf(Role.class);
	}

}
