package com.factordesk.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * What is planned for one debtor: who it is, its limits and how it pays, following its
 * archetype.
 */
final class DebtorPlan {

	int index;

	long id;

	String ref;

	String name;

	String registration;

	String country;

	String industry;

	/**
	 * The account the debtor pays from: the same on every receipt.
	 */
	String iban;

	int rank;

	double size;

	long creditLimitCents;

	/**
	 * Draws that size the credit limit once the debtor's clients are known: headroom
	 * (0.7-1.0) and spread (0-0.15).
	 */
	double limitHeadroom;

	double limitSpread;

	/**
	 * The insurer's limit as a share of the credit limit, for an insured debtor.
	 */
	double insurerShare;

	long insurerLimitCents;

	int insurerExpiresOn = NONE;

	Archetype archetype;

	/**
	 * The chance an invoice is paid after its due date (outside the archetype's drift or
	 * season).
	 */
	double lateChance;

	/**
	 * The typical days beyond terms when late.
	 */
	double lateDays;

	/**
	 * The chance an invoice paid on time is paid a few days early.
	 */
	double earlyChance;

	/**
	 * The seasonal debtor's chance of paying late in summer and the fourth quarter.
	 */
	double seasonalChance;

	/**
	 * The seasonal debtor's typical days late in summer and the fourth quarter.
	 */
	double seasonalDays;

	/**
	 * The deteriorating debtor's typical days late today (it drifts there over a year).
	 */
	double maxLate;

	int stopDay = NONE;

	int scoreHigh;

	int scoreLow;

	double disputeShare;

	int paymentRunDay;

	int clients;

	boolean divergent;

	/**
	 * Draws how this debtor pays and scores, following its archetype and its country:
	 * German debtors are late least often, Dutch and Belgian ones in the middle, French
	 * ones most often and longest (as in published payment surveys). The bureau score
	 * follows the archetype loosely: the bureau sees the company's accounts, not its
	 * payment habits, so two debtors of one archetype can score far apart.
	 */
	void behaviour(int today, SplittableRandom r) {
		double scoreMean;
		switch (this.archetype) {
			case PUNCTUAL -> {
				this.lateChance = (r.nextDouble() < 0.4) ? 0 : r.nextDouble(0.03, 0.15);
				this.lateDays = r.nextDouble(2, 6);
				this.earlyChance = r.nextDouble(0.2, 0.6);
				scoreMean = 72;
			}
			case STEADY_SLOW -> {
				this.lateChance = r.nextDouble(0.7, 0.95);
				this.lateDays = r.nextDouble(6, 20);
				this.earlyChance = 0.1;
				scoreMean = 58;
			}
			case SEASONAL -> {
				this.lateChance = r.nextDouble(0.2, 0.35);
				this.lateDays = r.nextDouble(3, 8);
				this.seasonalChance = r.nextDouble(0.7, 0.9);
				this.seasonalDays = r.nextDouble(12, 28);
				this.earlyChance = 0.2;
				scoreMean = 65;
			}
			case DETERIORATING -> {
				this.lateChance = r.nextDouble(0.15, 0.3);
				this.lateDays = r.nextDouble(2, 6);
				this.maxLate = r.nextDouble(35, 70);
				this.earlyChance = 0.2;
				scoreMean = 70;
			}
			case SERIAL_DISPUTER -> {
				this.lateChance = r.nextDouble(0.55, 0.8);
				this.lateDays = r.nextDouble(4, 12);
				this.earlyChance = 0.1;
				scoreMean = 62;
			}
			case DEFAULTER -> {
				this.lateChance = r.nextDouble(0.5, 0.8);
				this.lateDays = r.nextDouble(8, 20);
				this.stopDay = today - r.nextInt(150, 451);
				this.earlyChance = 0.05;
				scoreMean = 58;
			}
			case MIXED -> {
				this.lateChance = r.nextDouble(0.45, 0.75);
				this.lateDays = r.nextDouble(3, 15);
				this.earlyChance = 0.2;
				scoreMean = 63;
			}
			default -> throw new IllegalStateException("Unknown archetype " + this.archetype);
		}
		Country country = Country.of(this.country);
		this.lateChance = Math.min(0.97, this.lateChance * country.lateFactor);
		this.seasonalChance = Math.min(0.97, this.seasonalChance * country.lateFactor);
		this.lateDays = Math.max(1, this.lateDays + country.extraDays);
		this.seasonalDays = Math.max(1, this.seasonalDays + country.extraDays);
		this.scoreHigh = (int) Math.round(Math.max(38, Math.min(95, scoreMean + 10 * r.nextGaussian())));
		this.scoreLow = switch (this.archetype) {
			case DETERIORATING -> this.scoreHigh - r.nextInt(12, 26);
			case DEFAULTER -> this.scoreHigh - r.nextInt(25, 41);
			default -> this.scoreHigh;
		};
		this.disputeShare = switch (this.archetype) {
			case SERIAL_DISPUTER -> r.nextDouble(0.15, 0.3);
			case DEFAULTER -> 0.05;
			case MIXED -> 0.02;
			default -> 0.008;
		};
		if (this.archetype != Archetype.DEFAULTER && r.nextDouble() < 0.25) {
			this.paymentRunDay = r.nextInt(1, 14);
		}
	}

