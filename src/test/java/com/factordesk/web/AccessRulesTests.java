package com.factordesk.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.factordesk.approval.CashApplication;
import com.factordesk.approval.ClientOverview;
import com.factordesk.approval.ClientOverviews;
import com.factordesk.approval.ClientStatements;
import com.factordesk.approval.RebateRuns;
import com.factordesk.approval.CollectionActions;
import com.factordesk.approval.CollectionsWorklist;
import com.factordesk.approval.CreditLimits;
import com.factordesk.approval.DecisionPanel;
import com.factordesk.approval.DecisionPanels;
import com.factordesk.approval.Exposure;
import com.factordesk.approval.Underwriting;
import com.factordesk.approval.DebtorPosition;
import com.factordesk.approval.DebtorProfile;
import com.factordesk.approval.DebtorProfiles;
import com.factordesk.approval.DecisionPanel;
import com.factordesk.approval.DecisionPanels;
import com.factordesk.approval.Exposure;
import com.factordesk.approval.FundingQueries;
import com.factordesk.approval.FundingRuns;
import com.factordesk.approval.InvoiceDetail;
import com.factordesk.approval.InvoiceDetails;
import com.factordesk.approval.InvoiceFlags;
import com.factordesk.approval.ScheduleView;
import com.factordesk.approval.Schedules;
import com.factordesk.approval.LimitViews;
import com.factordesk.approval.NoticesOfAssignment;
import com.factordesk.approval.RelatedParties;
import com.factordesk.approval.ReceiptQueries;
import com.factordesk.approval.ReceiptSuggestion;
import com.factordesk.approval.Receipts;
import com.factordesk.approval.Settlements;
import com.factordesk.approval.UnderwriterQueue;
import com.factordesk.approval.Underwriting;
import com.factordesk.backtest.Backtest;
import com.factordesk.backtest.BacktestReport;
import com.factordesk.client.Enforcement;
import com.factordesk.client.FeeTerms;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.portfolio.ExposureQueries;
import com.factordesk.portfolio.ExposureView;
import com.factordesk.portfolio.PortfolioScope;
import com.factordesk.portfolio.PortfolioScopes;
import com.factordesk.portfolio.PortfolioFigures;
import com.factordesk.portfolio.PortfolioFiguresFixtures;
import com.factordesk.portfolio.DilutionTable;
import com.factordesk.portfolio.DisputesTable;
import com.factordesk.portfolio.OpenItems;
import com.factordesk.portfolio.PortfolioTrends;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.pricing.PricingAdministration;
import com.factordesk.pricing.PricingSimulation;
import com.factordesk.pricing.PricingBandSet;
import com.factordesk.pricing.PricingParameters;
import com.factordesk.risk.DebtorScore;
import com.factordesk.risk.Grade;
import com.factordesk.risk.GradeOdds;
import com.factordesk.risk.RiskScores;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringModel;
import com.factordesk.risk.calibration.ScoringCalibration;
import com.factordesk.security.ApiKeys;
import com.factordesk.security.PageSecurity;
import com.factordesk.security.Role;
import com.factordesk.security.UserAccounts;
import com.factordesk.shared.ClockProperties;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Rate;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may open which screen: each role against each page. Anonymous visitors are sent to
 * the login page; a role without access gets 403. A web slice: every controller with the
 * application's own security (its URL rules, the API key filter, the problem responses),
 * the services behind the pages mocked to answer with empty or minimal records. The
 * service's own method security behind the backtest page is tested in
 * {@code BacktestAccessIntegrationTests}.
 */
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "com\\.factordesk\\.(shared\\.ClockConfiguration|portfolio\\.PortfolioSections)"))
@Import({ PageSecurity.class, Formats.class })
@EnableConfigurationProperties(ClockProperties.class)
class AccessRulesTests {

	private static final long INVOICE = 42;

	private static final String DEBTOR = "D00001";

	private static final String CLIENT = "C0001";

	private static final long RUN = 7;

	private static final long RECEIPT = 11;

	/** An API key with the read right, in the API rows of the matrix. */
	private static final String KEY = "fd-read-key";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ApiKeys apiKeys;

	/** The API's lists read with SQL (not in the matrix: they answer JSON only). */
	@MockitoBean
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@MockitoBean
	private com.factordesk.ingest.Imports imports;

	@MockitoBean
	private com.factordesk.debtor.DebtorContacts debtorContacts;

