/**
 * Who may use FactorDesk and how: users in the database with hashed passwords and roles,
 * form login with throttling of failed attempts, and the rules of which role sees which
 * screen.
 */
package com.factordesk.security;
