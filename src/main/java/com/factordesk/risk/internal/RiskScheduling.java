package com.factordesk.risk.internal;

import javax.sql.DataSource;

import com.factordesk.risk.RiskProperties;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import com.factordesk.risk.calibration.GradeOutcomes;
import com.factordesk.shared.AdvisoryLocks;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Re-scores every debtor nightly, once across all application instances (ShedLock on the
 * database), and scores a freshly loaded portfolio at start-up when it has no scores yet;
 * after either, measures the odds of 30+ days late per grade (at start-up only when the
 * version in force has none yet).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
@EnableAsync
public class RiskScheduling {

	private static final Logger logger = LoggerFactory.getLogger(RiskScheduling.class);

	public static final int HISTORY_MONTHS = 12;

	/**
	 * The name of the one thread that re-scores debtors after their inputs changed.
	 */
	public static final String RESCORING_EXECUTOR = "eventRescoringExecutor";

	/**
	 * One thread, so that re-scores run in the order their changes committed. Stopped
	 * before JPA: the last re-scores still need its transactions; those it cannot finish
	 * stay incomplete in the event publication registry and run at the next start.
	 */
	@Bean(RESCORING_EXECUTOR)
	@DependsOn("entityManagerFactory")
	public ThreadPoolTaskExecutor eventRescoringExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("event-rescoring-");
		executor.setDaemon(true);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}

	@Bean
	public LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}

	@Bean
	public NightlyRescore nightlyRescore(RiskScoring scoring, GradeOutcomes gradeOutcomes) {
		return new NightlyRescore(scoring, gradeOutcomes);
	}

	@Bean
	@Order(20)
	public ApplicationRunner initialScoring(RiskScoring scoring, GradeOutcomes gradeOutcomes, JdbcClient jdbc,
			RiskProperties properties, AdvisoryLocks locks) {
		return (ApplicationArguments args) -> {
			if (!properties.initialScoring()) {
				return;
			}
			// once across instances: one that finds it being done goes on starting (and
			// one that comes after finds it done)
			if (!locks.tryRunExclusively(AdvisoryLocks.Key.INITIAL_SCORING,
					() -> scoreIfUnscored(scoring, gradeOutcomes, jdbc))) {
				logger.info("Another instance is scoring the book: not scoring it here");
			}
		};
	}

	private static void scoreIfUnscored(RiskScoring scoring, GradeOutcomes gradeOutcomes, JdbcClient jdbc) {
		boolean debtors = jdbc.sql("SELECT EXISTS (SELECT 1 FROM debtor)").query(Boolean.class).single();
		boolean scores = jdbc.sql("SELECT EXISTS (SELECT 1 FROM risk_score)").query(Boolean.class).single();
		if (debtors && !scores) {
			scoring.scoreHistory(HISTORY_MONTHS);
			scoring.scoreAll(ScoreTrigger.SEED);
		}
		// the odds per grade of the version in force, unless measured already
		boolean odds = jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM grade_outcome
				               WHERE model_version = (SELECT MAX(version) FROM scoring_weights))
				""").query(Boolean.class).single();
		if (debtors && !odds) {
			gradeOutcomes.recompute();
		}
	}

	/**
	 * The nightly full re-score.
	 */
	public static class NightlyRescore {

		private final RiskScoring scoring;

		private final GradeOutcomes gradeOutcomes;

		NightlyRescore(RiskScoring scoring, GradeOutcomes gradeOutcomes) {
			this.scoring = scoring;
			this.gradeOutcomes = gradeOutcomes;
		}

		// the key and its default are RiskProperties's, which validates them
		@Scheduled(cron = "${factordesk.risk.nightly-cron:" + RiskProperties.NIGHTLY_CRON + "}",
				zone = "${factordesk.clock.zone}")
		@SchedulerLock(name = "nightly-rescore", lockAtLeastFor = "PT5M")
		public void run() {
			this.scoring.scoreAll(ScoreTrigger.NIGHTLY);
			this.gradeOutcomes.recompute();
		}

	}

}
