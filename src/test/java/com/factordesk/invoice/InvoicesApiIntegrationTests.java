package com.factordesk.invoice;

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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/v1/invoices} (DESIGN section 7) on the demo book: a client's invoices
 * page by page, narrowed by status, each with what is outstanding, checked against the
 * book's own rows; bad parameters are 4xx problems.
 */
@IntegrationTest
class InvoicesApiIntegrationTests {

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
	void aClientsInvoicesComePageByPageWithTheirTotal() throws Exception {
		Map<String, Object> client = this.jdbc.queryForMap("""
				SELECT c.ref, COUNT(*) AS invoices FROM client c JOIN invoice i ON i.client_id = c.id
				GROUP BY c.ref HAVING COUNT(*) > 12 ORDER BY c.ref LIMIT 1
				""");
		String ref = (String) client.get("ref");
		long invoices = ((Number) client.get("invoices")).longValue();
		List<String> numbers = this.jdbc.queryForList(
				"SELECT i.number FROM invoice i JOIN client c ON c.id = i.client_id WHERE c.ref = ? ORDER BY i.id LIMIT 12",
				String.class, ref);

		JsonNode first = read(get("/api/v1/invoices").param("clientRef", ref).param("size", "5"));
		JsonNode third = read(get("/api/v1/invoices").param("clientRef", ref).param("size", "5").param("page", "2"));

		assertThat(first.get("totalElements").asLong()).isEqualTo(invoices);
		assertThat(first.get("totalPages").asInt()).isEqualTo((int) ((invoices + 4) / 5));
		assertThat(first.get("content")).hasSize(5);
		assertThat(first.get("content").valueStream().map((invoice) -> invoice.get("clientRef").asString()))
			.containsOnly(ref);
		assertThat(first.get("content").valueStream().map((invoice) -> invoice.get("number").asString()))
			.containsExactlyElementsOf(numbers.subList(0, 5));
		assertThat(third.get("content").valueStream().limit(2).map((invoice) -> invoice.get("number").asString()))
			.containsExactlyElementsOf(numbers.subList(10, 12));
	}

	@Test
	void aStatusNarrowsThePage() throws Exception {
		String ref = this.jdbc.queryForObject("""
				SELECT c.ref FROM client c JOIN invoice i ON i.client_id = c.id WHERE i.status = 'SUBMITTED'
				GROUP BY c.ref ORDER BY COUNT(*) DESC, c.ref LIMIT 1
				""", String.class);
		long submitted = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM invoice i JOIN client c ON c.id = i.client_id WHERE c.ref = ? AND i.status = 'SUBMITTED'",
				Long.class, ref);

		JsonNode page = read(get("/api/v1/invoices").param("clientRef", ref).param("status", "submitted"));

		assertThat(page.get("totalElements").asLong()).isEqualTo(submitted).isPositive();
		assertThat(page.get("content").valueStream().map((invoice) -> invoice.get("status").asString()))
			.containsOnly("SUBMITTED");
		assertThat(page.get("content").valueStream().map((invoice) -> invoice.get("fundedOn").isNull()))
			.containsOnly(true);
	}

	@Test
	void aPartlyPaidInvoiceShowsWhatIsStillOwed() throws Exception {
		// a partly paid invoice of the book, its face, its payments and credit notes as
		// the rows hold them
		Map<String, Object> invoice = this.jdbc.queryForMap("""
				SELECT i.id, c.ref AS client_ref, i.number, i.amount, i.funded_on FROM invoice i
				JOIN client c ON c.id = i.client_id
				WHERE i.status = 'PARTIALLY_PAID' ORDER BY i.id LIMIT 1
				""");
		BigDecimal face = (BigDecimal) invoice.get("amount");
		BigDecimal paid = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(amount), 0) FROM payment_allocation WHERE invoice_id = ? AND reversed_on IS NULL",
				BigDecimal.class, invoice.get("id"));
		BigDecimal credited = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(amount), 0) FROM credit_note WHERE invoice_id = ?", BigDecimal.class,
				invoice.get("id"));
		long before = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM invoice WHERE client_id = (SELECT client_id FROM invoice WHERE id = ?) AND status = 'PARTIALLY_PAID' AND id < ?",
				Long.class, invoice.get("id"), invoice.get("id"));

		JsonNode page = read(get("/api/v1/invoices").param("clientRef", (String) invoice.get("client_ref"))
			.param("status", "PARTIALLY_PAID")
			.param("size", "1")
			.param("page", String.valueOf(before)));

		JsonNode row = page.get("content").get(0);
		assertThat(row.get("number").asString()).isEqualTo(invoice.get("number"));
		assertThat(row.get("amount").decimalValue()).isEqualByComparingTo(face);
		assertThat(paid).isPositive();
		assertThat(row.get("outstanding").decimalValue()).isEqualByComparingTo(face.subtract(paid).subtract(credited))
			.isLessThan(face);
		assertThat(row.get("fundedOn").asString()).isEqualTo(invoice.get("funded_on").toString());
		assertThat(row.get("dueDate").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
	}

	@Test
	void theDemoKeyReadsInvoicesAndAnAdminMayNot() throws Exception {
		this.mvc.perform(get("/api/v1/invoices").param("size", "2").header("X-API-Key", DEMO_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(2));
		this.mvc.perform(get("/api/v1/invoices")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/invoices").with(user("a").roles("ADMIN"))).andExpect(status().isForbidden());
	}

	@Test
	void anUnknownClientIsA404Problem() throws Exception {
		this.mvc.perform(get("/api/v1/invoices").param("clientRef", "C-NOBODY").with(user("u").roles("MANAGER")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("C-NOBODY")));
	}

	@Test
	void badParametersAre400ProblemsThatSayWhy() throws Exception {
		this.mvc.perform(get("/api/v1/invoices").param("status", "LOST").with(user("u").roles("MANAGER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Unknown status 'LOST'")))
			.andExpect(jsonPath("$.detail", containsString("PARTIALLY_PAID")));
		for (String[] bad : new String[][] { { "size", "0" }, { "size", "501" }, { "page", "-1" },
				{ "page", "two" } }) {
			this.mvc.perform(get("/api/v1/invoices").param(bad[0], bad[1]).with(user("u").roles("MANAGER")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	private JsonNode read(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		String body = this.mvc.perform(request.with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(body);
	}

}
