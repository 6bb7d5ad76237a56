package com.factordesk;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features depend on each other only in the allowed directions, with no cycles:
 * {@code shared <- audit <- client, debtor <- risk <- pricing <- invoice}; the admin
 * console uses what it configures; {@code portfolio} only reads through its own SQL, and
 * nothing but the benchmark runner depends on it; the demo generator settles its history
 * with the desk's own fee arithmetic ({@code approval.SettlementFees}, the facility's
 * {@code client} fee terms).
 */
class ModularityTests {

	static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("shared", Set.of()),
			Map.entry("audit", Set.of("shared")), Map.entry("client", Set.of("shared", "audit")),
			Map.entry("debtor", Set.of("shared", "audit")),
			Map.entry("invoice", Set.of("shared", "audit", "client", "debtor")),
			Map.entry("risk", Set.of("shared", "audit", "client", "debtor", "invoice")),
			Map.entry("pricing", Set.of("shared", "audit", "client", "debtor", "invoice", "risk")),
			Map.entry("approval", Set.of("shared", "audit", "client", "debtor", "invoice", "risk", "pricing")),
			Map.entry("backtest", Set.of("shared", "risk")),
			Map.entry("portfolio", Set.of("shared", "client", "debtor", "approval")),
			Map.entry("security", Set.of("shared", "audit")),
			Map.entry("admin",
					Set.of("shared", "audit", "security", "client", "debtor", "risk", "pricing", "approval")),
			Map.entry("web", Set.of("shared", "security")),
			Map.entry("demo", Set.of("shared", "client", "invoice", "approval")),
			Map.entry("ingest", Set.of("shared", "audit", "client", "debtor", "invoice", "approval")),
			Map.entry("bench", Set.of("shared", "security", "demo", "risk", "backtest", "portfolio")));

	private final ApplicationModules modules = ApplicationModules.of(FactorDeskApplication.class);

	@Test
	void featuresRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void dependenciesPointOnlyTheAllowedWay() {
		Map<String, Set<String>> actual = new TreeMap<>();
		this.modules.forEach((module) -> actual.put(module.getIdentifier().toString(),
				module.getDirectDependencies(this.modules)
					.uniqueModules()
					.map((target) -> target.getIdentifier().toString())
					.collect(Collectors.toCollection(TreeSet::new))));
		assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
		actual.forEach((module, dependencies) -> assertThat(ALLOWED.get(module)).as("what %s may depend on", module)
			.containsAll(dependencies));
	}

}
