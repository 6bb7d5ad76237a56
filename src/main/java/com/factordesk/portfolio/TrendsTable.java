package com.factordesk.portfolio;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * The trends as a table ({@code /portfolio/export/trends.csv} and {@code .xlsx}): one row
 * per point, the 11 month ends before the scope's day and the day itself, with every
 * headline figure; a figure without a denominator is empty.
 */
@Component
class TrendsTable implements PortfolioTable {

	private static final List<Column> COLUMNS = List.of(new Column("as_of", Kind.DATE),
			new Column("open_ar", Kind.MONEY), new Column("current_ar", Kind.MONEY),
			new Column("sales_last_90_days", Kind.MONEY), new Column("dso_standard_90", Kind.DECIMAL),
			new Column("dso_countback", Kind.DECIMAL), new Column("best_possible_dso", Kind.DECIMAL),
			new Column("average_days_delinquent", Kind.DECIMAL),
			new Column("collection_effectiveness_index", Kind.DECIMAL), new Column("days_beyond_terms", Kind.DECIMAL),
			new Column("at_risk_rate", Kind.SHARE), new Column("dilution_rate", Kind.SHARE));

	private final PortfolioTrends trends;

	TrendsTable(PortfolioTrends trends) {
		this.trends = trends;
	}

	@Override
	public String name() {
		return "trends";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void rows(PortfolioScope scope, Consumer<List<Object>> row) {
		for (Headline point : this.trends.trend(scope).points()) {
			row.accept(Arrays.asList(point.asOf(), point.openAr(), point.currentAr(), point.sales90(), point.dso90(),
					point.dsoCountback(), point.bestPossibleDso(), point.averageDaysDelinquent(),
					point.collectionEffectivenessIndex(), point.daysBeyondTerms(), point.atRiskRate(),
					point.dilutionRate()));
		}
	}

}
