package com.factordesk.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.factordesk.backtest.Backtest;
import com.factordesk.backtest.BacktestReport;
import com.factordesk.demo.DemoPortfolioGenerator;
import com.factordesk.demo.DemoScale;
import com.factordesk.demo.GenerationReport;
import com.factordesk.portfolio.PortfolioFigures;
import com.factordesk.portfolio.PortfolioScope;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringDraft;
import com.factordesk.risk.calibration.ScoringCalibration;
import com.factordesk.security.Role;
import com.factordesk.risk.ScoreTrigger;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * In the {@code bench} profile: fills an empty database with a portfolio of
 * {@code factordesk.bench.invoices} invoices (kept for the next run), then times the full
 * re-score, the backtest over a year, the portfolio headline figures and a calibration
 * (which saves a draft in the benchmark's own database), prints the figures and stops the
 * application.
 */
@Component
@Profile("bench")
class BenchmarkRunner implements ApplicationRunner {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final RiskScoring scoring;

	private final Backtest backtest;

	private final PortfolioFigures portfolio;

	private final ScoringCalibration calibration;

	private final ScoringAdministration administration;

	private final Clock clock;

	private final ConfigurableApplicationContext context;

	private final int invoices;

	private final boolean calibrate;

	BenchmarkRunner(DataSource dataSource, JdbcClient jdbc, RiskScoring scoring, Backtest backtest,
			PortfolioFigures portfolio, ScoringCalibration calibration, ScoringAdministration administration,
			Clock clock, ConfigurableApplicationContext context, BenchProperties properties) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.scoring = scoring;
		this.backtest = backtest;
		this.portfolio = portfolio;
		this.calibration = calibration;
		this.administration = administration;
		this.clock = clock;
		this.context = context;
		this.invoices = properties.invoices();
		this.calibrate = properties.calibrate();
	}

	@Override
	public void run(ApplicationArguments args) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("benchmark", null,
					AuthorityUtils.createAuthorityList(Role.MANAGER.authority())));
		LocalDate today = LocalDate.now(this.clock);
		long existing = this.jdbc.sql("SELECT COUNT(*) FROM invoice").query(Long.class).single();
		print("== FactorDesk benchmarks, %s, %d cores, %s ==", today, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		if (existing == 0) {
			GenerationReport report = new DemoPortfolioGenerator(this.dataSource)
				.generate(DemoScale.forInvoices(this.invoices), today, 20261125L);
			print("generate   %,d invoices, %,d rows in %.1f s (%,d rows/s)", report.invoices(), report.totalRows(),
					seconds(report.elapsed()), report.rowsPerSecond());
		}
		else {
			print("generate   skipped: the database already holds %,d invoices", existing);
		}
		RiskScoring.ScoringRun run = this.scoring.scoreAll(ScoreTrigger.MANUAL);
		print("re-score   %,d debtors in %.1f s (%,d debtors/s)", run.debtors(), seconds(run.elapsed()),
				run.debtorsPerSecond());
		// the judged period of issue 8: invoices issued in the six full months before
		// this
		// one, judged where due date + 30 days is on or before today
		LocalDate to = today.withDayOfMonth(1).minusDays(1);
		LocalDate from = today.minusMonths(6).withDayOfMonth(1);
		BacktestReport report = this.backtest.run(from, to, null);
		print("backtest   %,d matured invoices issued %s..%s in %.1f s (with both challengers and %d bootstrap resamples)",
				report.invoices(), from, to, seconds(report.elapsed()), BacktestReport.RESAMPLES);
		print("           late %s, 30+ late %s; grades %s", report.lateShare(), report.late30Share(),
				grades(report.grades()));
		for (BacktestReport.Ranked ranked : report.rankings()) {
			print("           %-18s late AUC %s %s, KS %s; 30+ AUC %s %s, KS %s", ranked.name(), ranked.auc(),
					interval(ranked.lateInterval()), ranked.late().ks(), ranked.auc30(),
					interval(ranked.late30Interval()), ranked.late30().ks());
		}
		long started = System.nanoTime();
		this.portfolio.headline(PortfolioScope.portfolio(today));
		print("portfolio  headline figures as of %s in %.2f s", today, (System.nanoTime() - started) / 1e9);
		if (this.calibrate) {
			calibrate();
		}
		else {
			print("calibrate  skipped (factordesk.bench.calibrate=false)");
		}
		SecurityContextHolder.clearContext();
		this.context.close();
	}

	private void calibrate() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("benchmark", null,
					AuthorityUtils.createAuthorityList(Role.ADMIN.authority())));
		ScoringDraft.FitReport fit = this.calibration.calibrate(this.administration.current().version(), "benchmark")
			.report();
		print("calibrate  %,d + %,d invoices issued %s..%s in %.1f s: AUC30 on the judge window %s (in force %s)",
				fit.fitInvoices(), fit.judgeInvoices(), fit.fitFrom(), fit.judgeTo(), fit.elapsedMillis() / 1000.0,
				fit.draftJudgeAuc30(), fit.activeJudgeAuc30());
	}

	private static String grades(List<BacktestReport.GradeOutcome> grades) {
		StringBuilder text = new StringBuilder();
		for (BacktestReport.GradeOutcome grade : grades) {
			text.append(String.format(Locale.ROOT, "%s %,d late %s 30+ %s dbt %s; ", grade.grade(), grade.invoices(),
					grade.lateShare(), grade.late30Share(), grade.avgDaysBeyondTerms()));
		}
		return text.toString();
	}

	private static String interval(BacktestReport.Interval interval) {
		return (interval != null) ? "[" + interval.low() + ", " + interval.high() + "]" : "[-]";
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static void print(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
	}

}
