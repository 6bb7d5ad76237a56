package com.factordesk;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * The features depend on each other only in the allowed directions, with no cycles.
 */
class ModularityTests {

	@Test
	void featuresRespectTheirBoundaries() {
		ApplicationModules.of(FactorDeskApplication.class).verify();
	}

}
