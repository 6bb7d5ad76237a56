package com.factordesk.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The form that issues an API key to an integration.
 */
class ApiKeyForm {

	@NotBlank
	@Size(max = 100)
	private String name = "";

	private boolean canRead = true;

	private boolean canImport;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public boolean isCanRead() {
		return this.canRead;
	}

	public void setCanRead(boolean canRead) {
		this.canRead = canRead;
	}

	public boolean isCanImport() {
		return this.canImport;
	}

	public void setCanImport(boolean canImport) {
		this.canImport = canImport;
	}

}
