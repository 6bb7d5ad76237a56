package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

/**
 * A client's statement for a period (DESIGN section 4b, issue 10): what was funded and
 * collected in it (information), and the reserve ledger's opening balance (entries booked
 * before {@code from}), its movements by kind in the period (booked on {@code from}
 * through {@code to}) and its closing balance, which is both opening + movements and the
 * ledger's sum through {@code to}; and where the reserve stands today (rebates due or a
 * shortfall).
 */
public record ClientStatement(long clientId, String clientRef, String clientName, LocalDate from, LocalDate to,
		Activity funded, Activity collected, Money opening, List<Movement> movements, Money closing,
		ReservePosition today) {

	public ClientStatement {
		movements = List.copyOf(movements);
	}

	/**
	 * The sum of the period's movements: closing - opening.
	 */
	public Money moved() {
		return this.movements.stream().map(Movement::total).reduce(Money.ZERO, Money::plus);
	}

	public long entries() {
		return this.movements.stream().mapToLong(Movement::count).sum();
	}

	/**
	 * Advances paid, or allocations received, in the period: how many and how much.
	 */
	public record Activity(long count, Money total) {

		public static final Activity NONE = new Activity(0, Money.ZERO);

	}

	/**
	 * The entries of one kind booked in the period: how many, and their signed sum (a
	 * credit to the client's reserve positive, a debit negative).
	 */
	public record Movement(ReserveEntryKind kind, long count, Money total) {

		public boolean none() {
			return this.count == 0;
		}

	}

}
