package com.factordesk.portfolio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.factordesk.portfolio.PortfolioTable.Column;
import com.factordesk.portfolio.PortfolioTable.Kind;

import org.springframework.stereotype.Component;

/**
 * The exportable tables of the exposure section (each a {@link PortfolioTable} bean): the
 * largest debtors by exposure, their share of each client's book, exposure per client
 * against its facility, by grade, industry and country, the cross-aged debtors and the
 * watchlist. The ranked tables export more rows than the page shows.
 */
final class ExposureTables {

	/** Debtors the ranked exports hold (the page shows {@link #PAGE_DEBTORS}). */
	static final int EXPORT_DEBTORS = 1000;

	static final int PAGE_DEBTORS = 10;

	static final int PAGE_CLIENTS = 15;

	/** Cross-aged and watched debtors the page lists; the export has them all. */
	static final int PAGE_LISTED = 20;

	private ExposureTables() {
	}

	private static List<Column> header(Object... pairs) {
		List<Column> columns = new ArrayList<>();
		for (int i = 0; i < pairs.length; i += 2) {
			columns.add(new Column((String) pairs[i], (Kind) pairs[i + 1]));
		}
		return List.copyOf(columns);
	}

	private static List<Object> values(Object... values) {
		return Arrays.asList(values);
	}

	@Component
	static class TopDebtors implements PortfolioTable {

		private final ExposureQueries queries;

		TopDebtors(ExposureQueries queries) {
			this.queries = queries;
		}

		@Override
		public String name() {
			return "top-debtors";
		}

		@Override
		public List<Column> columns() {
			return header("rank", Kind.COUNT, "debtor_ref", Kind.TEXT, "debtor_name", Kind.TEXT, "grade", Kind.TEXT,
					"clients", Kind.COUNT, "funded", Kind.MONEY, "awaiting_funding", Kind.MONEY, "exposure", Kind.MONEY,
					"share_of_exposure", Kind.SHARE, "exposure_all_clients", Kind.MONEY, "credit_limit", Kind.MONEY,
					"open_face", Kind.MONEY, "insurer_limit", Kind.MONEY);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			this.queries.exposure(scope, EXPORT_DEBTORS, 0)
				.debtors()
				.forEach((d) -> row.accept(values(d.rank(), d.ref(), d.name(), d.grade(), d.clientCount(), d.funded(),
						d.reserved(), d.exposure(), d.share(), d.bookExposure(), d.creditLimit(), d.openFace(),
						d.insurerLimit())));
		}

	}

	@Component
	static class Concentration implements PortfolioTable {

		private final ExposureQueries queries;

		Concentration(ExposureQueries queries) {
			this.queries = queries;
		}

		@Override
		public String name() {
			return "debtor-client-shares";
		}

		@Override
		public List<Column> columns() {
			return header("debtor_rank", Kind.COUNT, "debtor_ref", Kind.TEXT, "debtor_name", Kind.TEXT, "client_ref",
					Kind.TEXT, "client_name", Kind.TEXT, "exposure", Kind.MONEY, "client_exposure", Kind.MONEY,
					"share_of_client", Kind.SHARE);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			for (ExposureView.DebtorExposure d : this.queries.exposure(scope, EXPORT_DEBTORS, 0).debtors()) {
				for (ExposureView.ClientShare c : d.clients()) {
					row.accept(values(d.rank(), d.ref(), d.name(), c.ref(), c.name(), c.exposure(), c.clientExposure(),
							c.share()));
				}
			}
		}

	}

	@Component
	static class ByClient implements PortfolioTable {

		private final ExposureQueries queries;

		ByClient(ExposureQueries queries) {
			this.queries = queries;
		}

		@Override
		public String name() {
			return "exposure-by-client";
		}

