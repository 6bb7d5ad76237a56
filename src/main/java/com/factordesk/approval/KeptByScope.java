package com.factordesk.approval;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a queue page shows of an invoice that is a function of the day and of its client's
 * and its debtor's rows (its flags, its quote), as last computed, each with the
 * PostgreSQL snapshot it was computed in, reused while none of its inputs changed (V062):
 * a queue page computes afresh only the flags and quotes of the invoices whose client or
 * debtor something wrote to since; computed for another day or under another credit
 * policy, nothing is reused. What a transaction that wrote computed is never kept (what
 * it wrote may be rolled back). Kept values are dropped after
 * {@code factordesk.flags.keep-for}; the changes every kept snapshot sees are deleted
 * once a minute.
 */
@Component
class KeptByScope {

	private static final Logger logger = LoggerFactory.getLogger(KeptByScope.class);

	/** At most this many values are kept: a full queue's flags and quotes are 20,000. */
	static final int CAPACITY = 50_000;

	/**
	 * What is kept of an invoice.
	 */
	enum Kind {

		/** Its flags, a {@code List<Flag>}, under a {@link Version} of day and policy. */
		FLAGS,

		/** Its quote, an {@code Optional<InvoiceQuote>}, under the day. */
		QUOTE

	}

	/**
	 * The kept invoices whose client, debtor, or everything, changed in a way their
	 * snapshot did not see: a change committed after it or by a transaction running then.
	 */
	private static final String CHANGED = """
			SELECT k.id
			FROM unnest(CAST(string_to_array(:ids, ',') AS BIGINT[]), CAST(string_to_array(:clients, ',') AS BIGINT[]),
			            CAST(string_to_array(:debtors, ',') AS BIGINT[]), CAST(string_to_array(:snapshots, ';') AS TEXT[]))
			     AS k(id, client_id, debtor_id, kept)
			CROSS JOIN LATERAL (SELECT CAST(split_part(k.kept, '@', 1) AS pg_snapshot) AS snapshot,
			                           split_part(k.kept, '@', 2) AS server) s
			WHERE s.server <> CAST(pg_postmaster_start_time() AS TEXT)
			   OR pg_snapshot_xmin(s.snapshot) < (SELECT c.deleted_below FROM flag_scope_compacted c)
			   OR EXISTS (SELECT 1 FROM flag_scope_change c WHERE c.client_id = k.client_id
			                AND NOT pg_visible_in_snapshot(c.xid, s.snapshot))
			   OR EXISTS (SELECT 1 FROM flag_scope_change c WHERE c.debtor_id = k.debtor_id
			                AND NOT pg_visible_in_snapshot(c.xid, s.snapshot))
			   OR EXISTS (SELECT 1 FROM flag_scope_change c WHERE c.client_id IS NULL AND c.debtor_id IS NULL
			                AND NOT pg_visible_in_snapshot(c.xid, s.snapshot))
			""";

