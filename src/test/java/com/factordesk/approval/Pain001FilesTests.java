package com.factordesk.approval;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payout file of a funding run, read back with the JDK's XML parser and XPath: a SEPA
 * credit transfer initiation (pain.001.001.09) from the factor's account to the client's,
 * of the run's total, on the run's date, identified by the run.
 */
class Pain001FilesTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:15.123Z"),
			ZoneId.of("Europe/Amsterdam"));

	private final Pain001Files files = new Pain001Files(
			new PayoutProperties("FactorDesk B.V.", "NL33RABO0312457898", "RABONL2U"), CLOCK);

	@Test
	void oneCreditTransferOfTheRunsTotalToTheClientsAccount() throws Exception {
		Payout payout = new Payout(4711, LocalDate.of(2026, 11, 25), Money.of("12345.67"),
				List.of("INV-001", "INV-002"), "Transport Müller & Zonen B.V.", "NL91ABNA0417164300", "ABNANL2A");

		byte[] file = this.files.write(payout);
		String text = new String(file, StandardCharsets.UTF_8);
		Document xml = parse(file);

		assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
		assertThat(xml.getDocumentElement().getNamespaceURI())
			.isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
		assertThat(value(xml, "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs")).isEqualTo("1");
		assertThat(value(xml, "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum")).isEqualTo("12345.67");
		// 09:30:15 UTC is 10:30:15 in Amsterdam in November (UTC+1), to the second
		assertThat(value(xml, "//p:GrpHdr/p:CreDtTm")).isEqualTo("2026-11-25T10:30:15+01:00");
		assertThat(value(xml, "//p:GrpHdr/p:MsgId")).startsWith("FD-4711-").hasSizeLessThanOrEqualTo(35);
		assertThat(value(xml, "//p:GrpHdr/p:InitgPty/p:Nm")).isEqualTo("FactorDesk B.V.");
		assertThat(count(xml, "//p:PmtInf")).isEqualTo(1);
		assertThat(value(xml, "//p:PmtInf/p:PmtMtd")).isEqualTo("TRF");
		assertThat(value(xml, "//p:PmtInf/p:NbOfTxs")).isEqualTo("1");
		assertThat(value(xml, "//p:PmtInf/p:CtrlSum")).isEqualTo("12345.67");
		assertThat(value(xml, "//p:PmtInf/p:PmtTpInf/p:SvcLvl/p:Cd")).isEqualTo("SEPA");
		assertThat(value(xml, "//p:PmtInf/p:ReqdExctnDt/p:Dt")).isEqualTo("2026-11-25");
		assertThat(value(xml, "//p:PmtInf/p:Dbtr/p:Nm")).isEqualTo("FactorDesk B.V.");
		assertThat(value(xml, "//p:PmtInf/p:DbtrAcct/p:Id/p:IBAN")).isEqualTo("NL33RABO0312457898");
		assertThat(value(xml, "//p:PmtInf/p:DbtrAgt/p:FinInstnId/p:BICFI")).isEqualTo("RABONL2U");
		assertThat(value(xml, "//p:PmtInf/p:ChrgBr")).isEqualTo("SLEV");
		assertThat(count(xml, "//p:CdtTrfTxInf")).isEqualTo(1);
		assertThat(value(xml, "//p:CdtTrfTxInf/p:PmtId/p:EndToEndId")).isEqualTo("4711");
		assertThat(value(xml, "//p:CdtTrfTxInf/p:Amt/p:InstdAmt")).isEqualTo("12345.67");
		assertThat(value(xml, "//p:CdtTrfTxInf/p:Amt/p:InstdAmt/@Ccy")).isEqualTo("EUR");
		assertThat(value(xml, "//p:CdtTrfTxInf/p:CdtrAgt/p:FinInstnId/p:BICFI")).isEqualTo("ABNANL2A");
		// escaped by the writer, read back as written
		assertThat(value(xml, "//p:CdtTrfTxInf/p:Cdtr/p:Nm")).isEqualTo("Transport Müller & Zonen B.V.");
		assertThat(value(xml, "//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN")).isEqualTo("NL91ABNA0417164300");
		assertThat(value(xml, "//p:CdtTrfTxInf/p:RmtInf/p:Ustrd"))
			.isEqualTo("FactorDesk run 4711 invoices INV-001, INV-002");
	}

	@Test
	void eachFileHasAMessageIdOfItsOwnAndNoBicMeansNoCreditorAgent() throws Exception {
		Payout payout = new Payout(12, LocalDate.of(2026, 11, 25), Money.of("800.00"), List.of("A-1"), "Client B.V.",
				"NL91ABNA0417164300", null);

		Document first = parse(this.files.write(payout));
		Document second = parse(this.files.write(payout));

		assertThat(value(first, "//p:GrpHdr/p:MsgId")).isNotEqualTo(value(second, "//p:GrpHdr/p:MsgId"));
		assertThat(value(first, "//p:CdtTrfTxInf/p:PmtId/p:EndToEndId"))
			.isEqualTo(value(second, "//p:CdtTrfTxInf/p:PmtId/p:EndToEndId"))
			.isEqualTo("12");
		assertThat(count(first, "//p:CdtTrfTxInf/p:CdtrAgt")).isZero();
		assertThat(value(first, "//p:CdtTrfTxInf/p:Amt/p:InstdAmt")).isEqualTo("800.00");
	}

	@Test
	void theRemittanceKeepsToOneHundredAndFortyCharactersAndCountsWhatItLeavesOut() {
		// 30 numbers of 11 characters: "FactorDesk run 7 invoices " is 26 characters;
		// each
		// number takes 11, and 2 more for ", " after the first. 8 numbers take
		// 26 + 11 + 7 x 13 = 128, and " +22 more" (9) after them makes 137; a 9th would
		// make 141 with no room left for what follows it
		List<String> numbers = IntStream.rangeClosed(1, 30).mapToObj((i) -> String.format("INV-2026-%02d", i)).toList();

		String remittance = Pain001Files.remittance(7, numbers);

		assertThat(remittance).hasSize(137)
			.isEqualTo("FactorDesk run 7 invoices INV-2026-01, INV-2026-02, INV-2026-03, INV-2026-04, INV-2026-05, "
					+ "INV-2026-06, INV-2026-07, INV-2026-08 +22 more");
		assertThat(Pain001Files.remittance(7, List.of("X-1"))).isEqualTo("FactorDesk run 7 invoices X-1");
	}

	private static Document parse(byte[] file) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(file));
	}

	private static String value(Document xml, String path) throws Exception {
		return (String) xpath().evaluate(path, xml, XPathConstants.STRING);
	}

	private static int count(Document xml, String path) throws Exception {
		return ((NodeList) xpath().evaluate(path, xml, XPathConstants.NODESET)).getLength();
	}

	private static XPath xpath() {
		XPath xpath = XPathFactory.newInstance().newXPath();
		xpath.setNamespaceContext(new NamespaceContext() {
			@Override
			public String getNamespaceURI(String prefix) {
				return "p".equals(prefix) ? Pain001Files.NAMESPACE : null;
			}

			@Override
			public String getPrefix(String namespaceUri) {
				return null;
			}

			@Override
			public java.util.Iterator<String> getPrefixes(String namespaceUri) {
				return null;
			}
		});
		return xpath;
	}

}
