package com.factordesk.portfolio;

import java.math.BigDecimal;

import com.factordesk.shared.Money;

/**
 * A client's dilution over the trailing 12 months.
 *
 * @param creditNotes credit notes issued in the 12 months on its funded invoices
 * @param disputedWriteOffs the disputed part of its write-offs in the 12 months
 * @param grossInvoiced face of its invoices funded by the day, issued in the 12 months
 * @param rate (creditNotes + disputedWriteOffs) / grossInvoiced, or {@code null} without
 * gross invoiced
 */
public record ClientDilution(String clientRef, String clientName, Money grossInvoiced, Money creditNotes,
		Money disputedWriteOffs, BigDecimal rate) {

}
