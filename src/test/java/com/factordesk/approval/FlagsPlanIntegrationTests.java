package com.factordesk.approval;

import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flags statement of a page is planned once per connection and kept (planning it took
 * longer than running it), with the same flags as when it was planned each time; the
 * statements after it in the transaction are still planned with their parameters, as the
 * pool sets every connection up (CustomPlansIntegrationTests).
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class FlagsPlanIntegrationTests {

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private InvoiceQuotes quotes;

	@Autowired
	private KeptByScope kept;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aPagesFlagsArePlannedOnceAndThePoolsPlanModeIsBackAfterThem() {
		// the first page of the demo book's queue, oldest first: 25 of its 180 invoices
		List<Long> page = this.jdbc.queryForList("""
				SELECT id FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED') ORDER BY submitted_at, id LIMIT 25
				""", Long.class);
		assertThat(page).hasSize(25);
		Map<Long, List<Flag>> first = this.flags.of(page);
		assertThat(first.values().stream().mapToInt(List::size).sum()).as("flags on the page").isPositive();

		// the driver prepares a statement on the server from its fifth execution on (a
		// connection of the pool may hold the statement of other tests' pages too: the
		// page's is the one of 25 ids with today, 2026-11-25, written into it)
		// (computed each time: the flags kept from the run before forgotten)
		for (int run = 2; run <= 8; run++) {
			this.kept.forget();
			assertThat(this.flags.of(page)).as("run %d", run).isEqualTo(first);
		}

		Map<String, Object> plans = this.jdbc.queryForMap("""
				SELECT custom_plans, generic_plans FROM pg_prepared_statements
				WHERE statement LIKE '%DOUBLE_PLEDGING%' AND statement LIKE '%i.id IN (%$25)%'
				  AND statement LIKE '%DATE ''2026-11-25''%'
				""");
		assertThat((Long) plans.get("custom_plans")).isZero();
		assertThat((Long) plans.get("generic_plans")).isPositive();
		assertThat(this.jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
	}

	@Test
	void aPagesQuotesArePlannedOnceWithTheSameFiguresAndThePoolsPlanModeIsBackAfterThem() {
		List<Long> page = this.jdbc.queryForList("""
				SELECT id FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED') ORDER BY submitted_at, id LIMIT 25
				""", Long.class);
		Map<Long, InvoiceQuote> first = this.quotes.quoteAll(page);
		assertThat(first).hasSize(25);
		for (int run = 2; run <= 8; run++) {
			assertThat(this.quotes.quoteAll(page)).as("run %d", run).isEqualTo(first);
		}
		// the books of the page's clients, today written into the statement
		Map<String, Object> plans = this.jdbc.queryForMap("""
				SELECT custom_plans, generic_plans FROM pg_prepared_statements
				WHERE statement LIKE '%open_book(DATE ''2026-11-25'')%' AND statement LIKE '%invoice_id IN (%$%'
				ORDER BY generic_plans DESC LIMIT 1
				""");
		assertThat((Long) plans.get("custom_plans")).isZero();
		assertThat((Long) plans.get("generic_plans")).isPositive();
		assertThat(this.jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
	}

}
