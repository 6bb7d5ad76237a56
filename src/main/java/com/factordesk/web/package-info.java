/**
 * The desk's shell: login, each role's home, the layout's helpers, language switching and
 * error pages.
 */
package com.factordesk.web;
