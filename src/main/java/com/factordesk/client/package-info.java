/**
 * Clients: the sellers who factor their invoices with us, and their facility agreements.
 */
package com.factordesk.client;