		@Override
		public List<Column> columns() {
			return header("rank", Kind.COUNT, "client_ref", Kind.TEXT, "client_name", Kind.TEXT, "debtors", Kind.COUNT,
					"funded", Kind.MONEY, "awaiting_funding", Kind.MONEY, "exposure", Kind.MONEY, "share_of_exposure",
					Kind.SHARE, "facility_exposure", Kind.MONEY, "facility_limit", Kind.MONEY, "facility_used",
					Kind.SHARE);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			this.queries.exposure(scope, 0, ExposureQueries.ALL)
				.clients()
				.forEach((c) -> row.accept(values(c.rank(), c.ref(), c.name(), c.debtorCount(), c.funded(),
						c.reserved(), c.exposure(), c.share(), c.facilityExposure(), c.facilityLimit(), c.used())));
		}

	}

	/**
	 * Exposure by grade, industry or country.
	 */
	abstract static class ByGroup implements PortfolioTable {

		private final ExposureQueries queries;

		private final String family;

		ByGroup(ExposureQueries queries, String family) {
			this.queries = queries;
			this.family = family;
		}

		@Override
		public String name() {
			return "exposure-by-" + this.family;
		}

		@Override
		public List<Column> columns() {
			return header(this.family, Kind.TEXT, "debtors", Kind.COUNT, "funded", Kind.MONEY, "awaiting_funding",
					Kind.MONEY, "exposure", Kind.MONEY, "share_of_exposure", Kind.SHARE);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			ExposureView view = this.queries.exposure(scope, 0, 0);
			List<ExposureView.GroupExposure> groups = switch (this.family) {
				case "grade" -> view.grades();
				case "industry" -> view.industries();
				default -> view.countries();
			};
			groups.forEach((g) -> row
				.accept(values(g.key(), g.debtorCount(), g.funded(), g.reserved(), g.exposure(), g.share())));
		}

	}

	@Component
	static class ByGrade extends ByGroup {

		ByGrade(ExposureQueries queries) {
			super(queries, "grade");
		}

	}

	@Component
	static class ByIndustry extends ByGroup {

		ByIndustry(ExposureQueries queries) {
			super(queries, "industry");
		}

	}

	@Component
	static class ByCountry extends ByGroup {

		ByCountry(ExposureQueries queries) {
			super(queries, "country");
		}

	}

	@Component
	static class CrossAged implements PortfolioTable {

		private final ExposureQueries queries;

		CrossAged(ExposureQueries queries) {
			this.queries = queries;
		}

		@Override
		public String name() {
			return "cross-aged";
		}

		@Override
		public List<Column> columns() {
			return header("debtor_ref", Kind.TEXT, "debtor_name", Kind.TEXT, "open_amount", Kind.MONEY,
					"over_90_days_past_due", Kind.MONEY, "share_over_90", Kind.SHARE);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			this.queries.crossAged(scope)
				.forEach((c) -> row.accept(values(c.ref(), c.name(), c.openAmount(), c.agedAmount(), c.agedShare())));
		}

	}

	@Component
	static class Watchlist implements PortfolioTable {

		private final ExposureQueries queries;

		Watchlist(ExposureQueries queries) {
			this.queries = queries;
		}

		@Override
		public String name() {
			return "watchlist";
		}

		@Override
		public List<Column> columns() {
			return header("debtor_ref", Kind.TEXT, "debtor_name", Kind.TEXT, "grade_fell", Kind.TEXT, "grade_then",
					Kind.TEXT, "grade_now", Kind.TEXT, "near_limit", Kind.TEXT, "exposure", Kind.MONEY, "limit",
					Kind.MONEY, "limit_kind", Kind.TEXT, "paying_later", Kind.TEXT, "dbt_90_days", Kind.DECIMAL,
					"dbt_365_days", Kind.DECIMAL);
		}

		@Override
		public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
			this.queries.watchlist(scope)
				.forEach((w) -> row.accept(
						values(w.ref(), w.name(), yes(w.gradeFell()), w.gradeThen(), w.gradeNow(), yes(w.nearLimit()),
								w.exposure(), w.limit(), w.limitKind(), yes(w.payingLater()), w.dbt90(), w.dbt365())));
		}

		private static String yes(boolean value) {
			return value ? "yes" : "no";
		}

	}

}
