/**
 * The audit trail: an append-only record of who changed what and when, written in the
 * transaction of the change, holding references rather than personal data.
 */
package com.factordesk.audit;
