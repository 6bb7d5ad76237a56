/**
 * Invoices and their lifecycle: schedules, the underwriter queue, payments and their
 * allocations, disputes and credit notes.
 */
package com.factordesk.invoice;
