package com.factordesk.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * The pricing bands as they stood on each day of the demo's history, read once from the
 * database before the load: of the band sets, the newest effective on or before a day is
 * in force then (as the desk reads them), and the terms of a funding follow from it.
 */
final class BandHistory {

	private final List<BandSet> sets;

	private BandHistory(List<BandSet> sets) {
		this.sets = sets;
	}

	static BandHistory read(Connection connection) throws SQLException {
		List<BandSet> sets = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
				SELECT s.version, s.effective_from, b.score_from, b.score_to, b.advance_rate, b.fee_rate,
				       b.auto_decline
				FROM pricing_band_set s JOIN pricing_band b ON b.band_set_id = s.id
				ORDER BY s.effective_from, s.version, b.position
				""")) {
			BandSet current = null;
			while (rows.next()) {
				int version = rows.getInt("version");
				if (current == null || current.version != version) {
					current = new BandSet(version, (int) rows.getDate("effective_from").toLocalDate().toEpochDay());
					sets.add(current);
				}
				current.bands.add(new Band(rows.getBigDecimal("score_from").doubleValue(),
						rows.getBigDecimal("score_to").doubleValue(), micros(rows.getBigDecimal("advance_rate")),
						micros(rows.getBigDecimal("fee_rate")), rows.getBoolean("auto_decline")));
			}
		}
		return new BandHistory(sets);
	}

	/**
	 * The terms an invoice was funded at on a day, for a debtor scoring {@code score}
	 * then: the advance rate is the band's but never more than the facility's default
	 * rate, the fee rate is the band's (per period, before the facility's negotiated
	 * discount). A score in a declined band was funded on a manager's override at the
	 * terms of the lowest band that still prices. Before any band set was in force the
	 * funding is taken over as an imported book is: at the facility's rate, with no fee
	 * rate and no band version on record.
	 * @param day the funding day (epoch day)
	 * @param score the debtor's score on that day, 0-100
	 * @param facilityRate the facility's default advance rate in millionths
	 */
	Terms terms(int day, double score, long facilityRate) {
		BandSet inForce = null;
		for (BandSet set : this.sets) {
			if (set.effectiveDay <= day) {
				inForce = set;
			}
		}
		Band band = (inForce != null) ? inForce.pricing(score) : null;
		if (band == null) {
			return new Terms(facilityRate, NONE, NONE);
		}
		return new Terms(Math.min(facilityRate, band.advanceRate), band.feeRate, inForce.version);
	}

	/**
	 * A rate in millionths (0.85 is 850,000).
	 */
	static long micros(BigDecimal rate) {
		return rate.movePointRight(6).longValueExact();
	}

	/**
	 * A rate in millionths as stored: six decimals.
	 */
	static String rate(long micros) {
		return BigDecimal.valueOf(micros, 6).toPlainString();
	}

	/**
	 * What one band set says a funding costs.
	 *
	 * @param advanceRate the advance rate in millionths
	 * @param feeRate the fee rate per period in millionths, or {@link CopyLoader#NONE}
	 * when none is on record
	 * @param version the band set's version, or {@link CopyLoader#NONE}
	 */
	record Terms(long advanceRate, long feeRate, int version) {

		/**
		 * The advance on a face: face x advance rate, rounded once, HALF_EVEN to the
		 * cent.
		 */
		long advanceCents(long faceCents) {
			Money advance = new Money(BigDecimal.valueOf(faceCents, 2))
				.times(new Rate(BigDecimal.valueOf(this.advanceRate, 6)));
			return advance.amount().movePointRight(2).longValueExact();
		}

	}

	private record Band(double from, double to, long advanceRate, long feeRate, boolean declined) {

		boolean contains(double score) {
			return this.from <= score && (score < this.to || (this.to >= 100 && score <= 100));
		}

		boolean prices() {
			return !this.declined && this.advanceRate > 0;
		}

	}

	private static final class BandSet {

		final int version;

		final int effectiveDay;

		final List<Band> bands = new ArrayList<>();

		BandSet(int version, int effectiveDay) {
			this.version = version;
			this.effectiveDay = effectiveDay;
		}

		/**
		 * The band that prices a score: its own, or when that one declines, the lowest
		 * band that prices; null when none does.
		 */
		Band pricing(double score) {
			Band lowest = null;
			Band own = null;
			for (Band band : this.bands) {
				if (band.contains(score)) {
					own = band;
				}
				if (band.prices() && (lowest == null || band.from < lowest.from)) {
					lowest = band;
				}
			}
			return (own != null && own.prices()) ? own : lowest;
		}

	}

}
