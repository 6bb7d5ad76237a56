package com.factordesk.approval;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.validation.Errors;

/**
 * The statement's period picker: two ISO dates as typed. Empty, the current month to
 * date; a date that does not parse (or lies outside the years 1900 to 9999), or a period
 * that ends before it starts, is a field error on the page.
 */
public class StatementForm {

	/** The earliest year a period may start in. */
	static final int FIRST_YEAR = 1900;

	/** The latest year a period may end in. */
	static final int LAST_YEAR = 9999;

	private String from;

	private String to;

	private String kind;

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return this.to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	/**
	 * The kind of movement to list the entries of (the drill-down), or none.
	 */
	public String getKind() {
		return this.kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	/**
	 * Fills in the current month to date for what was left empty.
	 */
	void defaults(LocalDate today) {
		if (this.from == null || this.from.isBlank()) {
			this.from = today.withDayOfMonth(1).toString();
		}
		if (this.to == null || this.to.isBlank()) {
			this.to = today.toString();
		}
		this.from = this.from.strip();
		this.to = this.to.strip();
	}

	/**
	 * The period, or {@code null} with the reasons on the fields.
	 */
	Period period(Errors errors) {
		LocalDate start = parse("from", this.from, errors);
		LocalDate end = parse("to", this.to, errors);
		if (start == null || end == null) {
			return null;
		}
		if (end.isBefore(start)) {
			errors.rejectValue("to", "statement.period.order", new Object[] { end.toString(), start.toString() },
					"The period ends before it starts");
			return null;
		}
		return new Period(start, end);
	}

	/**
	 * The kind to list, or {@code null} when none (or an unknown one) is asked for.
	 */
	ReserveEntryKind drillDown() {
		if (this.kind == null) {
			return null;
		}
		for (ReserveEntryKind candidate : ReserveEntryKind.values()) {
			if (candidate.name().equals(this.kind)) {
				return candidate;
			}
		}
		return null;
	}

	private static LocalDate parse(String field, String text, Errors errors) {
		try {
			LocalDate date = LocalDate.parse(text);
			if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
				// a date the calendar has but no ledger: the database's range ends
				// somewhere
				throw new DateTimeParseException("Out of the desk's years", text, 0);
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			String shown = (text.length() > 20) ? text.substring(0, 20) + "..." : text;
			errors.rejectValue(field, "statement.period.date", new Object[] { shown }, "Enter a date as 2026-11-30");
			return null;
		}
	}

	record Period(LocalDate from, LocalDate to) {
	}

}
