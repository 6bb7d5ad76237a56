package com.factordesk.security;

import java.util.Set;
import java.util.TreeSet;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API's OpenAPI description at {@code /v3/api-docs} and its browser at
 * {@code /swagger-ui.html}: for admins only; it describes every {@code /api/v1} operation
 * (and nothing else) and the key header the calls need.
 */
@IntegrationTest
class ApiDocumentationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Test
	void anAdminReadsEveryApiOperationAndTheKeyItNeeds() throws Exception {
		String body = this.mvc.perform(get("/v3/api-docs").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode api = JSON.readTree(body);

		Set<String> operations = new TreeSet<>();
		api.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.forEach((method) -> operations.add(method.toUpperCase() + " " + path.getKey())));
		// DESIGN section 7's API, and no page
		assertThat(operations).containsExactly("GET /api/v1/debtors", "GET /api/v1/debtors/{ref}/score",
				"GET /api/v1/invoices", "GET /api/v1/portfolio/summary", "GET /api/v1/risk/backtest",
				"POST /api/v1/imports/{kind}");
		JsonNode scheme = api.at("/components/securitySchemes/apiKey");
		assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
		assertThat(scheme.get("in").asString()).isEqualTo("header");
		assertThat(scheme.get("name").asString()).isEqualTo("X-API-Key");
		assertThat(api.at("/security/0").has("apiKey")).isTrue();
		// an import's body is the CSV file itself
		assertThat(api.at("/paths/~1api~1v1~1imports~1{kind}/post/requestBody/content").has("text/csv")).isTrue();
	}

	@Test
	void theBrowserOpensForAnAdmin() throws Exception {
		this.mvc.perform(get("/swagger-ui.html").with(user("admin").roles("ADMIN")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/swagger-ui/index.html"));
		this.mvc.perform(get("/swagger-ui/index.html").with(user("admin").roles("ADMIN"))).andExpect(status().isOk());
	}

	@Test
	void nobodyElseReadsIt() throws Exception {
		for (String role : new String[] { "UNDERWRITER", "MANAGER" }) {
			this.mvc.perform(get("/v3/api-docs").with(user("someone").roles(role))).andExpect(status().isForbidden());
			this.mvc.perform(get("/swagger-ui/index.html").with(user("someone").roles(role)))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/v3/api-docs")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		// an integration's key is a credential for the API only, not for its
		// description
		this.mvc.perform(get("/v3/api-docs").header("X-API-Key", "fd-demo-integration-key"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

}
