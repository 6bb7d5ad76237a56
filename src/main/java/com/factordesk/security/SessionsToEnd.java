package com.factordesk.security;

/**
 * A user's roles changed or the user was disabled: their open sessions end once the
 * change commits.
 *
 * @param username whose sessions end
 */
record SessionsToEnd(String username) {

}
