package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.QueueItem;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The queue filtered by a flag: the filter runs before the paging (every flagged invoice
 * of the queue is on some page, each once), the rows carry their chips, and on the demo
 * book the cross-aged debtors' queued invoices are flagged.
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class QueueFlagsIntegrationTests {

	private static final Pattern ROW = Pattern.compile("data-invoice-id=\"(\\d+)\"");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UnderwriterQueue queue;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManager entities;

	@Test
	void theDemoBooksCrossAgedDebtorsQueuedInvoicesAreFlagged() {
		// independently of the flags' SQL: per debtor, the open amount at 2026-11-25 and
		// its part over 90 days past due, from the same balance the portfolio uses
		List<Map<String, Object>> expected = this.jdbc.queryForList("""
				WITH aging AS (
				    SELECT debtor_id, SUM(outstanding) AS open_amount,
				           SUM(CASE WHEN DATE '2026-11-25' - due_date > 90 THEN outstanding ELSE 0 END) AS aged
				    FROM open_receivable(DATE '2026-11-25') GROUP BY debtor_id
				)
				SELECT i.id, i.amount, d.ref, a.aged / a.open_amount AS share
				FROM invoice i JOIN debtor d ON d.id = i.debtor_id JOIN aging a ON a.debtor_id = i.debtor_id
				WHERE i.status IN ('SUBMITTED', 'VERIFIED') AND a.aged * 10 > a.open_amount
				ORDER BY i.submitted_at, i.id
				""");
		Page<QueueItem> flagged = this.queue.page(PageRequest.of(0, 1000, Sort.by("submittedAt").and(Sort.by("id"))),
				Optional.of(FlagCode.CROSS_AGED));
		assertThat(flagged.getContent()).extracting(QueueItem::id)
			.containsExactlyElementsOf(expected.stream().map((row) -> ((Number) row.get("id")).longValue()).toList());
		BigDecimal total = expected.stream()
			.map((row) -> (BigDecimal) row.get("amount"))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		long debtors = expected.stream().map((row) -> row.get("ref")).distinct().count();
		System.out.printf("cross-aged: %d queued invoices (%s) of %d debtors%n", expected.size(), total, debtors);
		expected.forEach((row) -> System.out.println("  " + row));
		for (FlagCode code : FlagCode.values()) {
			Page<QueueItem> page = this.queue.page(PageRequest.of(0, 25, Sort.by("submittedAt").and(Sort.by("id"))),
					Optional.of(code));
			System.out.printf("flag %s: %d queued invoices%n", code, page.getTotalElements());
		}
		// the demo book has cross-aged debtors with queued invoices
		assertThat(expected).isNotEmpty();
	}

	@Test
	void theQueueFilteredByAFlagShowsEveryInvoiceWithItAndNoOther() throws Exception {
		// two related-party invoices, submitted before the whole demo queue: first in it
		Client client = Clients.aClient().build();
		Debtor debtor = Debtors.aDebtor().build();
		this.entities.persist(client);
		this.entities.persist(debtor);
		Invoice first = Invoices.anInvoice(client, debtor).amount("111.11").issued(LocalDate.of(2026, 11, 2)).build();
		Invoice second = Invoices.anInvoice(client, debtor).amount("222.22").issued(LocalDate.of(2026, 11, 3)).build();
		this.entities.persist(first);
		this.entities.persist(second);
		this.entities.flush();
		this.jdbc.update("UPDATE invoice SET submitted_at = TIMESTAMPTZ '2020-01-01 10:00:00+00' WHERE id IN (?, ?)",
				first.getId(), second.getId());
		this.jdbc.update("UPDATE debtor SET registration_number = ? WHERE id = ?", client.getRegistrationNumber(),
				debtor.getId());
		long related = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice i JOIN client c ON c.id = i.client_id JOIN debtor d ON d.id = i.debtor_id
				WHERE i.status IN ('SUBMITTED', 'VERIFIED')
				  AND REGEXP_REPLACE(UPPER(c.registration_number), '[^A-Z0-9]', '', 'g')
				    = REGEXP_REPLACE(UPPER(d.registration_number), '[^A-Z0-9]', '', 'g')
				""", Long.class);

		String page = this.mvc
			.perform(get("/queue").param("flag", "RELATED_PARTY").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Long> rows = rows(page);
		assertThat(rows).hasSize((int) Math.min(related, QueueController.PAGE_SIZE));
		assertThat(rows.subList(0, 2)).containsExactly(first.getId(), second.getId());
		assertThat(page).contains(related + " invoices waiting for a decision, longest waiting first")
			.contains("Filters: flag &quot;Related party&quot;.");
		// every row carries the chip: its severity in words for a screen reader, its
		// sentence as a tooltip and as hidden text
		assertThat(page.split("data-flag=\"RELATED_PARTY\"", -1)).hasSize(rows.size() + 1);
		assertThat(page).contains("<span class=\"visually-hidden\">Error:</span>")
			.contains("title=\"Related party: the client and the debtor share registration number "
					+ client.getRegistrationNumber() + ".\"");
		// the filter is a labelled select, the flag chosen
		assertThat(page).contains("<label for=\"flag-filter\"")
			.contains("<option value=\"RELATED_PARTY\" selected=\"selected\">Related party</option>");
		// sorting and paging keep the filter
		assertThat(page).contains("href=\"/queue?flag=RELATED_PARTY&amp;sort=amount&amp;dir=asc\"");

		// sorted by amount, descending: the larger first
		String sorted = this.mvc
			.perform(get("/queue").param("flag", "related_party")
				.param("sort", "amount")
				.param("dir", "desc")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Long> sortedRows = rows(sorted);
		assertThat(sortedRows.indexOf(second.getId())).isLessThan(sortedRows.indexOf(first.getId()));
		// the subtitle says the order in force, in the reader's language
		assertThat(page).contains(related + " invoices waiting for a decision, longest waiting first")
			.contains("Filters: flag &quot;Related party&quot;.");
		assertThat(sorted).contains(related + " invoices waiting for a decision, largest amount first")
			.contains("Filters: flag &quot;Related party&quot;.");
		assertThat(this.mvc
			.perform(get("/queue").param("sort", "due")
				.param("dir", "desc")
				.param("lang", "nl")
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("facturen wachten op een beslissing, laatste vervaldatum eerst");
	}

	@Test
	void thePagesOfAFilteredQueueHoldEachFlaggedInvoiceOnce() throws Exception {
		// 30 more invoices of a debtor without a bureau reading: more than a page of them
		Client client = Clients.aClient().build();
		Debtor debtor = Debtors.aDebtor().build();
		this.entities.persist(client);
		this.entities.persist(debtor);
		for (int i = 0; i < 30; i++) {
			this.entities.persist(Invoices.anInvoice(client, debtor)
				.amount("100.00")
				.issued(LocalDate.of(2026, 11, 24).minusDays(i * 10L))
				.build());
		}
		this.entities.flush();
		long independent = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice i
				WHERE i.status IN ('SUBMITTED', 'VERIFIED')
				  AND NOT EXISTS (SELECT 1 FROM bureau_score b WHERE b.debtor_id = i.debtor_id
				                  AND b.as_of >= DATE '2026-11-25' - 180)
				""", Long.class);
		assertThat(independent).isGreaterThanOrEqualTo(30).isGreaterThan(QueueController.PAGE_SIZE);
		List<Long> seen = new java.util.ArrayList<>();
		long pages = (independent + QueueController.PAGE_SIZE - 1) / QueueController.PAGE_SIZE;
		for (long number = 1; number <= pages; number++) {
			String page = this.mvc
				.perform(get("/queue").param("flag", "STALE_BUREAU")
					.param("page", Long.toString(number))
					.with(user("u").roles("UNDERWRITER")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("Page " + number + " of " + pages);
			seen.addAll(rows(page));
		}
		assertThat(seen).hasSize((int) independent).doesNotHaveDuplicates();
		// a page past the last shows the last
		String past = this.mvc
			.perform(get("/queue").param("flag", "STALE_BUREAU")
				.param("page", Long.toString(pages + 5))
				.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(past).contains("Page " + pages + " of " + pages);
	}

	@Test
	void anUnknownFlagFiltersNothing() throws Exception {
		long queued = this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE status IN ('SUBMITTED', 'VERIFIED')",
				Long.class);
		String page = this.mvc.perform(get("/queue").param("flag", "NO_SUCH_FLAG").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(rows(page)).hasSize((int) Math.min(queued, QueueController.PAGE_SIZE));
	}

	private static List<Long> rows(String page) {
		List<Long> ids = new java.util.ArrayList<>();
		Matcher matcher = ROW.matcher(page);
		while (matcher.find()) {
			ids.add(Long.parseLong(matcher.group(1)));
		}
		return ids;
	}

}
