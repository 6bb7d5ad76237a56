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

	int rank;

	double size;

	long creditLimitCents;

	long insurerLimitCents;

	int insurerExpiresOn = NONE;

	Archetype archetype;

	double baseLate;

	double seasonalLate;

	double maxLate;

	int stopDay = NONE;

	int scoreHigh;

	int scoreLow;

	double disputeShare;

	int paymentRunDay;

	int clients;

	boolean divergent;

	/**
	 * Draws how this debtor pays and scores, following its archetype.
	 */
	void behaviour(int today, SplittableRandom r) {
		switch (this.archetype) {
			case PUNCTUAL -> {
				this.baseLate = 0;
				this.scoreHigh = r.nextInt(75, 91);
			}
			case STEADY_SLOW -> {
				this.baseLate = r.nextDouble(10, 25);
				this.scoreHigh = r.nextInt(55, 71);
			}
			case SEASONAL -> {
				this.baseLate = r.nextDouble(0, 5);
				this.seasonalLate = r.nextDouble(15, 35);
				this.scoreHigh = r.nextInt(60, 76);
			}
			case DETERIORATING -> {
				this.baseLate = r.nextDouble(0, 3);
				this.maxLate = r.nextDouble(45, 80);
				this.scoreHigh = r.nextInt(72, 83);
				this.scoreLow = r.nextInt(35, 46);
			}
			case SERIAL_DISPUTER -> {
				this.baseLate = r.nextDouble(3, 15);
				this.scoreHigh = r.nextInt(55, 71);
			}
			case DEFAULTER -> {
				this.baseLate = r.nextDouble(8, 20);
				this.stopDay = today - r.nextInt(120, 241);
				this.scoreHigh = r.nextInt(55, 69);
				this.scoreLow = r.nextInt(20, 36);
			}
			case MIXED -> {
				this.baseLate = r.nextDouble(0, 15);
				this.scoreHigh = r.nextInt(50, 81);
			}
		}
		this.disputeShare = switch (this.archetype) {
			case SERIAL_DISPUTER -> 0.25;
			case DEFAULTER -> 0.05;
			default -> 0.013;
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
	 * Days paid after the due date (negative: early), before any per-client offset.
	 */
	double lateness(int dueDay, int today, DeskCalendar calendar, SplittableRandom r) {
		return switch (this.archetype) {
			case PUNCTUAL -> {
				double u = r.nextDouble();
				if (u < 0.20) {
					yield -r.nextInt(1, 8);
				}
				yield (u < 0.25) ? r.nextInt(5, 21) : Math.max(-2, 0.5 + 2 * r.nextGaussian());
			}
			case STEADY_SLOW -> Math.max(0, this.baseLate + 5 * r.nextGaussian());
			case SEASONAL -> {
				int month = calendar.month(dueDay);
				boolean busy = month == 7 || month == 8 || month >= 10;
				double extra = busy ? this.seasonalLate + 5 * r.nextGaussian() : 0;
				yield Math.max(-2, this.baseLate + 3 * r.nextGaussian() + extra);
			}
			case DETERIORATING -> {
				int age = today - dueDay;
				double drift = (age >= 365) ? 0 : (365 - age) / 365.0 * this.maxLate;
				yield Math.max(-2, this.baseLate + drift + ((age >= 365) ? 3 : 5) * r.nextGaussian());
			}
			case SERIAL_DISPUTER -> Math.max(-3, this.baseLate + 6 * r.nextGaussian());
			case DEFAULTER -> {
				int rampStart = this.stopDay - 150;
				double ramp = (dueDay > rampStart) ? (dueDay - rampStart) / 150.0 * 35 : 0;
				yield Math.max(0, this.baseLate + ramp + 6 * r.nextGaussian());
			}
			case MIXED -> Math.max(-5, this.baseLate + 8 * r.nextGaussian());
		};
	}

	/**
	 * This debtor's payment run (twice a month) nearest to the day it would pay.
	 */
	int paymentRun(int payDay) {
		LocalDate target = LocalDate.ofEpochDay(payDay);
		int best = payDay;
		int bestDistance = Integer.MAX_VALUE;
		for (int month = -1; month <= 1; month++) {
			LocalDate first = target.plusMonths(month).withDayOfMonth(1);
			for (int run : new int[] { this.paymentRunDay, this.paymentRunDay + 15 }) {
				int day = (int) first.withDayOfMonth(run).toEpochDay();
				int distance = Math.abs(day - payDay);
				if (distance < bestDistance || (distance == bestDistance && day > best)) {
					best = day;
					bestDistance = distance;
				}
			}
		}
		return best;
	}

}