	/**
	 * The snapshot a statement reads, and the server's start (a restored or promoted
	 * server numbers its transactions anew), when its transaction wrote nothing: what it
	 * wrote may be rolled back. For a statement that reads what is kept.
	 */
	static final String SNAPSHOT = """
			CASE WHEN pg_current_xact_id_if_assigned() IS NULL
			     THEN CAST(pg_current_snapshot() AS TEXT) || '@' || CAST(pg_postmaster_start_time() AS TEXT) END""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Duration keepFor;

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	KeptByScope(JdbcClient jdbc, TransactionTemplate transactions,
			@Value("${factordesk.flags.keep-for:PT5M}") Duration keepFor) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.keepFor = keepFor;
	}

	/**
	 * The kept values of this kind of these invoices that are still right, computed under
	 * this version (the day, the policy): one SQL statement, none when nothing is kept
	 * for them.
	 */
	@SuppressWarnings("unchecked")
	<T> Map<Long, T> stillRight(Kind kind, Collection<Long> invoiceIds, Object version) {
		long now = System.nanoTime();
		Map<Long, Kept> candidates = new HashMap<>();
		for (Long id : invoiceIds) {
			Kept one = this.kept.get(new Key(kind, id));
			if (one != null && one.version().equals(version) && now - one.computedAt() < this.keepFor.toNanos()) {
				candidates.put(id, one);
			}
		}
		if (candidates.isEmpty()) {
			return Map.of();
		}
		Set<Long> changed = new HashSet<>(this.jdbc.sql(CHANGED)
			.param("ids", joined(candidates.keySet(), (id) -> id))
			.param("clients", joined(candidates.keySet(), (id) -> candidates.get(id).clientId()))
			.param("debtors", joined(candidates.keySet(), (id) -> candidates.get(id).debtorId()))
			.param("snapshots",
					candidates.keySet()
						.stream()
						.map((id) -> candidates.get(id).snapshot())
						.collect(Collectors.joining(";")))
			.query(Long.class)
			.list());
		Map<Long, T> right = new HashMap<>();
		candidates.forEach((id, one) -> {
			if (!changed.contains(id)) {
				right.put(id, (T) one.value());
			}
		});
		return right;
	}

	private static String joined(Set<Long> ids, Function<Long, Long> value) {
		return ids.stream().map((id) -> Long.toString(value.apply(id))).collect(Collectors.joining(","));
	}

	/**
	 * Keeps a value of an invoice as computed in its snapshot (taken after its
	 * {@code computedAt}, {@link System#nanoTime()}).
	 */
	void keep(Kind kind, long invoiceId, Kept value) {
		if (this.kept.size() >= CAPACITY) {
			long now = System.nanoTime();
			this.kept.values().removeIf((one) -> now - one.computedAt() >= this.keepFor.toNanos());
			if (this.kept.size() >= CAPACITY) {
				this.kept.clear();
			}
		}
		this.kept.put(new Key(kind, invoiceId), value);
	}

	/**
	 * Forgets every kept value: the next read computes them all.
	 */
	void forget() {
		this.kept.clear();
	}

	/**
	 * Deletes the changes that the kept snapshots see: those of transactions that had
	 * ended before a moment more than the keeping time (and a minute) ago, as the
	 * horizons recorded by earlier compactions tell. A kept value whose snapshot is older
	 * than that is no longer reused (flag_scope_compacted), so a clock that jumps costs
	 * computations, never a stale flag.
	 */
	@Scheduled(fixedDelayString = "${factordesk.flags.compact-every:PT1M}",
			initialDelayString = "${factordesk.flags.compact-every:PT1M}")
	@SchedulerLock(name = "flag-scope-changes")
	public void run() {
		int deleted = compact();
		logger.debug("{} flag scope changes deleted", deleted);
	}

	int compact() {
		Integer deleted = this.transactions.execute((status) -> {
			this.jdbc
				.sql("INSERT INTO flag_scope_horizon (taken_at, oldest_running) "
						+ "VALUES (now(), pg_snapshot_xmin(pg_current_snapshot()))")
				.update();
			long seconds = this.keepFor.toSeconds() + 61;
			Optional<String> horizon = this.jdbc.sql("""
					SELECT CAST(MAX(h.oldest_running) AS TEXT) FROM flag_scope_horizon h
					WHERE h.taken_at <= now() - make_interval(secs => :seconds)
					""")
				.param("seconds", seconds)
				.query(String.class)
				.list()
				.stream()
				.filter(Objects::nonNull)
				.findFirst();
			if (horizon.isEmpty()) {
				return 0;
			}
			// readers see the deletion and the mark together, or neither
			this.jdbc
				.sql("UPDATE flag_scope_compacted SET deleted_below = GREATEST(deleted_below, "
						+ "CAST(:horizon AS XID8))")
				.param("horizon", horizon.get())
				.update();
			int changes = this.jdbc.sql("DELETE FROM flag_scope_change WHERE xid < CAST(:horizon AS XID8)")
				.param("horizon", horizon.get())
				.update();
			this.jdbc.sql("""
					DELETE FROM flag_scope_horizon
					WHERE taken_at < (SELECT MAX(h.taken_at) FROM flag_scope_horizon h
					                  WHERE h.taken_at <= now() - make_interval(secs => :seconds))
					""").param("seconds", seconds).update();
			return changes;
		});
		return (deleted != null) ? deleted : 0;
	}

	/**
	 * A value of an invoice of a client and a debtor, as computed under a version in a
	 * snapshot (its text form) taken after {@code computedAt}.
	 */
	record Kept(Object version, String snapshot, long clientId, long debtorId, long computedAt, Object value) {
	}

	/**
	 * The flags' version: the day and the credit policy.
	 */
	record Version(LocalDate today, PolicyProperties policy) {
	}

	private record Key(Kind kind, long invoiceId) {
	}

}
