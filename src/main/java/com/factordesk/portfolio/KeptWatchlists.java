package com.factordesk.portfolio;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.factordesk.shared.Money;

import org.springframework.stereotype.Component;

/**
 * The watchlists last computed, each with the PostgreSQL snapshot it was computed in
 * (V067): a watchlist of a scope on a day is the kept one with the debtors changed since
 * computed again, in one statement and one snapshot, which is the list computed afresh in
 * that snapshot (a debtor's row is a function of the day, the policy and its own rows,
 * each of whose writes records a change of the debtor). What a transaction that wrote
 * computed is never kept.
 */
@Component
class KeptWatchlists {

	/** At most this many scopes and days are kept. */
	static final int CAPACITY = 32;

	/**
	 * The list's order: the largest exposure first, then the debtor's reference in code
	 * point order (the same whatever the database's collation; kept rows and computed
	 * ones are sorted together here, not by the statement).
	 */
	static final Comparator<ExposureView.Watched> ORDER = Comparator
		.comparing(ExposureView.Watched::exposure, Comparator.nullsLast(Comparator.comparing(Money::amount).reversed()))
		.thenComparing(ExposureView.Watched::ref, KeptWatchlists::byCodePoint);

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	/**
	 * The snapshot the scope's kept list was computed in, if one is kept.
	 */
	Optional<Kept> kept(Key key) {
		return Optional.ofNullable(this.kept.get(key));
	}

	/**
	 * The list of a scope: the kept rows less the changed debtors', with the changed
	 * debtors that are on it now; kept for the next read when {@code seen} is known.
	 * @param key the scope, day and policy
	 * @param base the rows kept, or none when every debtor was computed
	 * @param changed the debtors computed again
	 * @param computed their rows (those on the list)
	 * @param seen the snapshot they were computed in, {@code null} when the transaction
	 * wrote
	 * @return the list, in its order
	 */
	List<ExposureView.Watched> merge(Key key, Optional<Kept> base, Collection<Long> changed,
			Map<Long, ExposureView.Watched> computed, String seen) {
		Map<Long, ExposureView.Watched> rows = new HashMap<>();
		base.ifPresent((one) -> rows.putAll(one.rows()));
		rows.keySet().removeAll(new HashSet<>(changed));
		rows.putAll(computed);
		if (seen != null) {
			if (this.kept.size() >= CAPACITY && !this.kept.containsKey(key)) {
				// the one read longest ago makes room
				this.kept.entrySet()
					.stream()
					.min(Comparator.comparingLong((entry) -> entry.getValue().keptAt()))
					.ifPresent((oldest) -> this.kept.remove(oldest.getKey(), oldest.getValue()));
			}
			this.kept.put(key, new Kept(seen, Map.copyOf(rows), System.nanoTime()));
		}
		return rows.values().stream().sorted(ORDER).toList();
	}

	/**
	 * Forgets every kept list: the next read computes them all.
	 */
	void forget() {
		this.kept.clear();
	}

	private static int byCodePoint(String left, String right) {
		return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
	}

	/**
	 * A scope on a day under the policy's "paying later" margin.
	 */
	record Key(LocalDate asOf, Long clientId, Long debtorId, int laterDays) {
	}

	/**
	 * The rows of the debtors on a list, by debtor, as computed in a snapshot (its text
	 * form and the server's start), kept at a {@link System#nanoTime()}.
	 */
	record Kept(String snapshot, Map<Long, ExposureView.Watched> rows, long keptAt) {
	}

}
