package com.factordesk.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/imports/bureau-scores} (DESIGN section 7): new readings are
 * recorded, the same file twice changes nothing, and a file with any invalid row writes
 * nothing and reports every invalid row. Each test is rolled back.
 */
@IntegrationTest
@Transactional
class BureauScoreImportsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String HEADER = "debtor_ref,provider,score,as_of\n";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	private String debtor;

	private long readingsBefore;

	@BeforeEach
	void book() {
		this.debtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY id LIMIT 1", String.class);
		this.readingsBefore = readings();
	}

	@Test
	void newReadingsAreRecordedAndTheSameFileTwiceChangesNothing() throws Exception {
		String file = HEADER + this.debtor + ",graydon,64,2026-11-20\n" + this.debtor + ",PAYDEX,71,2026-11-21\n";

		JsonNode report = read(importFile(file).andExpect(status().isOk()));
		JsonNode again = read(importFile(file).andExpect(status().isOk()));

		assertThat(report.get("status").asString()).isEqualTo("IMPORTED");
		assertThat(report.get("imported").asLong()).isEqualTo(2);
		assertThat(report.get("rescored").asLong()).isEqualTo(1);
		Map<String, Object> graydon = this.jdbc.queryForMap("""
				SELECT b.score, b.as_of FROM bureau_score b JOIN debtor d ON d.id = b.debtor_id
				WHERE d.ref = ? AND b.provider = 'GRAYDON' AND b.as_of = DATE '2026-11-20'
				""", this.debtor);
		assertThat(graydon.get("score")).isEqualTo(64);
		assertThat(again.get("status").asString()).isEqualTo("UNCHANGED");
		assertThat(again.get("unchanged").asLong()).isEqualTo(2);
		assertThat(readings()).isEqualTo(this.readingsBefore + 2);
	}

	@Test
	void everyInvalidRowIsReportedAndNothingIsWritten() throws Exception {
		String d = this.debtor;
		String file = HEADER // line 1
				+ d + ",GRAYDON,64,2026-11-20\n" // 2: valid
				+ d + ",EXPERIAN,64,2026-11-20\n" // 3
				+ d + ",GRAYDON,101,2026-11-19\n" // 4
				+ d + ",GRAYDON,7.5,2026-11-18\n" // 5
				+ d + ",GRAYDON,64,2026-11-26\n" // 6: the demo's today is 2026-11-25
				+ d + ",GRAYDON,64,2026-04-31\n" // 7
				+ ",GRAYDON,64,2026-11-20\n"; // 8

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("field").asString() + " "
					+ error.get("code").asString()))
			.containsExactly("3 provider import.bureau.unknownProvider", "4 score import.bureau.score",
					"5 score import.bureau.score", "6 as_of import.bureau.future", "7 as_of import.row.impossibleDate",
					"8 debtor_ref import.row.empty");
		assertThat(report.get("errors").get(0).get("message").asString()).isEqualTo(
				"\"EXPERIAN\" is not a bureau the desk reads: one of PAYDEX, INTELLISCORE, CREDITSAFE, GRAYDON.");
		assertThat(readings()).isEqualTo(this.readingsBefore);
	}

	@Test
	void rowsAreCheckedTogetherAgainstTheBook() throws Exception {
		Map<String, Object> known = this.jdbc.queryForMap("""
				SELECT d.ref, b.provider, b.score, b.as_of FROM bureau_score b JOIN debtor d ON d.id = b.debtor_id
				ORDER BY b.id LIMIT 1
				""");
		String file = HEADER + "D-NOBODY,GRAYDON,64,2026-11-20\n" // 2
				+ this.debtor + ",GRAYDON,64,2026-11-22\n" // 3
				+ this.debtor + ",GRAYDON,65,2026-11-22\n" // 4
				+ known.get("ref") + "," + known.get("provider") + "," + (((Integer) known.get("score")) + 1) % 101
				+ "," + known.get("as_of") + "\n"; // 5

		JsonNode report = read(importFile(file).andExpect(status().isUnprocessableContent()));

		assertThat(report.get("errors")
			.valueStream()
			.map((error) -> error.get("line").asLong() + " " + error.get("code").asString())).containsExactly(
					"2 import.bureau.unknownDebtor", "4 import.bureau.twiceInFile", "5 import.bureau.knownOtherwise");
		assertThat(report.get("errors").get(2).get("message").asString())
			.endsWith(" is already known as " + known.get("score") + ".");
		assertThat(readings()).isEqualTo(this.readingsBefore);
	}

	private ResultActions importFile(String csv) throws Exception {
		return this.mvc.perform(post("/api/v1/imports/bureau-scores").header("X-API-Key", "fd-demo-integration-key")
			.contentType("text/csv")
			.content(csv.getBytes(StandardCharsets.UTF_8)));
	}

	private static JsonNode read(ResultActions result) throws Exception {
		return JSON.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private long readings() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM bureau_score", Long.class);
	}

}