	/**
	 * The bureau score this debtor deserves on a day, before provider bias and noise.
	 */
	double score(int day, int today) {
		return switch (this.archetype) {
			case DETERIORATING -> {
				int age = today - day;
				yield (age >= 365) ? this.scoreHigh
						: this.scoreHigh - (365 - age) / 365.0 * (this.scoreHigh - this.scoreLow);
			}
			case DEFAULTER -> {
				int decline = this.stopDay - 150;
				if (day <= decline) {
					yield this.scoreHigh;
				}
				yield (day >= this.stopDay) ? this.scoreLow
						: this.scoreHigh - (day - decline) / 150.0 * (this.scoreHigh - this.scoreLow);
			}
			default -> this.scoreHigh;
		};
	}

	/**
	 * Days paid after the due date (negative: early; 0: on the due date): late with the
	 * archetype's chance on the day, then by a log-normal number of days around its
	 * typical lateness; otherwise on the due date or the day before, or a few days early.
	 */
	int lateness(int dueDay, int today, DeskCalendar calendar, SplittableRandom r) {
		Habit habit = habit(dueDay, today, calendar);
		if (r.nextDouble() < habit.chance()) {
			return Math.max(1, (int) Math.round(habit.days() * Math.exp(0.55 * r.nextGaussian() - 0.15)));
		}
		return (r.nextDouble() < this.earlyChance) ? -r.nextInt(1, 11) : -r.nextInt(0, 2);
	}

	/**
	 * How this debtor pays an invoice due on a day: its chance of paying late and its
	 * typical days late then, following its archetype's season, drift or ramp.
	 */
	private Habit habit(int dueDay, int today, DeskCalendar calendar) {
		double chance = this.lateChance;
		double days = this.lateDays;
		switch (this.archetype) {
			case SEASONAL -> {
				int month = calendar.month(dueDay);
				if (month == 7 || month == 8 || month >= 10) {
					chance = this.seasonalChance;
					days = this.seasonalDays;
				}
			}
			case DETERIORATING -> {
				int age = today - dueDay;
				double drift = (age >= 365) ? 0 : (365 - age) / 365.0;
				chance += drift * (0.92 - chance);
				days += drift * (this.maxLate - days);
			}
			case DEFAULTER -> {
				int rampStart = this.stopDay - 150;
				double ramp = (dueDay > rampStart) ? Math.min(1, (dueDay - rampStart) / 150.0) : 0;
				chance += ramp * (1 - chance);
				days += ramp * 35;
			}
			default -> {
			}
		}
		return new Habit(chance, days);
	}

	/**
	 * The score the desk would have given this debtor on a past day, from its plan and
	 * without a random draw: the desk's scores of past days are not kept, so the demo's
	 * history prices its fundings with this stand-in. It follows the shape of the scoring
	 * model the desk ships with (version 2: payment behaviour 0.80, bureau 0.20): the
	 * payment part maps the days beyond terms the debtor's habit gives over the 365 days
	 * before the day (twelve monthly due days, late chance x typical days late, early
	 * payment counting as 0) on that model's curve (0 days 100 points, 15 days 71, 30
	 * days 16, 60 days and more 0); the bureau part is the score the debtor's bureau
	 * readings are drawn around ({@link #score(int, int)}). A debtor that stopped paying
	 * more than 60 days before has items 60+ days past due and scores at most 40, as the
	 * scorer caps it. Deteriorating and defaulting debtors fall a grade or two as their
	 * habits drift, punctual ones stay in A, slow payers sit in B and C.
	 */
	double scoreOn(int day, int today, DeskCalendar calendar) {
		double beyondTerms = 0;
		for (int month = 0; month < 12; month++) {
			Habit habit = habit(day - 15 - 30 * month, today, calendar);
			beyondTerms += habit.chance() * habit.days();
		}
		beyondTerms /= 12;
		double payment = (beyondTerms <= 15) ? 100 - beyondTerms / 15 * 29 : (beyondTerms <= 30)
				? 71 - (beyondTerms - 15) / 15 * 55 : (beyondTerms <= 60) ? 16 - (beyondTerms - 30) / 30 * 16 : 0;
		double score = 0.80 * payment + 0.20 * score(day, today);
		if (this.stopDay != NONE && day > this.stopDay + 60) {
			score = Math.min(score, 40);
		}
		return Math.max(0, Math.min(100, score));
	}

	private record Habit(double chance, double days) {
	}

	/**
	 * This debtor's payment run (on its day and fifteen days later, each month) for a
	 * payment it means to make on a day: the last run on or before that day when it means
	 * to pay on time, the first run on or after it when it pays late anyway, so runs
	 * never turn an on-time payment into a late one.
	 */
	int paymentRun(int payDay, int dueDay) {
		LocalDate target = LocalDate.ofEpochDay(payDay);
		boolean onTime = payDay <= dueDay;
		int best = payDay;
		int bestDistance = Integer.MAX_VALUE;
		for (int month = -1; month <= 1; month++) {
			LocalDate first = target.plusMonths(month).withDayOfMonth(1);
			for (int run : new int[] { this.paymentRunDay, this.paymentRunDay + 15 }) {
				int day = (int) first.withDayOfMonth(run).toEpochDay();
				boolean allowed = onTime ? day <= payDay : day >= payDay;
				int distance = Math.abs(day - payDay);
				if (allowed && distance < bestDistance) {
					best = day;
					bestDistance = distance;
				}
			}
		}
		return best;
	}

	/**
	 * How a debtor's country pays: a factor on its chance of paying late and days added
	 * to its lateness.
	 */
	enum Country {

		DE(0.75, -1), NL(1.0, 0), BE(1.1, 1), FR(1.3, 6);

		final double lateFactor;

		final double extraDays;

		Country(double lateFactor, double extraDays) {
			this.lateFactor = lateFactor;
			this.extraDays = extraDays;
		}

		static Country of(String code) {
			return valueOf(code);
		}

	}

}
