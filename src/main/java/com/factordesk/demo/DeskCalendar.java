package com.factordesk.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Dates as epoch days with their ISO text cached, and office times in Amsterdam as UTC
 * epoch seconds.
 */
final class DeskCalendar {

	private static final ZoneId DESK_ZONE = ZoneId.of("Europe/Amsterdam");

	private static final int SPAN = 1_500;

	private final int base;

	private final String[] text;

	private final int[] offsetSeconds;

	private final byte[] months;

	private final short[] years;

	DeskCalendar(LocalDate today) {
		this.base = (int) today.toEpochDay() - SPAN;
		int size = 2 * SPAN;
		this.text = new String[size];
		this.offsetSeconds = new int[size];
		this.months = new byte[size];
		this.years = new short[size];
		ZoneRules rules = DESK_ZONE.getRules();
		for (int i = 0; i < size; i++) {
			LocalDate date = LocalDate.ofEpochDay(this.base + i);
			this.text[i] = date.toString();
			this.offsetSeconds[i] = rules.getOffset(date.atTime(12, 0)).getTotalSeconds();
			this.months[i] = (byte) date.getMonthValue();
			this.years[i] = (short) date.getYear();
		}
	}

	/**
	 * Monday 0 to Sunday 6.
	 */
	static int dayOfWeek(int day) {
		return Math.floorMod(day + 3, 7);
	}

	static boolean weekend(int day) {
		return dayOfWeek(day) >= 5;
	}

	String date(int day) {
		int i = day - this.base;
		return (i >= 0 && i < this.text.length) ? this.text[i] : LocalDate.ofEpochDay(day).toString();
	}

	String compactDate(int day) {
		return date(day).replace("-", "");
	}

	int month(int day) {
		int i = day - this.base;
		return (i >= 0 && i < this.months.length) ? this.months[i] : LocalDate.ofEpochDay(day).getMonthValue();
	}

	int year(int day) {
		int i = day - this.base;
		return (i >= 0 && i < this.years.length) ? this.years[i] : LocalDate.ofEpochDay(day).getYear();
	}

	/**
	 * The instant of a local time of day in Amsterdam (office hours, never in a
	 * daylight-saving gap), as UTC epoch seconds.
	 */
	long at(int day, int minuteOfDay) {
		int i = day - this.base;
		int offset = (i >= 0 && i < this.offsetSeconds.length) ? this.offsetSeconds[i]
				: DESK_ZONE.getRules().getOffset(LocalDate.ofEpochDay(day).atTime(12, 0)).getTotalSeconds();
		return day * 86_400L + minuteOfDay * 60L - offset;
	}

	void appendTimestamp(StringBuilder out, long epochSecond) {
		int day = (int) Math.floorDiv(epochSecond, 86_400L);
		int second = (int) Math.floorMod(epochSecond, 86_400L);
		out.append(date(day)).append(' ');
		twoDigits(out, second / 3600).append(':');
		twoDigits(out, second / 60 % 60).append(':');
		twoDigits(out, second % 60).append("+00");
	}

	private static StringBuilder twoDigits(StringBuilder out, int value) {
		return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

}
