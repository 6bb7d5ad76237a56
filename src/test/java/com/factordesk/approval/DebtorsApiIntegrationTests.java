package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/v1/debtors} (DESIGN section 7) on the demo book: the debtors by ref,
 * page by page, each with its score, grade, exposure and limit as the book's rows hold
 * them.
 */
@IntegrationTest
class DebtorsApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The demo profile's integration key (DESIGN section 7).
	 */
	private static final String DEMO_KEY = "fd-demo-integration-key";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theDebtorsComeByRefPageByPage() throws Exception {
		long debtors = this.jdbc.queryForObject("SELECT COUNT(*) FROM debtor", Long.class);
		List<String> refs = this.jdbc.queryForList("SELECT ref FROM debtor ORDER BY ref LIMIT 6", String.class);

		JsonNode first = read("0", "3");
		JsonNode second = read("1", "3");

		assertThat(first.get("totalElements").asLong()).isEqualTo(debtors);
		assertThat(first.get("content").valueStream().map((debtor) -> debtor.get("ref").asString()))
			.containsExactlyElementsOf(refs.subList(0, 3));
		assertThat(second.get("content").valueStream().map((debtor) -> debtor.get("ref").asString()))
			.containsExactlyElementsOf(refs.subList(3, 6));
	}

	@Test
	void aDebtorShowsItsScoreExposureAndLimit() throws Exception {
		// a debtor with funded invoices open: what its open advances still have out (the
		// advance less what was collected) plus what its approvals reserve, from the rows
		Map<String, Object> debtor = this.jdbc.queryForMap(
				"""
						SELECT d.id, d.ref, d.name, d.credit_limit, r.score, r.grade,
						       (SELECT COUNT(*) FROM debtor o WHERE o.ref < d.ref) AS before
						FROM debtor d JOIN risk_score r ON r.id = d.current_risk_score_id
						WHERE EXISTS (SELECT 1 FROM invoice i WHERE i.debtor_id = d.id AND i.status IN ('FUNDED', 'PARTIALLY_PAID'))
						ORDER BY d.ref LIMIT 1
						""");
		BigDecimal funded = this.jdbc.queryForObject("""
				SELECT COALESCE(SUM(GREATEST(0, a.amount - (SELECT COALESCE(SUM(p.amount), 0) FROM payment_allocation p
				                                            WHERE p.invoice_id = i.id AND p.reversed_on IS NULL))), 0)
				FROM advance a JOIN invoice i ON i.id = a.invoice_id
				WHERE i.debtor_id = ? AND i.closed_on IS NULL
				""", BigDecimal.class, debtor.get("id"));
		BigDecimal reserved = this.jdbc.queryForObject("""
				SELECT COALESCE(SUM(approved_advance), 0) FROM invoice
				WHERE debtor_id = ? AND status IN ('AWAITING_SECOND_APPROVAL', 'APPROVED')
				""", BigDecimal.class, debtor.get("id"));

		JsonNode row = read(debtor.get("before").toString(), "1").get("content").get(0);

		assertThat(row.get("ref").asString()).isEqualTo(debtor.get("ref"));
		assertThat(row.get("name").asString()).isEqualTo(debtor.get("name"));
		assertThat(row.get("score").decimalValue()).isEqualByComparingTo((BigDecimal) debtor.get("score"));
		assertThat(row.get("grade").asString()).isEqualTo(debtor.get("grade"));
		assertThat(row.get("creditLimit").decimalValue()).isEqualByComparingTo((BigDecimal) debtor.get("credit_limit"));
		assertThat(row.get("exposure").decimalValue()).isEqualByComparingTo(funded.add(reserved)).isPositive();
	}

	@Test
	void theDemoKeyReadsDebtorsAndBadPagesAreProblems() throws Exception {
		this.mvc.perform(get("/api/v1/debtors").param("size", "1").header("X-API-Key", DEMO_KEY))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/debtors").with(user("a").roles("ADMIN"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/debtors").param("size", "100000").with(user("u").roles("MANAGER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private JsonNode read(String page, String size) throws Exception {
		String body = this.mvc
			.perform(get("/api/v1/debtors").param("page", page).param("size", size).with(user("u").roles("MANAGER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(body);
	}

}
