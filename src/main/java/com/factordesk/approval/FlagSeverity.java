package com.factordesk.approval;

/**
 * How much a flag weighs on a decision: an error makes the invoice ineligible or is
 * likely fraud, a warning asks for a look, information is worth knowing.
 */
public enum FlagSeverity {

	ERROR, WARNING, INFO;

	/**
	 * The message key of the severity's name, as a reader sees it beside the colour.
	 */
	public String messageKey() {
		return "flag.severity." + name();
	}

}
