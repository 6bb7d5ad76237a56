package com.factordesk.pricing;

import java.math.BigDecimal;

import com.factordesk.risk.Grade;

/**
 * The quote for one invoice with the debtor score it was priced from and the snapshot
 * that score came from.
 */
public record InvoiceQuote(BigDecimal score, Grade grade, long snapshotId, BigDecimal debtorAdbtDays, Quote quote) {

}
