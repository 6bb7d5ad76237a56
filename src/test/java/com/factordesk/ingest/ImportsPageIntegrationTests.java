package com.factordesk.ingest;

import java.nio.charset.StandardCharsets;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin console's imports page: an admin uploads an invoices file and reads the
 * report, in the reader's language; nobody else may. Each test is rolled back.
 */
@IntegrationTest
@Transactional
class ImportsPageIntegrationTests {

	private static final String HEADER = "client_ref,debtor_ref,debtor_name,invoice_number,issue_date,due_date,amount,currency";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void anAdminUploadsAFileAndSeesWhatItEntered() throws Exception {
		String client = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		String debtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY id LIMIT 1", String.class);
		String file = HEADER + "\n" + client + "," + debtor + ",,IMP-P-0001,2026-11-02,2026-12-02,100.00,EUR\n";

		this.mvc
			.perform(
					multipart("/admin/imports").file(csv("book.csv", file)).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Report on book.csv")))
			.andExpect(content().string(containsString("id=\"import-imported\">1<")));
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE number = 'IMP-P-0001'", String.class))
			.isEqualTo("SUBMITTED");
	}

	@Test
	void aMigratedFundedBookIsReportedWithItsAdvancesAndWhatIsOverALimit() throws Exception {
		// a new client on the template (80 %) and a new debtor without a limit: 2,500.00
		// x 0.80 = 2,000.00 advanced, 500.00 in reserve, the debtor 2,000.00 over its 0
		String file = HEADER + ",funded_date\n"
				+ "CNEW-P9,ERP-P9,Migratie B.V.,IMP-P-0009,2026-10-01,2026-11-30,2500.00,EUR,2026-10-02\n";

		this.mvc.perform(
				multipart("/admin/imports").file(csv("funded.csv", file)).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-taken-over\">1<")))
			.andExpect(content().string(containsString("id=\"import-advanced\">EUR\u00a02,000.00<")))
			.andExpect(content().string(containsString("id=\"import-reserves\">EUR\u00a0500.00<")))
			.andExpect(content().string(containsString("data-debtor=\"ERP-P9\"")))
			.andExpect(content().string(containsString("Over a limit after the takeover: 1 debtors, 0 facilities")));
		assertThat(this.jdbc.queryForObject("SELECT status FROM invoice WHERE number = 'IMP-P-0009'", String.class))
			.isEqualTo("FUNDED");
	}

	@Test
	void aBadRowIsListedInTheReadersLanguageAndNothingIsWritten() throws Exception {
		String client = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		String debtor = this.jdbc.queryForObject("SELECT ref FROM debtor ORDER BY id LIMIT 1", String.class);
		String file = HEADER + "\n" + client + "," + debtor + ",,IMP-P-0002,2026-11-02,2026-12-02,100.00,EUR\n" + client
				+ "," + debtor + ",,IMP-P-0003,2026-11-02,2026-10-02,100.00,EUR\n";

		this.mvc
			.perform(multipart("/admin/imports").file(csv("boek.csv", file))
				.header("Accept-Language", "nl")
				.with(user("a").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Afgewezen: er is niets weggeschreven")))
			.andExpect(content()
				.string(containsString("De vervaldatum 2026-10-02 ligt voor de factuurdatum 2026-11-02.")));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE number LIKE 'IMP-P-%'", Long.class))
			.isZero();
	}

	@Test
	void aDisputesFileAndTheLikelyDuplicatesOfNewDebtorsAreReported() throws Exception {
		String client = this.jdbc.queryForObject("SELECT ref FROM client ORDER BY id LIMIT 1", String.class);
		String file = HEADER + "\n" + client
				+ ",ERP-PAGE-1,Pagina Handel B.V.,IMP-P-0010,2026-11-02,2026-12-02,100.00,EUR\n" + client
				+ ",ERP-PAGE-2,PAGINA HANDEL,IMP-P-0011,2026-11-02,2026-12-02,100.00,EUR\n";

		this.mvc
			.perform(multipart("/admin/imports").file(csv("new.csv", file)).with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Likely duplicates among the new debtors")))
			.andExpect(content().string(containsString("<tr data-debtor=\"ERP-PAGE-1\">")))
			.andExpect(content().string(containsString("<span>PAGINA HANDEL</span>")));

		String disputes = "client_ref,invoice_number,opened_date,reason,amount,resolved_date,outcome\n" + client
				+ ",IMP-P-0010,2026-11-20,quantity,40.00,2026-11-24,withdrawn\n";
		this.mvc
			.perform(multipart("/admin/imports").file(csv("disputes.csv", disputes))
				.param("kind", "disputes")
				.with(user("a").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"import-disputes-opened\">1<")))
			.andExpect(content().string(containsString("id=\"import-disputes-resolved\">1<")));
		assertThat(this.jdbc.queryForObject("""
				SELECT x.outcome FROM dispute x JOIN invoice i ON i.id = x.invoice_id WHERE i.number = 'IMP-P-0010'
				""", String.class)).isEqualTo("WITHDRAWN");
	}

	@Test
	void noFileIsAFieldError() throws Exception {
		this.mvc.perform(multipart("/admin/imports").with(user("a").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose a file to import.")));
	}

	@Test
	void onlyAdminsImport() throws Exception {
		this.mvc.perform(get("/admin/imports").with(user("u").roles("UNDERWRITER"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/imports").with(user("m").roles("MANAGER"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/imports").with(user("a").roles("ADMIN"))).andExpect(status().isOk());
	}

	private static MockMultipartFile csv(String name, String content) {
		return new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

}
