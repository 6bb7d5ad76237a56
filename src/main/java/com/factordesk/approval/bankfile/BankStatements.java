package com.factordesk.approval.bankfile;

/**
 * Reads a bank statement file of either format: XML is read as CAMT.053, anything else as
 * CSV.
 */
public final class BankStatements {

	private BankStatements() {
	}

	public static StatementFile read(byte[] content) {
		return isXml(content) ? Camt053Statements.read(content) : CsvStatements.read(content);
	}

	static boolean isXml(byte[] content) {
		int i = 0;
		if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
				&& (content[2] & 0xFF) == 0xBF) {
			i = 3;
		}
		while (i < content.length && Character.isWhitespace(content[i])) {
			i++;
		}
		return i < content.length && content[i] == '<';
	}

}
