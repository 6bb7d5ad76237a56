package com.factordesk.risk;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Re-scores every debtor nightly, once across all application instances (ShedLock on the
 * database), and scores a freshly loaded portfolio at start-up when it has no scores yet.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class RiskScheduling {

	static final int HISTORY_MONTHS = 12;

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}

	@Bean
	NightlyRescore nightlyRescore(RiskScoring scoring) {
		return new NightlyRescore(scoring);
	}

	@Bean
	@Order(20)
	@ConditionalOnBooleanProperty(name = "factordesk.risk.initial-scoring", matchIfMissing = true)
	ApplicationRunner initialScoring(RiskScoring scoring, JdbcClient jdbc) {
		return (ApplicationArguments args) -> {
			boolean debtors = jdbc.sql("SELECT EXISTS (SELECT 1 FROM debtor)").query(Boolean.class).single();
			boolean scores = jdbc.sql("SELECT EXISTS (SELECT 1 FROM risk_score)").query(Boolean.class).single();
			if (debtors && !scores) {
				scoring.scoreHistory(HISTORY_MONTHS);
				scoring.scoreAll(ScoreTrigger.SEED);
			}
		};
	}

	/**
	 * The nightly full re-score.
	 */
	static class NightlyRescore {

		private final RiskScoring scoring;

		NightlyRescore(RiskScoring scoring) {
			this.scoring = scoring;
		}

		@Scheduled(cron = "${factordesk.risk.nightly-cron:0 30 2 * * *}", zone = "${factordesk.clock.zone}")
		@SchedulerLock(name = "nightly-rescore", lockAtLeastFor = "PT5M")
		public void run() {
			this.scoring.scoreAll(ScoreTrigger.NIGHTLY);
		}

	}

}
