package com.factordesk.invoice;

/**
 * Why a debtor contests an invoice.
 */
public enum DisputeReason {

	PRICE, QUANTITY, QUALITY, NOT_DELIVERED, DUPLICATE, OTHER

}
