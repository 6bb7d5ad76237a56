package com.factordesk.approval;

import java.util.List;

import org.springframework.context.MessageSourceResolvable;

/**
 * One flag on an invoice: its code, its severity and the sentence that says why, with the
 * figures, in the reader's language ({@code ${@fmt.text(flag)}}).
 *
 * @param code what is flagged
 * @param sentenceKey the message key of the sentence (a code may have more than one)
 * @param arguments the figures of the sentence
 */
public record Flag(FlagCode code, String sentenceKey, List<Object> arguments) implements MessageSourceResolvable {

	public Flag {
		arguments = List.copyOf(arguments);
	}

	public FlagSeverity severity() {
		return this.code.severity();
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.sentenceKey };
	}

	@Override
	public Object[] getArguments() {
		return this.arguments.toArray();
	}

}
