/**
 * The underwriter workbench: the queue, the invoice (decision) page and the debtor page.
 */
package com.factordesk.approval;
