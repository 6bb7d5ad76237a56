/**
 * Pricing: versioned bands that turn a debtor's score into an advance rate and a fee
 * rate, fee structures, and the quote for an invoice with each adjustment on its own
 * line.
 */
package com.factordesk.pricing;
