/**
 * The admin console: users and their roles (pricing bands, scoring weights and limits
 * follow).
 */
package com.factordesk.admin;
