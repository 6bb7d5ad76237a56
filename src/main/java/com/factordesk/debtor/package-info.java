/**
 * Debtors: the legal entities that owe our clients' invoices, one debtor shared by all
 * the clients it buys from, with their credit limits and bureau scores.
 */
package com.factordesk.debtor;
