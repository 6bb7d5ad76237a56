package com.factordesk.web;

import com.factordesk.shared.InputBounds.MaxBytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A user's new password, given with their current one and typed twice.
 */
public class PasswordForm {

	@NotBlank(message = "{user.password.current}")
	@Size(max = 200)
	private String currentPassword = "";

	@Size(min = 12, max = 200, message = "{user.password.size}")
	@MaxBytes(max = 72, message = "{user.password.tooLong}")
	private String newPassword = "";

	private String repeatPassword = "";

	public String getCurrentPassword() {
		return this.currentPassword;
	}

	public void setCurrentPassword(String currentPassword) {
		this.currentPassword = currentPassword;
	}

	public String getNewPassword() {
		return this.newPassword;
	}

	public void setNewPassword(String newPassword) {
		this.newPassword = newPassword;
	}

	public String getRepeatPassword() {
		return this.repeatPassword;
	}

	public void setRepeatPassword(String repeatPassword) {
		this.repeatPassword = repeatPassword;
	}

}
