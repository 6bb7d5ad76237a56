package com.factordesk.portfolio;

import java.sql.SQLException;

import com.factordesk.IntegrationTest;
import com.factordesk.MigrationDatabase;
import com.factordesk.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code factordesk.reporting-database.url} set, the dashboards, their exports and
 * the portfolio API read that copy (here a second database on the test server holding one
 * funded invoice of 1,234.56), while the workbench keeps reading and writing the primary
 * (the demo book). The copy is dropped afterwards, and the context with it.
 */
@IntegrationTest
@DirtiesContext
class ReportingDatabaseIntegrationTests {

	private static final String AS_OF = "2026-11-25";

	private static final String DEMO_KEY = "fd-demo-integration-key";

	private static MigrationDatabase copy;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void aCopyOfTheDatabase(DynamicPropertyRegistry registry) throws SQLException {
		copy = MigrationDatabase.create("reporting_copy");
		copy.migrateTo("latest");
		JdbcTemplate jdbc = copy.jdbc();
		long client = jdbc.queryForObject(
				"""
						INSERT INTO client (ref, legal_name, onboarded_on) VALUES ('COPY-C1', 'Copy Client B.V.', DATE '2026-01-05')
						RETURNING id""",
				Long.class);
		long debtor = jdbc.queryForObject("""
				INSERT INTO debtor (ref, name, credit_limit) VALUES ('COPY-D1', 'Copy Debtor B.V.', 100000.00)
				RETURNING id""", Long.class);
		jdbc.update("""
				INSERT INTO invoice (client_id, debtor_id, number, issue_date, due_date, amount, status, submitted_at,
				                     funded_on)
				VALUES (?, ?, 'COPY-0001', DATE '2026-10-01', DATE '2026-10-31', 1234.56, 'FUNDED',
				        TIMESTAMPTZ '2026-10-01 09:00:00+00', DATE '2026-10-02')
				""", client, debtor);
		registry.add("factordesk.reporting-database.url", copy::url);
		registry.add("factordesk.reporting-database.username",
				() -> TestDatabase.properties().get("spring.datasource.username"));
		registry.add("factordesk.reporting-database.password",
				() -> TestDatabase.properties().get("spring.datasource.password"));
	}

	@AfterAll
	static void dropTheCopy() throws SQLException {
		if (copy != null) {
			copy.drop();
		}
	}

	@Test
	void theDashboardsReadTheCopyAndTheWorkbenchThePrimary() throws Exception {
		// the portfolio's figures: the copy's one open invoice, not the demo book's
		// millions
		this.mvc.perform(get("/api/v1/portfolio/summary").param("asOf", AS_OF).header("X-API-Key", DEMO_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openAr").value(1234.56));
		this.mvc.perform(get("/portfolio").param("asOf", AS_OF).with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"open-ar\">EUR\u00a01,234.56<")));
		this.mvc.perform(get("/portfolio/export/aging.csv").param("asOf", AS_OF).with(user("m").roles("MANAGER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1234.56")));

		// the workbench: an invoice of the demo book's queue, on the primary
		long queued = this.jdbc.queryForObject("SELECT MIN(id) FROM invoice WHERE status = 'SUBMITTED'", Long.class);
		String number = this.jdbc.queryForObject("SELECT number FROM invoice WHERE id = ?", String.class, queued);
		this.mvc.perform(get("/invoices/{id}", queued).with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(number)));
	}

}