	@MockitoBean
	private com.factordesk.approval.ContactVerifications contactVerifications;

	@MockitoBean
	private com.factordesk.audit.AuditLog auditLog;

	@MockitoBean
	private UnderwriterQueue queue;

	@MockitoBean
	private InvoiceFlags flags;

	@MockitoBean
	private InvoiceQuotes quotes;

	@MockitoBean
	private com.factordesk.approval.QueueQuotes queueQuotes;

	@MockitoBean
	private InvoiceDetails invoices;

	@MockitoBean
	private DecisionPanels panels;

	@MockitoBean
	private Underwriting underwriting;

	@MockitoBean
	private DebtorProfiles debtors;

	@MockitoBean
	private Schedules schedules;

	@MockitoBean
	private LimitViews limits;

	@MockitoBean
	private CreditLimits creditLimits;

	@MockitoBean
	private NoticesOfAssignment notices;

	@MockitoBean
	private RelatedParties related;

	@MockitoBean
	private RiskScores scores;

	@MockitoBean
	private GradeOdds gradeOdds;

	@MockitoBean
	private RiskScoring scoring;

	@MockitoBean
	private PortfolioScopes portfolioScopes;

	@MockitoBean
	private PortfolioFigures portfolioFigures;

	@MockitoBean
	private DilutionTable dilutionTable;

	@MockitoBean
	private DisputesTable disputesTable;

	@MockitoBean
	private ExposureQueries portfolioExposure;

	@MockitoBean
	private OpenItems openItems;

	@MockitoBean
	private PortfolioTrends portfolioTrends;

	@MockitoBean
	private Backtest backtest;

	@MockitoBean
	private UserAccounts users;

	@MockitoBean
	private PricingAdministration pricing;

	@MockitoBean
	private PricingSimulation pricingSimulation;

	@MockitoBean
	private com.factordesk.approval.CreditPolicy creditPolicy;

	@MockitoBean
	private com.factordesk.client.FacilityTermsAgreements facilityTerms;

	@MockitoBean
	private com.factordesk.client.FacilityTemplates facilityTemplates;

	@MockitoBean
	private com.factordesk.approval.DebtorMerges debtorMerges;

	@MockitoBean
	private com.factordesk.client.ClientIntake clientIntake;

	@MockitoBean
	private ScoringAdministration scoringModels;

	@MockitoBean
	private ScoringCalibration calibration;

	@MockitoBean
	private ClientOverviews clients;

	@MockitoBean
	private FundingQueries funding;

	@MockitoBean
	private FundingRuns fundingRuns;

	@MockitoBean
	private ClientStatements statements;

	@MockitoBean
	private RebateRuns rebateRuns;

	@MockitoBean
	private Receipts receipts;

	@MockitoBean
	private ReceiptQueries receiptQueries;

	@MockitoBean
	private CashApplication cashApplication;

	@MockitoBean
	private CollectionsWorklist collections;

	@MockitoBean
	private CollectionActions collectionActions;

	@MockitoBean
	private Settlements settlements;

	/** Runs what it is given: the pages' statements are mocked, their plans moot. */
	@MockitoBean
	private com.factordesk.shared.KeptPlans plans;

	enum Outcome {

		OK, FORBIDDEN, LOGIN

	}

