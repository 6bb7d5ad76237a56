/**
 * Portfolio analytics for managers: open receivables, aging and concentration, computed
 * in SQL as of a date.
 */
package com.factordesk.portfolio;
