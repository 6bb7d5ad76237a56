package com.factordesk.portfolio;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.Money;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio summary API (DESIGN section 7) for the whole book, a client or a debtor,
 * as of today or a past date: the contract's fields first, in its order, then the other
 * headline figures. A figure without a denominator is {@code null}; an unknown reference
 * is a 404 problem.
 */
@RestController
@Tag(name = "Portfolio", description = "The portfolio's figures as of a date")
@RequestMapping("/api/v1/portfolio")
class PortfolioApiController {

	private final PortfolioScopes scopes;

	private final PortfolioFigures figures;

	PortfolioApiController(PortfolioScopes scopes, PortfolioFigures figures) {
		this.scopes = scopes;
		this.figures = figures;
	}

	@Operation(summary = "The portfolio summary",
			description = "Open receivables, DSO in its forms and aging "
					+ "as of asOf (today by default), for the book or one client or debtor (their refs).")
	@GetMapping("/summary")
	SummaryJson summary(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef) {
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		DsoFigures figures = this.figures.figures(scope, PortfolioFigures.DEFAULT_WINDOW);
		Headline headline = figures.headline();
		return new SummaryJson(headline.asOf(), amount(headline.openAr()), amount(headline.sales90()), headline.dso90(),
				headline.dsoCountback(), headline.bestPossibleDso(), headline.averageDaysDelinquent(),
				figures.agingByDue()
					.stream()
					.map((bucket) -> new BucketJson(bucket.bucket(), bucket.count(), amount(bucket.amount())))
					.toList(),
				headline.dilutionRate(), scope.clientRef(), scope.debtorRef(), amount(headline.currentAr()),
				headline.collectionEffectivenessIndex(), headline.daysBeyondTerms(), headline.atRiskRate(),
				amount(figures.disputedAr()), figures.openInvoices());
	}

	private static BigDecimal amount(Money money) {
		return money.amount();
	}

	/**
	 * The contract's fields ({@code asOf} to {@code dilutionRate}), then the scope and
	 * the other headline figures. DSO figures in days, the CEI in percent, rates as
	 * fractions.
	 */
	record SummaryJson(LocalDate asOf, BigDecimal openAr, BigDecimal salesLast90Days, BigDecimal dsoStandard90,
			BigDecimal dsoCountback, BigDecimal bestPossibleDso, BigDecimal averageDaysDelinquent,
			List<BucketJson> aging, BigDecimal dilutionRate, String clientRef, String debtorRef, BigDecimal currentAr,
			BigDecimal collectionEffectivenessIndex, BigDecimal daysBeyondTerms, BigDecimal atRiskRate,
			BigDecimal disputedAr, long openInvoices) {
	}

	record BucketJson(String bucket, long count, BigDecimal amount) {
	}

}
