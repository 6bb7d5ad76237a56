package com.factordesk.security;

/**
 * What a user may do on the desk. A user may hold several roles.
 */
public enum Role {

	/** Works the queue: decides on invoice advances, views debtors and clients. */
	UNDERWRITER,

	/**
	 * Reviews the portfolio; read-only on decisions, approves above the four-eyes
	 * threshold.
	 */
	MANAGER,

	/** Configures pricing, weights, limits and users; cannot approve advances. */
	ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