	@BeforeEach
	void pagesHaveSomethingToShow() {
		given(this.queue.page(any())).willReturn(Page.empty());
		given(this.auditLog.page(any(), org.mockito.ArgumentMatchers.anyInt()))
			.willReturn(new com.factordesk.audit.AuditLog.AuditPage(List.of(), 0, false));
		given(this.queue.page(any(), any())).willReturn(Page.empty());
		given(this.queue.search(any(), any())).willReturn(Page.empty());
		given(this.plans.run(any())).willAnswer((call) -> call.<java.util.function.Supplier<?>>getArgument(0).get());
		given(this.invoices.find(INVOICE)).willReturn(anInvoice());
		given(this.invoices.find(999999999L)).willThrow(new NotFoundException("Invoice", 999999999L));
		given(this.debtors.find(DEBTOR)).willReturn(Optional.of(aDebtor()));
		given(this.schedules.find(7L)).willReturn(new ScheduleView(7, "S-7", "C00001", "Client B.V.",
				Instant.parse("2026-11-01T10:00:00Z"), "portal", List.of()));
		given(this.limits.forDebtor(DEBTOR))
			.willReturn(Optional.of(new LimitViews.DebtorLimits(1, DEBTOR, Money.of("100000.00"), null, null, null,
					Money.ZERO, Money.ZERO, Money.ZERO, LocalDate.of(2026, 11, 25), List.of(), List.of())));
		given(this.limits.forClient(CLIENT)).willReturn(Optional.of(new LimitViews.FacilityLimits(1, CLIENT,
				"Seller B.V.", Money.of("1000000.00"), Money.ZERO, Money.ZERO, Enforcement.HOLD, List.of())));
		given(this.limits.overview())
			.willReturn(new LimitViews.LimitsOverview(List.of(), List.of(), LocalDate.of(2026, 11, 25)));
		given(this.portfolioScopes.today()).willReturn(LocalDate.of(2026, 11, 25));
		given(this.portfolioScopes.resolve(any(), any(), any()))
			.willReturn(PortfolioScope.portfolio(LocalDate.of(2026, 11, 25)));
		given(this.portfolioFigures.figures(any(), anyInt())).willAnswer((call) -> PortfolioFiguresFixtures
			.empty(call.<PortfolioScope>getArgument(0).asOf(), call.<Integer>getArgument(1)));
		given(this.portfolioExposure.exposure(any(), anyInt(), anyInt()))
			.willAnswer((call) -> new ExposureView(call.<PortfolioScope>getArgument(0).asOf(), Money.ZERO, Money.ZERO,
					List.of(), List.of(), List.of(), List.of(), List.of()));
		given(this.portfolioExposure.crossAgingShare()).willReturn(new java.math.BigDecimal("0.10"));
		given(this.openItems.name()).willReturn("open-items");
		given(this.openItems.page(any(), any(), anyInt()))
			.willAnswer((call) -> new OpenItems.OpenItemsPage(call.getArgument(0), null, List.of(), 0, 0, Money.ZERO));
		given(this.portfolioTrends.trend(any(), any()))
			.willAnswer((call) -> new PortfolioTrends.Trend(call.getArgument(0),
					PortfolioTrends.points(call.<PortfolioScope>getArgument(0).asOf())
						.stream()
						.map((day) -> new com.factordesk.portfolio.Headline(day, Money.ZERO, Money.ZERO, Money.ZERO,
								null, null, null, null, null, null, null, null))
						.toList(),
					0));
		given(this.pricing.inForce()).willReturn(PricingBandSet.defaults());
		given(this.pricing.parametersInForce()).willReturn(PricingParameters.defaults());
		given(this.scoringModels.current()).willReturn(ScoringModel.defaults());
		given(this.apiKeys.authenticate(anyString())).willReturn(Optional.empty());
		given(this.clients.find(CLIENT, 0)).willReturn(Optional.of(aClient()));
		given(this.panels.of(eq(INVOICE), any()))
			.willReturn(new DecisionPanel(null, List.of(), Enforcement.HOLD, Money.of("1000000.00"), Exposure.NONE,
					Exposure.NONE, List.of(), null, List.of(), Set.of(), false, null));
		given(this.rebateRuns.find(RUN))
			.willReturn(new RebateRuns.RebateRunView(RUN, CLIENT, "Client B.V.", null, LocalDate.of(2026, 11, 25),
					Money.of("100.00"), "underwriter", Instant.parse("2026-11-25T10:00:00Z"), null, null, List.of()));
		given(this.receiptQueries.page(any(), anyInt()))
			.willReturn(new ReceiptQueries.ReceiptPage(List.of(aReceipt()), 0, false));
		given(this.receiptQueries.unapplied()).willReturn(new ReceiptQueries.UnappliedCash(Money.of("100.00"), 1,
				List.of(aReceipt()), LocalDate.of(2026, 11, 25)));
		given(this.receiptQueries.detail(RECEIPT)).willReturn(Optional.of(new ReceiptQueries.ReceiptDetail(aReceipt(),
				"underwriter", Instant.parse("2026-11-24T10:00:00Z"), null, null, List.of())));
		given(this.receipts.suggest(RECEIPT)).willReturn(new ReceiptSuggestion(null, false, false, List.of()));
		given(this.receipts.openInvoices(any())).willReturn(java.util.Map.of());
		given(this.funding.awaitingFunding()).willReturn(List.of());
		given(this.collections.page(any(), any(), anyInt())).willReturn(Page.empty());
		given(this.collections.debtor(eq(DEBTOR), any()))
			.willReturn(Optional.of(new CollectionsWorklist.DebtorCollections(
					new CollectionsWorklist.Header(1, DEBTOR, "Debtor GmbH", null, null, Money.ZERO), List.of(),
					List.of(), List.of(), List.of())));
		given(this.funding.run(RUN)).willReturn(Optional.of(new FundingQueries.RunDetail(RUN, CLIENT, "Client B.V.",
				null, null, LocalDate.of(2026, 11, 25), Money.of("800.00"), 1, "underwriter",
				Instant.parse("2026-11-25T10:00:00Z"), null, null, List.of())));
	}

