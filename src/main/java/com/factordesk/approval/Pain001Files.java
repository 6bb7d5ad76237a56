package com.factordesk.approval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.factordesk.shared.Money;

import org.springframework.stereotype.Component;

/**
 * Writes a funding run's payout as a SEPA credit transfer initiation (ISO 20022
 * pain.001.001.09, UTF-8): one payment information block from the factor's account
 * ({@link PayoutProperties}) with one credit transfer of the run's total to the client's
 * account, requested for the run's date, identified end to end by the run's id, its
 * remittance information naming the run and its invoices (at most 140 characters, as SEPA
 * allows).
 */
@Component
class Pain001Files {

	static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

	/** The longest unstructured remittance information SEPA carries. */
	static final int REMITTANCE_LENGTH = 140;

	/** The longest name SEPA carries for a party. */
	static final int NAME_LENGTH = 70;

	private static final int ID_LENGTH = 35;

	private final PayoutProperties factor;

	private final Clock clock;

	Pain001Files(PayoutProperties factor, Clock clock) {
		this.factor = factor;
		this.clock = clock;
	}

	/**
	 * The payout file, a new message id each time it is written (a bank refuses a message
	 * id it has seen; the end-to-end id, the run's, tells it the transfer is the same).
	 */
	byte[] write(Payout payout) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
			xml.writeStartDocument("UTF-8", "1.0");
			xml.setDefaultNamespace(NAMESPACE);
			xml.writeStartElement(NAMESPACE, "Document");
			xml.writeDefaultNamespace(NAMESPACE);
			xml.writeStartElement(NAMESPACE, "CstmrCdtTrfInitn");
			groupHeader(xml, payout);
			paymentInformation(xml, payout);
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(
					"Cannot write the pain.001 file of run " + payout.kind().paymentInformationId(payout.runId()), ex);
		}
		return out.toByteArray();
	}

	private void groupHeader(XMLStreamWriter xml, Payout payout) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, "GrpHdr");
		text(xml, "MsgId", messageId(payout.kind().endToEndId(payout.runId())));
		text(xml, "CreDtTm",
				OffsetDateTime.now(this.clock)
					.truncatedTo(ChronoUnit.SECONDS)
					.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		text(xml, "NbOfTxs", "1");
		text(xml, "CtrlSum", amount(payout.total()));
		xml.writeStartElement(NAMESPACE, "InitgPty");
		text(xml, "Nm", name(this.factor.name()));
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private void paymentInformation(XMLStreamWriter xml, Payout payout) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, "PmtInf");
		text(xml, "PmtInfId", payout.kind().paymentInformationId(payout.runId()));
		text(xml, "PmtMtd", "TRF");
		text(xml, "NbOfTxs", "1");
		text(xml, "CtrlSum", amount(payout.total()));
		xml.writeStartElement(NAMESPACE, "PmtTpInf");
		xml.writeStartElement(NAMESPACE, "SvcLvl");
		text(xml, "Cd", "SEPA");
		xml.writeEndElement();
		xml.writeEndElement();
		xml.writeStartElement(NAMESPACE, "ReqdExctnDt");
		text(xml, "Dt", payout.runOn().toString());
		xml.writeEndElement();
		party(xml, "Dbtr", this.factor.name());
		account(xml, "DbtrAcct", this.factor.iban());
		agent(xml, "DbtrAgt", this.factor.bic());
		text(xml, "ChrgBr", "SLEV");
		creditTransfer(xml, payout);
		xml.writeEndElement();
	}

	private void creditTransfer(XMLStreamWriter xml, Payout payout) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, "CdtTrfTxInf");
		xml.writeStartElement(NAMESPACE, "PmtId");
		text(xml, "EndToEndId", payout.kind().endToEndId(payout.runId()));
		xml.writeEndElement();
		xml.writeStartElement(NAMESPACE, "Amt");
		xml.writeStartElement(NAMESPACE, "InstdAmt");
		xml.writeAttribute("Ccy", Money.CURRENCY);
		xml.writeCharacters(amount(payout.total()));
		xml.writeEndElement();
		xml.writeEndElement();
		if (payout.clientBic() != null) {
			agent(xml, "CdtrAgt", payout.clientBic());
		}
		party(xml, "Cdtr", payout.clientName());
		account(xml, "CdtrAcct", payout.clientIban());
		xml.writeStartElement(NAMESPACE, "RmtInf");
		text(xml, "Ustrd", (payout.kind() == Payout.Kind.REBATE) ? "FactorDesk rebate run " + payout.runId()
				: remittance(payout.runId(), payout.invoiceNumbers()));
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private static void party(XMLStreamWriter xml, String element, String name) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, element);
		text(xml, "Nm", name(name));
		xml.writeEndElement();
	}

	private static void account(XMLStreamWriter xml, String element, String iban) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, element);
		xml.writeStartElement(NAMESPACE, "Id");
		text(xml, "IBAN", iban);
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private static void agent(XMLStreamWriter xml, String element, String bic) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, element);
		xml.writeStartElement(NAMESPACE, "FinInstnId");
		text(xml, "BICFI", bic);
		xml.writeEndElement();
		xml.writeEndElement();
	}

	private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
		xml.writeStartElement(NAMESPACE, element);
		xml.writeCharacters(text);
		xml.writeEndElement();
	}

	/**
	 * A message id of its own each time (at most 35 characters): the run and a random
	 * part.
	 */
	private static String messageId(String runId) {
		String id = "FD-" + runId + "-" + UUID.randomUUID().toString().replace("-", "");
		return id.substring(0, Math.min(ID_LENGTH, id.length()));
	}

	private static String amount(Money money) {
		return money.amount().toPlainString();
	}

	private static String name(String name) {
		String trimmed = name.strip();
		return (trimmed.length() <= NAME_LENGTH) ? trimmed : trimmed.substring(0, NAME_LENGTH).strip();
	}

	/**
	 * "FactorDesk run 12 invoices INV-1, INV-2": as many invoice numbers as 140
	 * characters hold, in the order given, and "+3 more" for those that do not fit.
	 */
	static String remittance(long runId, List<String> invoiceNumbers) {
		String head = "FactorDesk run " + runId + " invoices ";
		StringBuilder text = new StringBuilder(head);
		for (int i = 0; i < invoiceNumbers.size(); i++) {
			String next = ((i == 0) ? "" : ", ") + invoiceNumbers.get(i);
			int left = invoiceNumbers.size() - i - 1;
			// room for this number, and for "+N more" when numbers are left after it
			String rest = (left == 0) ? "" : " +" + left + " more";
			if (text.length() + next.length() + rest.length() > REMITTANCE_LENGTH) {
				String more = ((i == 0) ? "" : " ") + "+" + (invoiceNumbers.size() - i) + " more";
				return (text + more).substring(0, Math.min(REMITTANCE_LENGTH, text.length() + more.length()));
			}
			text.append(next);
		}
		return text.toString();
	}

}
