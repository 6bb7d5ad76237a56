package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.factordesk.shared.Rate;
import com.factordesk.shared.Violation;

/**
 * A version of the pricing bands, effective from a date: together the bands cover every
 * score 0-100 once, and the lower the score, the less we advance and the more we charge.
 * A decision records the version it was priced with.
 *
 * @param version the version number
 * @param effectiveFrom the first day the bands apply
 * @param bands the bands, in any order
 */
public record PricingBandSet(int version, LocalDate effectiveFrom, List<PricingBand> bands) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public PricingBandSet {
		Objects.requireNonNull(effectiveFrom, "effectiveFrom");
		bands = List.copyOf(bands);
		List<Violation> violations = validate(bands);
		if (!violations.isEmpty()) {
			throw new IllegalArgumentException(
					violations.stream().map(Violation::defaultMessage).collect(Collectors.joining("; ")));
		}
	}

	/**
	 * Version 1: E 0-35 declined, D 35-50 70 % / 3.50 %, C 50-65 80 % / 2.25 %, B 65-80
	 * 85 % / 1.50 %, A 80-100 90 % / 1.00 % per 30 days; longest tenor 0 / 60 / 90 / 90 /
	 * 120 days.
	 */
	public static PricingBandSet defaults() {
		return new PricingBandSet(1, LocalDate.of(2026, 1, 1),
				List.of(PricingBand.declined(0, 35), PricingBand.of(35, 50, "70", "3.50", 60),
						PricingBand.of(50, 65, "80", "2.25", 90), PricingBand.of(65, 80, "85", "1.50", 90),
						PricingBand.of(80, 100, "90", "1.00", 120)));
	}

	/**
	 * A band's number, 1 for the lowest scores.
	 */
	public int position(PricingBand band) {
		return 1 + (int) this.bands.stream()
			.filter((other) -> other.scoreFrom().compareTo(band.scoreFrom()) < 0)
			.count();
	}

	/**
	 * The band a score 0-100 falls in.
	 */
	public PricingBand bandFor(BigDecimal score) {
		return this.bands.stream()
			.filter((band) -> band.contains(score))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"A score is 0-100, got " + PricingBand.plain(score) + ": no band for it"));
	}

	/**
	 * Every rule the bands break, each a violation of the whole set whose arguments name
	 * the bands by number (from 1, in the list as given) and range; empty when they are
	 * valid. The rules: each band starts below where it ends, within 0-100; the lowest
	 * starts at 0 and the highest ends at 100; each band starts where the one below it
	 * ends (no gap, no overlap); among the bands that price, the advance rate does not
	 * rise and the fee rate does not fall as the score falls; no declined band lies above
	 * a band that prices.
	 */
	public static List<Violation> validate(List<PricingBand> bands) {
		List<Violation> violations = new ArrayList<>();
		if (bands.isEmpty()) {
			violations.add(Violation.of("bands.none", "There are no bands: scores 0-100 have no band"));
			return violations;
		}
		for (int i = 0; i < bands.size(); i++) {
			PricingBand band = bands.get(i);
			if (band.scoreFrom().compareTo(band.scoreTo()) >= 0) {
				String from = PricingBand.plain(band.scoreFrom());
				String to = PricingBand.plain(band.scoreTo());
				violations.add(Violation.of("band.empty", name(i, band) + " starts at " + from + " and ends at " + to
						+ ": a band must start below where it ends", i + 1, band.range(), from, to));
			}
			if (band.scoreFrom().signum() < 0 || band.scoreTo().compareTo(HUNDRED) > 0) {
				violations.add(Violation.of("band.outside", name(i, band) + " reaches outside 0-100: scores are 0-100",
						i + 1, band.range()));
			}
		}
		List<Integer> order = IntStream.range(0, bands.size())
			.boxed()
			.sorted(Comparator.comparing((Integer i) -> bands.get(i).scoreFrom())
				.thenComparing((Integer i) -> bands.get(i).scoreTo()))
			.toList();

		int lowest = order.get(0);
		if (bands.get(lowest).scoreFrom().signum() > 0) {
			String from = PricingBand.plain(bands.get(lowest).scoreFrom());
			violations.add(
					Violation.of("bands.start",
							name(lowest, bands.get(lowest)) + " is the lowest band but starts at " + from
									+ ": scores 0-" + from + " have no band",
							lowest + 1, bands.get(lowest).range(), from));
		}
		int highest = order.stream().max(Comparator.comparing((Integer i) -> bands.get(i).scoreTo())).orElseThrow();
		if (bands.get(highest).scoreTo().compareTo(HUNDRED) < 0) {
			String to = PricingBand.plain(bands.get(highest).scoreTo());
			violations.add(
					Violation.of(
							"bands.end", name(highest, bands.get(highest)) + " is the highest band but ends at " + to
									+ ": scores " + to + "-100 have no band",
							highest + 1, bands.get(highest).range(), to));
		}

		// the band reaching highest so far: a band nested inside another leaves no gap
		// after it
		int reach = order.get(0);
		for (int k = 1; k < order.size(); k++) {
			int below = order.get(k - 1);
			int above = order.get(k);
			PricingBand lower = bands.get(below);
			PricingBand upper = bands.get(above);
			PricingBand reaching = bands.get(reach);
			String start = PricingBand.plain(upper.scoreFrom());
			String end = PricingBand.plain(reaching.scoreTo());
			int compared = upper.scoreFrom().compareTo(reaching.scoreTo());
			if (compared > 0) {
				violations.add(Violation.of("bands.gap",
						name(above, upper) + " starts at " + start + " but band " + (reach + 1) + " ends at " + end
								+ ": scores " + end + "-" + start + " have no band",
						above + 1, upper.range(), start, reach + 1, end));
			}
			else if (compared < 0) {
				String overlapTo = PricingBand.plain(reaching.scoreTo().min(upper.scoreTo()));
				violations.add(Violation.of("bands.overlap",
						name(above, upper) + " starts at " + start + " but band " + (reach + 1) + " ends at " + end
								+ ": scores " + start + "-" + overlapTo + " are in both bands",
						above + 1, upper.range(), start, reach + 1, end, overlapTo));
			}
			if (upper.scoreTo().compareTo(reaching.scoreTo()) > 0) {
				reach = above;
			}
			if (lower.autoDecline() || upper.autoDecline()) {
				if (upper.autoDecline() && !lower.autoDecline()) {
					violations.add(Violation.of("bands.decline.above",
							name(above, upper) + " is declined but the lower " + name(below, lower).toLowerCase()
									+ " is not: a better score cannot be declined when a worse one is priced",
							above + 1, upper.range(), below + 1, lower.range()));
				}
				continue;
			}
			if (lower.advanceRate().compareTo(upper.advanceRate()) > 0) {
				violations.add(Violation.of("bands.advance.rises",
						name(below, lower) + " advances " + lower.advanceRate() + ", more than the "
								+ upper.advanceRate() + " of the higher band " + (above + 1) + " (" + upper.range()
								+ "): the advance rate must not rise as the score falls",
						below + 1, lower.range(), percent(lower.advanceRate()), percent(upper.advanceRate()), above + 1,
						upper.range()));
			}
			if (lower.feeRate().compareTo(upper.feeRate()) < 0) {
				violations.add(Violation.of("bands.fee.falls",
						name(below, lower) + " charges " + lower.feeRate() + ", less than the " + upper.feeRate()
								+ " of the higher band " + (above + 1) + " (" + upper.range()
								+ "): the fee rate must not fall as the score falls",
						below + 1, lower.range(), percent(lower.feeRate()), percent(upper.feeRate()), above + 1,
						upper.range()));
			}
		}
		return violations;
	}

	/**
	 * A rate as a percentage for a message, 2.25 (not 2.250000): the message formats it
	 * in the reader's language.
	 */
	private static BigDecimal percent(Rate rate) {
		return rate.asPercent().stripTrailingZeros();
	}

	private static String name(int index, PricingBand band) {
		return "Band " + (index + 1) + " (" + band.range() + ")";
	}

}
