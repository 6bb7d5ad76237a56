package com.factordesk.approval.bankfile;

import java.time.LocalDate;

import com.factordesk.shared.Money;

/**
 * A credit on the desk's account as a bank statement file reports it: a receipt to
 * record.
 *
 * @param receivedOn the booking date (the value date when the bank gives no booking date)
 * @param amount what was received, in euros
 * @param counterparty the name of who paid, as the bank has it, or {@code null}
 * @param iban the account it came from, in its electronic form, or {@code null}
 * @param remittance what the payer wrote (unstructured and structured references joined),
 * or {@code null}
 * @param reference the bank's reference of the line, or one made from its fingerprint
 * @param fingerprint what makes the same line read twice one receipt (SHA-256, hex)
 */
public record BankLine(LocalDate receivedOn, Money amount, String counterparty, String iban, String remittance,
		String reference, String fingerprint) {

}
