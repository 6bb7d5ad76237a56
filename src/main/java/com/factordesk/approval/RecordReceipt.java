package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * A receipt entered by hand.
 *
 * @param debtorRef who paid, when known; else the IBAN may tell (an earlier receipt from
 * it), or cash application names the payer later
 */
public record RecordReceipt(LocalDate receivedOn, Money amount, String counterparty, String iban, String remittance,
		String debtorRef) {

}
