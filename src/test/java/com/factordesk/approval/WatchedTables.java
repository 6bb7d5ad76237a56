package com.factordesk.approval;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables a statement reads, through the views and functions it names, and whether a
 * change of each is recorded for what is kept from them ({@code flag_scope_changed},
 * V062): for the tests of {@link KeptByScope} and of the portfolio's kept watchlists.
 */
public final class WatchedTables {

	private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+(?:LATERAL\\s+)?(?:public\\.)?([a-z_]+)");

	private WatchedTables() {
	}

	/**
	 * The tables of the public schema that these statements read, directly or through the
	 * views and functions they read.
	 */
	public static Set<String> readBy(JdbcTemplate jdbc, String... statements) {
		Set<String> read = new TreeSet<>();
		Deque<String> texts = new ArrayDeque<>(List.of(statements));
		Set<String> seen = new TreeSet<>();
		while (!texts.isEmpty()) {
			Matcher names = READ.matcher(texts.pop());
			while (names.find()) {
				String name = names.group(1);
				if (!seen.add(name)) {
					continue;
				}
				String kind = jdbc.query(
						"SELECT relkind FROM pg_class WHERE relname = ? AND relnamespace = 'public'::regnamespace",
						(rs) -> rs.next() ? rs.getString(1) : null, name);
				if ("r".equals(kind)) {
					read.add(name);
				}
				else if ("v".equals(kind)) {
					texts.push(jdbc.queryForObject("SELECT pg_get_viewdef(CAST(? AS regclass))", String.class, name));
				}
				else {
					texts.addAll(jdbc.queryForList("SELECT p.prosrc FROM pg_proc p WHERE p.proname = ? "
							+ "AND p.pronamespace = 'public'::regnamespace", String.class, name));
				}
			}
		}
		return read;
	}

	/**
	 * Each of these tables records every insert, update, delete and truncate as a change
	 * of the clients and debtors it touched.
	 */
	public static void assertWatched(JdbcTemplate jdbc, Collection<String> tables) {
		for (String table : tables) {
			assertThat(jdbc.queryForList("""
					SELECT t.tgname FROM pg_trigger t WHERE t.tgrelid = CAST(? AS regclass)
					  AND t.tgfoid = CAST('flag_scope_changed' AS regproc) AND t.tgenabled <> 'D'
					""", String.class, table)).as(table)
				.containsExactlyInAnyOrder(table + "_flags_inserted", table + "_flags_deleted",
						table + "_flags_updated", table + "_flags_truncated");
		}
	}

}
