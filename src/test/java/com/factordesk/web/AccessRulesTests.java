package com.factordesk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.factordesk.approval.DebtorPosition;
import com.factordesk.approval.DebtorProfile;
import com.factordesk.approval.DebtorProfiles;
import com.factordesk.approval.InvoiceDetail;
import com.factordesk.approval.InvoiceDetails;
import com.factordesk.approval.UnderwriterQueue;
import com.factordesk.backtest.Backtest;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.portfolio.PortfolioOverview;
import com.factordesk.portfolio.PortfolioQueries;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.pricing.PricingAdministration;
import com.factordesk.pricing.PricingBandSet;
import com.factordesk.risk.RiskScores;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringModel;
import com.factordesk.security.ApiKeys;
import com.factordesk.security.PageSecurity;
import com.factordesk.security.UserAccounts;
import com.factordesk.shared.ClockProperties;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may open which screen: each role against each page. Anonymous visitors are sent to
 * the login page; a role without access gets 403. A web slice: every controller with the
 * application's own security (its URL rules, the API key filter, the problem responses),
 * the services behind the pages mocked to answer with empty or minimal records. The one
 * cell that the URL rules leave to a service's method security (an underwriter on the
 * backtest page) is in {@code BacktestAccessIntegrationTests}.
 */
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "com\\.factordesk\\.shared\\.ClockConfiguration"))
@Import({ PageSecurity.class, Formats.class })
@EnableConfigurationProperties(ClockProperties.class)
class AccessRulesTests {

	private static final long INVOICE = 42;

	private static final String DEBTOR = "D00001";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ApiKeys apiKeys;

	@MockitoBean
	private UnderwriterQueue queue;

	@MockitoBean
	private InvoiceQuotes quotes;

	@MockitoBean
	private InvoiceDetails invoices;

	@MockitoBean
	private DebtorProfiles debtors;

	@MockitoBean
	private RiskScores scores;

	@MockitoBean
	private RiskScoring scoring;

	@MockitoBean
	private PortfolioQueries portfolio;

	@MockitoBean
	private Backtest backtest;

	@MockitoBean
	private UserAccounts users;

	@MockitoBean
	private PricingAdministration pricing;

	@MockitoBean
	private ScoringAdministration scoringModels;

	enum Outcome {

		OK, FORBIDDEN, LOGIN

	}

	@BeforeEach
	void pagesHaveSomethingToShow() {
		given(this.queue.page(any())).willReturn(Page.empty());
		given(this.invoices.find(INVOICE)).willReturn(anInvoice());
		given(this.invoices.find(999999999L)).willThrow(new NotFoundException("Invoice", 999999999L));
		given(this.debtors.find(DEBTOR)).willReturn(Optional.of(aDebtor()));
		given(this.portfolio.overview(any(), anyInt())).willAnswer(
				(call) -> new PortfolioOverview(call.getArgument(0), Money.ZERO, 0, 0, 0, List.of(), List.of()));
		given(this.pricing.inForce()).willReturn(PricingBandSet.defaults());
		given(this.scoringModels.current()).willReturn(ScoringModel.defaults());
		given(this.apiKeys.authenticate(anyString())).willReturn(Optional.empty());
	}

	static Stream<Arguments> pages() {
		return Stream.of(Arguments.of("/queue", null, Outcome.LOGIN), Arguments.of("/queue", "UNDERWRITER", Outcome.OK),
				Arguments.of("/queue", "MANAGER", Outcome.OK), Arguments.of("/queue", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/invoices/{invoice}", null, Outcome.LOGIN),
				Arguments.of("/invoices/{invoice}", "UNDERWRITER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "MANAGER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", null, Outcome.LOGIN),
				Arguments.of("/portfolio", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", null, Outcome.LOGIN),
				Arguments.of("/admin/users", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users", "ADMIN", Outcome.OK),
				Arguments.of("/admin/users/new", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/users/new", "ADMIN", Outcome.OK), Arguments.of("/login", null, Outcome.OK),
				Arguments.of("/debtors/" + DEBTOR, null, Outcome.LOGIN),
				Arguments.of("/debtors/" + DEBTOR, "UNDERWRITER", Outcome.OK),
				Arguments.of("/debtors/" + DEBTOR, "MANAGER", Outcome.OK),
				Arguments.of("/debtors/" + DEBTOR, "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/risk/backtest", "MANAGER", Outcome.OK),
				Arguments.of("/risk/backtest", "ADMIN", Outcome.OK),
				Arguments.of("/admin/pricing", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "ADMIN", Outcome.OK),
				Arguments.of("/admin/scoring", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/scoring", "ADMIN", Outcome.OK),
				Arguments.of("/admin/api-keys", null, Outcome.LOGIN),
				Arguments.of("/admin/api-keys", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "ADMIN", Outcome.OK));
	}

	@ParameterizedTest(name = "{1} on {0}: {2}")
	@MethodSource("pages")
	void eachRoleSeesOnlyItsScreens(String path, String role, Outcome outcome) throws Exception {
		MockHttpServletRequestBuilder request = get(path.replace("{invoice}", String.valueOf(INVOICE)));
		if (role != null) {
			request = request.with(user("someone").roles(role));
		}
		switch (outcome) {
			case OK -> this.mvc.perform(request).andExpect(status().isOk());
			case FORBIDDEN -> this.mvc.perform(request).andExpect(status().isForbidden());
			case LOGIN ->
				this.mvc.perform(request).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		}
	}

	static Stream<Arguments> homes() {
		return Stream.of(Arguments.of("UNDERWRITER", "/queue"), Arguments.of("MANAGER", "/portfolio"),
				Arguments.of("ADMIN", "/admin/users"));
	}

	@ParameterizedTest(name = "{0} lands on {1}")
	@MethodSource("homes")
	void eachRoleLandsOnItsHomeScreen(String role, String home) throws Exception {
		this.mvc.perform(get("/").with(user("someone").roles(role)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl(home));
	}

	@Test
	void formsWithoutCsrfTokenAreRefused() throws Exception {
		this.mvc.perform(post("/admin/users").param("username", "nocsrf").with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/users").param("username", "x").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk());
	}

	@Test
	void aMissingInvoiceIsA404() throws Exception {
		this.mvc.perform(get("/invoices/999999999").with(user("someone").roles("UNDERWRITER")))
			.andExpect(status().isNotFound());
	}

	private static InvoiceDetail anInvoice() {
		LocalDate issued = LocalDate.of(2026, 11, 1);
		return new InvoiceDetail(
				new InvoiceDetail.InvoiceView(INVOICE, "INV-1", issued, issued.plusDays(30), Money.of("1000.00"), "EUR",
						InvoiceStatus.SUBMITTED, Instant.parse("2026-11-01T10:00:00Z"), null, null, null),
				new InvoiceDetail.ClientView("C00001", "Client B.V.", "NL", "transport", LocalDate.of(2024, 1, 1)),
				null, new InvoiceDetail.DebtorView(DEBTOR, "Buyer AG", Money.of("100000.00"), null, null), List.of(),
				List.of(), List.of(), List.of(), new DebtorPosition(Money.ZERO, 0, 0, 0, Money.ZERO, 0));
	}

	private static DebtorProfile aDebtor() {
		return new DebtorProfile(new DebtorProfile.Header(1, DEBTOR, "Buyer AG", "REG-1", "DE", "wholesale",
				Money.of("100000.00"), null, null), List.of(), List.of(), List.of(), List.of());
	}

}
