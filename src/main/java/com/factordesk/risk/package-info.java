/**
 * Debtor risk scoring: a pure, explainable score 0-100 from payment behaviour across all
 * clients, bureau scores and disputes, with a grade and reasons in words a person reads.
 */
package com.factordesk.risk;
