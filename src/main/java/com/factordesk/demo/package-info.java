/**
 * The deterministic demo portfolio generator: a living factoring book bulk-loaded with
 * PostgreSQL COPY from one seed.
 */
package com.factordesk.demo;
