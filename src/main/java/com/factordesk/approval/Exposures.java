package com.factordesk.approval;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.factordesk.client.Enforcement;
import com.factordesk.shared.Money;

/**
 * The exposure rows one transaction holds locked, with the limits they carry: what
 * {@link ExposureEngine#lock} returns, and what its checks and changes work on. The
 * figures follow every change made through the engine in this transaction.
 */
final class Exposures {

	private final Map<Long, Exposure> debtors;

	private final Map<Long, Exposure> facilities;

	private final Map<Long, DebtorLimits> debtorLimits;

	private final Map<Long, FacilityLimits> facilityLimits;

	Exposures(Map<Long, Exposure> debtors, Map<Long, Exposure> facilities, Map<Long, DebtorLimits> debtorLimits,
			Map<Long, FacilityLimits> facilityLimits) {
		this.debtors = debtors;
		this.facilities = facilities;
		this.debtorLimits = debtorLimits;
		this.facilityLimits = facilityLimits;
	}

	/**
	 * A locked debtor's exposure across all clients.
	 */
	Exposure debtor(long debtorId) {
		return required(this.debtors, debtorId, "debtor");
	}

	/**
	 * A locked client's facility exposure.
	 */
	Exposure facility(long clientId) {
		return required(this.facilities, clientId, "facility");
	}

	DebtorLimits debtorLimits(long debtorId) {
		return required(this.debtorLimits, debtorId, "debtor");
	}

	FacilityLimits facilityLimits(long clientId) {
		return required(this.facilityLimits, clientId, "facility");
	}

	/**
	 * Whether this transaction holds the rows of both.
	 */
	boolean holds(long debtorId, long clientId) {
		return this.debtors.containsKey(debtorId) && this.facilities.containsKey(clientId);
	}

	Set<Long> debtorIds() {
		return this.debtors.keySet();
	}

	Set<Long> clientIds() {
		return this.facilities.keySet();
	}

	void put(long debtorId, long clientId, Exposure debtor, Exposure facility) {
		this.debtors.put(debtorId, debtor);
		this.facilities.put(clientId, facility);
	}

	private static <T> T required(Map<Long, T> rows, long id, String what) {
		T row = rows.get(id);
		if (row == null) {
			throw new IllegalStateException("The " + what + " exposure row " + id + " is not locked here");
		}
		return row;
	}

	/**
	 * A debtor's limits: its credit limit, and its insurer limit while in force.
	 */
	record DebtorLimits(Money creditLimit, Money insurerLimit, LocalDate insurerLimitExpiresOn) {

		Optional<Money> insurerLimitOn(LocalDate day) {
			if (this.insurerLimit == null || this.insurerLimitExpiresOn.isBefore(day)) {
				return Optional.empty();
			}
			return Optional.of(this.insurerLimit);
		}

	}

	/**
	 * A facility's limit and how it is enforced.
	 */
	record FacilityLimits(Money facilityLimit, Enforcement enforcement) {

	}

}
