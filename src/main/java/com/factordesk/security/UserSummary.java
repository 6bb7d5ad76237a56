package com.factordesk.security;

import java.time.Instant;
import java.util.Set;

/**
 * A user as the admin console lists it.
 */
public record UserSummary(long id, String username, String fullName, Set<Role> roles, boolean enabled,
		Instant createdAt, boolean passwordMustChange, Instant passwordChangedAt) {

}
