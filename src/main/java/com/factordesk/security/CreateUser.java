package com.factordesk.security;

import java.util.Set;

/**
 * Create a user who logs in with this user name and password.
 */
public record CreateUser(String username, String fullName, String password, Set<Role> roles) {

}
