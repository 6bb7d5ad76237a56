/**
 * Imports: the clients' ERP exports and the bureau feeds read from CSV files (DESIGN
 * section 7), all or nothing, through the API and the pages.
 */
package com.factordesk.ingest;
