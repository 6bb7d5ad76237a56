package com.factordesk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL follows the module arrows (DESIGN section 6): a feature's SQL reads and writes its
 * own tables; it reads another feature's data only through what that feature publishes in
 * a migration (a view or a function), or joins the identity tables (client, debtor,
 * invoice) of a feature it may depend on. Every table, view and function of the
 * migrations has an owner here, so a new one cannot slip past.
 */
class SqlBoundariesTests {

	/** Who owns each table; what they publish is listed apart. */
	private static final Map<String, String> OWNER = Map.ofEntries(Map.entry("client", "client"),
			Map.entry("facility", "client"), Map.entry("debtor", "debtor"), Map.entry("bureau_score", "debtor"),
			Map.entry("invoice", "invoice"), Map.entry("invoice_transition", "invoice"),
			Map.entry("payment", "invoice"), Map.entry("payment_allocation", "invoice"),
			Map.entry("dispute", "invoice"), Map.entry("credit_note", "invoice"), Map.entry("schedule", "invoice"),
			Map.entry("risk_score", "risk"), Map.entry("scoring_weights", "risk"),
			Map.entry("risk_portfolio_means", "risk"), Map.entry("scoring_draft", "risk"),
			Map.entry("grade_outcome", "risk"), Map.entry("calibration_run", "risk"),
			Map.entry("pricing_band_set", "pricing"), Map.entry("pricing_band", "pricing"),
			Map.entry("pricing_parameter_set", "pricing"), Map.entry("audit_entry", "audit"),
			Map.entry("audit_entry_refuse_change", "audit"), Map.entry("app_user", "security"),
			Map.entry("app_user_role", "security"), Map.entry("api_key", "security"),
			Map.entry("login_throttle", "security"), Map.entry("app_user_role_separate_duties", "security"),
			Map.entry("event_publication", "shared"), Map.entry("shedlock", "shared"),
			Map.entry("debtor_contact", "debtor"), Map.entry("funding_run", "approval"),
			Map.entry("advance", "approval"), Map.entry("debtor_exposure", "approval"),
			Map.entry("facility_exposure", "approval"), Map.entry("invoice_decision", "approval"),
			Map.entry("invoice_decision_refuse_change", "approval"), Map.entry("notice_of_assignment", "approval"),
			Map.entry("related_party", "approval"), Map.entry("credit_limit_decision", "approval"),
			Map.entry("credit_limit_decision_keep", "approval"), Map.entry("round_cents_half_even", "shared"),
			Map.entry("settlement", "approval"), Map.entry("rebate_run", "approval"),
			Map.entry("reserve_entry", "approval"), Map.entry("reserve_entry_refuse_change", "approval"),
			Map.entry("collection_note", "approval"), Map.entry("collection_note_refuse_change", "approval"),
			Map.entry("promise_to_pay", "approval"), Map.entry("promise_to_pay_status", "approval"),
			// the trends' stored month ends and the changes that make them stale (V038)
			Map.entry("portfolio_trend_snapshot", "portfolio"), Map.entry("portfolio_book_change", "portfolio"),
			Map.entry("portfolio_open_ar_snapshot", "portfolio"), Map.entry("portfolio_note_change", "portfolio"),
			// the invoice's terms copied onto its allocations (V040)
			Map.entry("payment_allocation_take_invoice_terms", "invoice"),
			Map.entry("invoice_terms_to_allocations", "invoice"),
			// a debtor's name without legal form, case and punctuation (V050)
			Map.entry("debtor_name_key", "debtor"),
			// the credit policy's published versions (V051)
			Map.entry("credit_policy_version", "approval"),
			// a facility's terms as versions (V052)
			Map.entry("facility_terms_version", "client"), Map.entry("facility_first_terms", "client"),
			// the facility new clients get (V053)
			Map.entry("facility_template", "client"),
			// each client's reserve balance as it is booked (V056)
			Map.entry("client_reserve_balance", "approval"), Map.entry("client_reserve_balance_change", "approval"),
			Map.entry("reserve_entry_add_to_balance", "approval"),
			// each invoice's collected and credited totals as its allocations and credit
			// notes are written (V057)
			Map.entry("invoice_keep_total", "invoice"), Map.entry("invoice_totals_refuse_truncate", "invoice"),
			// each (client, debtor)'s open book as invoices change (V059)
			Map.entry("pair_book", "invoice"), Map.entry("pair_book_change", "invoice"),
			Map.entry("invoice_keep_open_book", "invoice"), Map.entry("open_book_refuse_truncate", "invoice"),
			// the whole book's credit sales per (issue date, funding day) (V064)
			Map.entry("sales_day", "invoice"), Map.entry("sales_day_change", "invoice"),
			Map.entry("invoice_keep_sales_day", "invoice"),
			// each client's held reserve as advances are paid and invoices funded or paid
			// (V060)
			Map.entry("client_reserve_held", "approval"), Map.entry("client_reserve_held_change", "approval"),
			Map.entry("reserve_keep_held", "approval"), Map.entry("reserve_held_refuse_truncate", "approval"),
			// what may have changed a queued invoice's flags, for the kept flags (V062)
			Map.entry("flag_scope_change", "approval"), Map.entry("flag_scope_horizon", "approval"),
			Map.entry("flag_scope_compacted", "approval"), Map.entry("flag_scope_changed", "approval"));