	static Stream<Arguments> pages() {
		return Stream.of(Arguments.of("/queue", null, Outcome.LOGIN), Arguments.of("/queue", "UNDERWRITER", Outcome.OK),
				Arguments.of("/queue", "MANAGER", Outcome.OK), Arguments.of("/queue", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/invoices/{invoice}", null, Outcome.LOGIN),
				Arguments.of("/invoices/{invoice}", "UNDERWRITER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "MANAGER", Outcome.OK),
				Arguments.of("/invoices/{invoice}", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/schedules/7", null, Outcome.LOGIN),
				Arguments.of("/schedules/7", "UNDERWRITER", Outcome.OK),
				Arguments.of("/schedules/7", "MANAGER", Outcome.OK),
				Arguments.of("/schedules/7", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", null, Outcome.LOGIN),
				Arguments.of("/portfolio", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/invoices", null, Outcome.LOGIN),
				Arguments.of("/portfolio/invoices", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/invoices", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio/invoices", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/export/open-items.csv", null, Outcome.LOGIN),
				Arguments.of("/portfolio/export/open-items.csv", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/export/open-items.csv", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio/export/open-items.csv", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/export/open-items.xlsx", null, Outcome.LOGIN),
				Arguments.of("/portfolio/export/open-items.xlsx", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/portfolio/export/open-items.xlsx", "MANAGER", Outcome.OK),
				Arguments.of("/portfolio/export/open-items.xlsx", "ADMIN", Outcome.FORBIDDEN),
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
				Arguments.of("/clients/" + CLIENT, null, Outcome.LOGIN),
				Arguments.of("/clients/" + CLIENT, "UNDERWRITER", Outcome.OK),
				Arguments.of("/clients/" + CLIENT, "MANAGER", Outcome.OK),
				Arguments.of("/clients/" + CLIENT, "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/funding", null, Outcome.LOGIN), Arguments.of("/funding", "UNDERWRITER", Outcome.OK),
				Arguments.of("/funding", "MANAGER", Outcome.OK), Arguments.of("/funding", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/funding/runs/" + RUN, null, Outcome.LOGIN),
				Arguments.of("/funding/runs/" + RUN, "UNDERWRITER", Outcome.OK),
				Arguments.of("/funding/runs/" + RUN, "MANAGER", Outcome.OK),
				Arguments.of("/funding/runs/" + RUN, "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/funding/runs/" + RUN + "/pain.001.xml", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/funding/rebate-runs/" + RUN, null, Outcome.LOGIN),
				Arguments.of("/funding/rebate-runs/" + RUN, "UNDERWRITER", Outcome.OK),
				Arguments.of("/funding/rebate-runs/" + RUN, "MANAGER", Outcome.OK),
				Arguments.of("/funding/rebate-runs/" + RUN, "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/clients/" + CLIENT + "/statement.pdf", null, Outcome.LOGIN),
				Arguments.of("/clients/" + CLIENT + "/statement.pdf", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/limits", null, Outcome.LOGIN), Arguments.of("/limits", "UNDERWRITER", Outcome.OK),
				Arguments.of("/limits", "MANAGER", Outcome.OK), Arguments.of("/limits", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/clients/" + CLIENT + "/limit", null, Outcome.LOGIN),
				Arguments.of("/clients/" + CLIENT + "/limit", "UNDERWRITER", Outcome.OK),
				Arguments.of("/clients/" + CLIENT + "/limit", "MANAGER", Outcome.OK),
				Arguments.of("/clients/" + CLIENT + "/limit", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/risk/backtest", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/risk/backtest", null, Outcome.LOGIN),
				Arguments.of("/risk/backtest", "MANAGER", Outcome.OK),
				Arguments.of("/risk/backtest", "ADMIN", Outcome.OK),
				Arguments.of("/admin/pricing", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/pricing", "ADMIN", Outcome.OK), Arguments.of("/admin/policy", null, Outcome.LOGIN),
				Arguments.of("/admin/policy", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/policy", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/clients", null, Outcome.LOGIN),
				Arguments.of("/admin/clients", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/clients", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/scoring", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/scoring", "ADMIN", Outcome.OK),
				Arguments.of("/admin/api-keys", null, Outcome.LOGIN),
				Arguments.of("/admin/api-keys", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/api-keys", "ADMIN", Outcome.OK),
				Arguments.of("/admin/imports", null, Outcome.LOGIN),
				Arguments.of("/admin/imports", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/imports", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/imports", "ADMIN", Outcome.OK), Arguments.of("/admin/audit", null, Outcome.LOGIN),
				Arguments.of("/admin/audit", "UNDERWRITER", Outcome.FORBIDDEN),
				Arguments.of("/admin/audit", "MANAGER", Outcome.FORBIDDEN),
				Arguments.of("/admin/audit", "ADMIN", Outcome.OK), Arguments.of("/receipts", null, Outcome.LOGIN),
				Arguments.of("/receipts", "UNDERWRITER", Outcome.OK), Arguments.of("/receipts", "MANAGER", Outcome.OK),
				Arguments.of("/receipts", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/receipts/unapplied", "UNDERWRITER", Outcome.OK),
				Arguments.of("/receipts/unapplied", "MANAGER", Outcome.OK),
				Arguments.of("/receipts/unapplied", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/receipts/" + RECEIPT, null, Outcome.LOGIN),
				Arguments.of("/receipts/" + RECEIPT, "UNDERWRITER", Outcome.OK),
				Arguments.of("/receipts/" + RECEIPT, "MANAGER", Outcome.OK),
				Arguments.of("/receipts/" + RECEIPT, "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/collections", null, Outcome.LOGIN),
				Arguments.of("/collections", "UNDERWRITER", Outcome.OK),
				Arguments.of("/collections", "MANAGER", Outcome.OK),
				Arguments.of("/collections", "ADMIN", Outcome.FORBIDDEN),
				Arguments.of("/collections/debtors/" + DEBTOR, null, Outcome.LOGIN),
				Arguments.of("/collections/debtors/" + DEBTOR, "UNDERWRITER", Outcome.OK),
				Arguments.of("/collections/debtors/" + DEBTOR, "MANAGER", Outcome.OK),
				Arguments.of("/collections/debtors/" + DEBTOR, "ADMIN", Outcome.FORBIDDEN));
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
	void pagesForbidInlineScriptsAndStylesAndTellLittleToOtherSites() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(get("/login"),
				get("/debtors/" + DEBTOR).with(user("someone").roles("UNDERWRITER")))) {
			this.mvc.perform(request)
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
				.andExpect(header().string("Content-Security-Policy", containsString("style-src 'self';")))
				.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
				.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
				.andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"))
				.andExpect(header().string("Permissions-Policy", containsString("camera=()")))
				.andExpect(header().string("Permissions-Policy", containsString("geolocation=()")));
		}
	}

	@Test
	void theDebtorPagesChartComesAsDataForAScriptFileNotAsAnInlineScript() throws Exception {
		String page = this.mvc.perform(get("/debtors/" + DEBTOR).with(user("someone").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<script type=\"application/json\" id=\"score-history-data\">")
			.contains("src=\"/js/score-history.js\"")
			.doesNotContain("new Chart(")
			.doesNotContain("style=\"");
	}

	@Test
	void aMissingInvoiceIsA404() throws Exception {
		this.mvc.perform(get("/invoices/999999999").with(user("someone").roles("UNDERWRITER")))
			.andExpect(status().isNotFound());
	}

	/**
	 * The API's rules for a session are the pages' (DESIGN.md section 7): an admin, who
	 * may not open a debtor's page, may not read its score either; an API key with the
	 * read right reads everything; a read that no rule maps is for keys only.
	 */
	static Stream<Arguments> apiReads() {
		String score = "/api/v1/debtors/" + DEBTOR + "/score";
		String backtest = "/api/v1/risk/backtest?from=2026-01-01&to=2026-03-31";
		String portfolio = "/api/v1/portfolio/summary";
		String unmapped = "/api/v1/something-new";
		return Stream.of(Arguments.of(score, null, 401), Arguments.of(score, "UNDERWRITER", 200),
				Arguments.of(score, "MANAGER", 200), Arguments.of(score, "ADMIN", 403), Arguments.of(score, KEY, 200),
				Arguments.of(backtest, null, 401), Arguments.of(backtest, "UNDERWRITER", 403),
				Arguments.of(backtest, "MANAGER", 200), Arguments.of(backtest, "ADMIN", 200),
				Arguments.of(backtest, KEY, 200), Arguments.of(portfolio, "UNDERWRITER", 403),
				Arguments.of(portfolio, "ADMIN", 403), Arguments.of(portfolio, "MANAGER", 200),
				Arguments.of(portfolio, KEY, 200), Arguments.of(portfolio, null, 401),
				Arguments.of(unmapped, "UNDERWRITER", 403), Arguments.of(unmapped, "MANAGER", 403),
				Arguments.of(unmapped, "ADMIN", 403), Arguments.of(unmapped, KEY, 404));
	}

	@ParameterizedTest(name = "{1} reads {0}: {2}")
	@MethodSource("apiReads")
	void theApiLetsASessionReadWhatItsPagesShow(String path, String caller, int status) throws Exception {
		given(this.scores.current(DEBTOR))
			.willReturn(Optional.of(new DebtorScore(DEBTOR, new BigDecimal("72.50"), Grade.B, List.of(), List.of(), 7,
					Instant.parse("2026-11-01T10:00:00Z"), LocalDate.of(2026, 11, 1), 1)));
		given(this.backtest.run(any(), any(), any())).willReturn(new BacktestReport(
				LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), null, LocalDate.of(2026, 11, 25), 0,
				BigDecimal.ZERO, BigDecimal.ZERO, new BacktestReport.Ranked(BacktestReport.SCORE,
						BacktestReport.Separation.NONE, null, BacktestReport.Separation.NONE, null),
				List.of(), List.of(), List.of(), Duration.ZERO));
		given(this.apiKeys.authenticate(KEY))
			.willReturn(Optional.of(new TestingAuthenticationToken("integration", null, "ROLE_API_READ")));
		MockHttpServletRequestBuilder request = get(path);
		if (KEY.equals(caller)) {
			request = request.header("X-API-Key", KEY);
		}
		else if (caller != null) {
			request = request.with(user("someone").roles(caller));
		}
		ResultActions result = this.mvc.perform(request).andExpect(status().is(status));
		if (status == 401 || status == 403) {
			result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		if (status == 200 && path.equals("/api/v1/debtors/" + DEBTOR + "/score")) {
			result.andExpect(jsonPath("$.grade").value("B"));
		}
	}

	/**
	 * Who may call an endpoint, by its path (and, for the API, its method). Every mapped
	 * endpoint must match one of these, first match wins: an endpoint that matches none
	 * fails {@link #everyMappedEndpointAnswersEachCallerAsTheMatrixSays} until it is
	 * given its row here, so that none is forgotten.
	 */
	private static final List<MatrixRule> MATRIX = List.of(new MatrixRule("/login", null, EnumSet.allOf(Caller.class)),
			new MatrixRule("/portfolio", null, Caller.with(Role.MANAGER)),
			new MatrixRule("/risk", null, Caller.with(Role.MANAGER, Role.ADMIN)),
			new MatrixRule("/admin", null, Caller.with(Role.ADMIN)),
			new MatrixRule("/queue", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/invoices", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/schedules", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/debtors", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/clients", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/limits", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/funding", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/receipts", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/collections", null, Caller.with(Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/api/v1/debtors", HttpMethod.GET,
					Caller.with(Caller.READ_KEY, Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/api/v1/invoices", HttpMethod.GET,
					Caller.with(Caller.READ_KEY, Role.UNDERWRITER, Role.MANAGER)),
			new MatrixRule("/api/v1/portfolio", HttpMethod.GET, Caller.with(Caller.READ_KEY, Role.MANAGER)),
			new MatrixRule("/api/v1/risk/backtest", HttpMethod.GET,
					Caller.with(Caller.READ_KEY, Role.MANAGER, Role.ADMIN)),
			new MatrixRule("/api/", HttpMethod.GET, EnumSet.of(Caller.READ_KEY)),
			new MatrixRule("/api/", HttpMethod.POST, EnumSet.of(Caller.IMPORT_KEY)),
			// every logged-in user: the home screen, choosing one's own password
			new MatrixRule("/", null, Caller.with(Role.UNDERWRITER, Role.MANAGER, Role.ADMIN), true),
			new MatrixRule("/account", null, Caller.with(Role.UNDERWRITER, Role.MANAGER, Role.ADMIN)));

	/**
	 * The callers of the matrix: anonymous, each role, the role pairs a user may hold, an
	 * API key with each right, and a key that is not one.
	 */
	enum Caller {

		ANONYMOUS, UNDERWRITER, MANAGER, ADMIN, UNDERWRITER_AND_MANAGER, MANAGER_AND_ADMIN, READ_KEY, IMPORT_KEY,
		WRONG_KEY;

		/**
		 * The callers that hold any of the roles, and the given keys.
		 */
		static EnumSet<Caller> with(Object... rights) {
			EnumSet<Caller> callers = EnumSet.noneOf(Caller.class);
			for (Object right : rights) {
				if (right instanceof Caller caller) {
					callers.add(caller);
				}
				else {
					for (Caller caller : values()) {
						if (caller.roles().contains(((Role) right).name())) {
							callers.add(caller);
						}
					}
				}
			}
			return callers;
		}

		List<String> roles() {
			return switch (this) {
				case UNDERWRITER -> List.of("UNDERWRITER");
				case MANAGER -> List.of("MANAGER");
				case ADMIN -> List.of("ADMIN");
				case UNDERWRITER_AND_MANAGER -> List.of("UNDERWRITER", "MANAGER");
				case MANAGER_AND_ADMIN -> List.of("MANAGER", "ADMIN");
				default -> List.of();
			};
		}

		String key() {
			return switch (this) {
				case READ_KEY -> "fd-matrix-read-key";
				case IMPORT_KEY -> "fd-matrix-import-key";
				case WRONG_KEY -> "fd-not-a-key";
				default -> null;
			};
		}

	}

	/**
	 * @param prefix the path, or the start of the paths, the rule is for
	 * @param method the method it is for, or null for any
	 * @param exact whether the path must be the prefix itself
	 */
	record MatrixRule(String prefix, HttpMethod method, Set<Caller> allowed, boolean exact) {

		MatrixRule(String prefix, HttpMethod method, Set<Caller> allowed) {
			this(prefix, method, allowed, false);
		}

		boolean applies(String path, HttpMethod method) {
			boolean pathMatches = this.exact ? path.equals(this.prefix) : path.equals(this.prefix)
					|| path.startsWith(this.prefix.endsWith("/") ? this.prefix : this.prefix + "/");
			return pathMatches && (this.method == null || this.method.equals(method));
		}

	}

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
	private org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlerMappings;

	/**
	 * The role matrix, enumerated from the handler mappings: every endpoint the
	 * application maps, called by every caller, answers as {@link #MATRIX} says (DESIGN
	 * section 7): a caller that may, passes security (whatever the endpoint then makes of
	 * the mocked services); a page refuses a role with 403 and sends anyone else to the
	 * login page; the API answers 401 without credentials or with a wrong key and 403 to
	 * credentials without the right.
	 */
	@Test
	void everyMappedEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
		given(this.apiKeys.authenticate(Caller.READ_KEY.key()))
			.willReturn(Optional.of(new TestingAuthenticationToken("reader", null, "ROLE_API_READ")));
		given(this.apiKeys.authenticate(Caller.IMPORT_KEY.key()))
			.willReturn(Optional.of(new TestingAuthenticationToken("importer", null, "ROLE_API_IMPORT")));
		List<String> unmapped = new java.util.ArrayList<>();
		List<String> wrong = new java.util.ArrayList<>();
		int calls = 0;
		for (var mapping : this.handlerMappings.getHandlerMethods().keySet()) {
			Set<org.springframework.web.bind.annotation.RequestMethod> methods = mapping.getMethodsCondition()
				.getMethods();
			for (String pattern : mapping.getPatternValues()) {
				if (pattern.equals("/error")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]*}", "42");
				for (var requestMethod : methods.isEmpty()
						? Set.of(org.springframework.web.bind.annotation.RequestMethod.GET) : methods) {
					HttpMethod method = requestMethod.asHttpMethod();
					MatrixRule rule = MATRIX.stream()
						.filter((candidate) -> candidate.applies(path, method))
						.findFirst()
						.orElse(null);
					if (rule == null) {
						unmapped.add(method + " " + pattern);
						continue;
					}
					for (Caller caller : Caller.values()) {
						calls++;
						String seen = answer(method, path, caller);
						String expected = expected(path, rule.allowed().contains(caller), caller);
						if (!seen.equals(expected)) {
							wrong.add(caller + " " + method + " " + pattern + ": " + seen + ", expected " + expected);
						}
					}
				}
			}
		}
		assertThat(unmapped).as("endpoints without a row in the role matrix").isEmpty();
		assertThat(wrong).as("endpoints that answered a caller otherwise than the matrix says").isEmpty();
		assertThat(calls).as("calls made").isGreaterThan(500);
	}

	private static String expected(String path, boolean allowed, Caller caller) {
		if (allowed) {
			return "PASSED";
		}
		if (path.startsWith("/api/")) {
			return (caller == Caller.ANONYMOUS || caller == Caller.WRONG_KEY) ? "401" : "403";
		}
		// a key means nothing to a page: its caller is anonymous there
		return caller.roles().isEmpty() ? "LOGIN" : "403";
	}

	/**
	 * What security made of the call: 401, 403, LOGIN (sent to the login page) or PASSED
	 * (the endpoint ran, whatever it answered).
	 */
	private String answer(HttpMethod method, String path, Caller caller) throws Exception {
		MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.request(method, path);
		if (!caller.roles().isEmpty()) {
			request = request.with(user("matrix").roles(caller.roles().toArray(String[]::new)));
		}
		if (caller.key() != null) {
			request = request.header("X-API-Key", caller.key());
		}
		if (!HttpMethod.GET.equals(method)) {
			request = request.with(csrf());
		}
		try {
			org.springframework.mock.web.MockHttpServletResponse response = this.mvc.perform(request)
				.andReturn()
				.getResponse();
			if (response.getStatus() == 401 || response.getStatus() == 403) {
				return String.valueOf(response.getStatus());
			}
			String location = response.getRedirectedUrl();
			if (response.getStatus() == 302 && location != null && location.endsWith("/login")) {
				return "LOGIN";
			}
			return "PASSED";
		}
		catch (jakarta.servlet.ServletException ex) {
			// past security: the endpoint failed on the mocked services
			return "PASSED";
		}
	}

	private static InvoiceDetail anInvoice() {
		LocalDate issued = LocalDate.of(2026, 11, 1);
		return new InvoiceDetail(
				new InvoiceDetail.InvoiceView(INVOICE, "INV-1", issued, issued.plusDays(30), Money.of("1000.00"), "EUR",
						InvoiceStatus.SUBMITTED, Instant.parse("2026-11-01T10:00:00Z"), null, null, null, null),
				new InvoiceDetail.ClientView("C00001", "Client B.V.", "NL", "transport", LocalDate.of(2024, 1, 1)),
				null, new InvoiceDetail.DebtorView(DEBTOR, "Buyer AG", Money.of("100000.00"), null, null), List.of(),
				List.of(), List.of(), List.of(),
				new DebtorPosition(Money.ZERO, 0, 0, 0, Money.ZERO, 0, Money.ZERO, Money.ZERO));
	}

	private static ReceiptQueries.ReceiptRow aReceipt() {
		return new ReceiptQueries.ReceiptRow(RECEIPT, LocalDate.of(2026, 11, 24), Money.of("100.00"), Money.ZERO,
				Money.ZERO, Money.of("100.00"), "MAN-1", "Payer B.V.", null, "INV-1", PaymentSource.MANUAL, null, null,
				null, 1);
	}

	private static DebtorProfile aDebtor() {
		return new DebtorProfile(new DebtorProfile.Header(1, DEBTOR, "Buyer AG", "REG-1", "DE", "wholesale",
				Money.of("100000.00"), null, null), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
	}

	private static ClientOverview aClient() {
		return new ClientOverview(
				new ClientOverview.Header(1, CLIENT, "Client B.V.", "REG-1", "NL", "transport",
						LocalDate.of(2024, 1, 1), null, null),
				new ClientOverview.FacilityUsage(Money.of("1000000.00"), Money.ZERO, Money.ZERO, Rate.percent("80"),
						false, null, true, Rate.percent("25"), Enforcement.HOLD, FeeTerms.STANDARD),
				new ClientOverview.Payments(0, BigDecimal.ZERO), List.of(), List.of(), Page.empty(), List.of());
	}

}