	/** What a feature publishes for the SQL of the features above it. */
	private static final Map<String, String> PUBLISHED = Map.ofEntries(Map.entry("invoice_balance", "invoice"),
			Map.entry("invoice_balance_book", "invoice"), Map.entry("open_receivable", "invoice"),
			Map.entry("open_book", "invoice"), Map.entry("book_sales", "invoice"),
			Map.entry("debtor_exposure_now", "approval"), Map.entry("facility_exposure_now", "approval"),
			Map.entry("dispute_fact", "invoice"), Map.entry("credit_note_fact", "invoice"),
			Map.entry("bureau_reading", "debtor"), Map.entry("facility_terms", "client"),
			Map.entry("debtor_current_score", "risk"), Map.entry("exposure_book", "approval"),
			Map.entry("client_reserve_position", "approval"), Map.entry("collection_fact", "invoice"),
			Map.entry("receipt_balance", "invoice"), Map.entry("debtor_score_on", "risk"),
			Map.entry("debtor_watchlist", "approval"), Map.entry("settlement_fact", "approval"),
			Map.entry("exposure_on", "approval"), Map.entry("debtor_cross_aging", "approval"),
			// the debtors changed since a snapshot, for the portfolio's kept watchlists
			// (V067)
			Map.entry("debtors_changed_since", "approval"),
			// the invoices decided since a moment, for the pricing simulation (V048)
			Map.entry("invoice_decided_since", "invoice"));

	/**
	 * Tables whose keys, references and names the features above their owner may join.
	 */
	private static final Set<String> IDENTITY = Set.of("client", "debtor", "invoice");

	/**
	 * The one write across a boundary, by design: risk keeps the pointer to a debtor's
	 * current score in a column it added to {@code debtor} (V002, V008).
	 */
	private static final Set<String> CROSS_WRITES = Set.of("risk UPDATE debtor");

	/**
	 * Features that bulk-load or only read everything: the demo's COPY, the benchmark.
	 */
	private static final Set<String> EXEMPT = Set.of("demo", "bench");

	private static final Pattern REFERENCE = Pattern.compile("\\b(FROM|JOIN|UPDATE|INTO)\\s+([a-z_]+)\\b");

	private static final Pattern CREATED = Pattern
		.compile("CREATE\\s+(?:TABLE|VIEW|FUNCTION)\\s+(?:IF NOT EXISTS\\s+)?([a-z_]+)");

	private static final Path MAIN = Path.of("src/main/java/com/factordesk");

	@Test
	void everyTableViewAndFunctionOfTheMigrationsHasAnOwner() throws IOException {
		Set<String> created = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
			for (Path file : files.toList()) {
				Matcher matcher = CREATED.matcher(Files.readString(file));
				while (matcher.find()) {
					created.add(matcher.group(1));
				}
			}
		}
		assertThat(created).contains("invoice", "invoice_balance", "debtor_current_score", "facility_terms");
		created.removeAll(OWNER.keySet());
		created.removeAll(PUBLISHED.keySet());
		assertThat(created).as("tables, views or functions without an owner in this test").isEmpty();
	}

	@Test
	void eachFeatureReadsOtherFeaturesOnlyThroughWhatTheyPublish() throws IOException {
		List<String> crossings = new ArrayList<>();
		int references = 0;
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String feature = MAIN.relativize(file).getName(0).toString();
				if (EXEMPT.contains(feature) || file.getNameCount() - MAIN.getNameCount() < 2) {
					continue;
				}
				Matcher matcher = REFERENCE.matcher(Files.readString(file));
				while (matcher.find()) {
					String verb = matcher.group(1);
					String name = matcher.group(2);
					if (!OWNER.containsKey(name) && !PUBLISHED.containsKey(name)) {
						continue; // a CTE or an alias
					}
					references++;
					if (!allowed(feature, verb, name)) {
						crossings.add(feature + " " + verb + " " + name + " (" + file.getFileName() + ")");
					}
				}
			}
		}
		assertThat(references).as("SQL references found").isGreaterThan(30);
		assertThat(crossings).as("SQL that reaches into another feature's tables").isEmpty();
	}

	private static boolean allowed(String feature, String verb, String name) {
		boolean write = !verb.equals("FROM") && !verb.equals("JOIN");
		if (write) {
			return feature.equals(OWNER.get(name)) || CROSS_WRITES.contains(feature + " " + verb + " " + name);
		}
		if (feature.equals(OWNER.get(name)) || feature.equals(PUBLISHED.get(name))) {
			return true;
		}
		String owner = PUBLISHED.containsKey(name) ? PUBLISHED.get(name) : OWNER.get(name);
		boolean readable = PUBLISHED.containsKey(name) || IDENTITY.contains(name);
		return readable && mayDependOn(feature, owner);
	}

	private static boolean mayDependOn(String feature, String owner) {
		if (feature.equals("portfolio")) {
			return true; // reads every feature's published data, and nothing depends on
							// it
		}
		// the arrows are transitive: backtest -> risk -> invoice
		Set<String> reachable = new TreeSet<>();
		List<String> next = new ArrayList<>(List.of(feature));
		while (!next.isEmpty()) {
			for (String target : ModularityTests.ALLOWED.getOrDefault(next.remove(0), Set.of())) {
				if (reachable.add(target)) {
					next.add(target);
				}
			}
		}
		return reachable.contains(owner);
	}

}
