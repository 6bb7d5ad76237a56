package com.factordesk.demo;

import com.factordesk.shared.AdvisoryLocks;

import java.time.Clock;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, fills an empty database with the demo portfolio once, as of the
 * pinned "today". An advisory lock keeps two instances starting together from seeding
 * twice.
 */
@Component
@Profile("demo")
@Order(10)
class DemoPortfolioSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoPortfolioSeeder.class);

	private final DataSource dataSource;

	private final DemoProperties properties;

	private final Clock clock;

	private final AdvisoryLocks locks;

	DemoPortfolioSeeder(DataSource dataSource, DemoProperties properties, Clock clock, AdvisoryLocks locks) {
		this.locks = locks;
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.locks.runExclusively(AdvisoryLocks.Key.DEMO_SEED, () -> seedIfEmpty(new JdbcTemplate(this.dataSource)));
	}

	private void seedIfEmpty(JdbcTemplate jdbc) {
		Long clients = jdbc.queryForObject("SELECT COUNT(*) FROM client", Long.class);
		if (clients != null && clients > 0) {
			logger.info("Demo portfolio present ({} clients): not seeding", clients);
			return;
		}
		LocalDate today = LocalDate.now(this.clock);
		logger.info("Seeding the demo portfolio as of {} (seed {})", today, this.properties.seed());
		GenerationReport report = new DemoPortfolioGenerator(this.dataSource).generate(this.properties.scale(), today,
				this.properties.seed());
		logger.info("Demo portfolio seeded in {} ms: {}", report.elapsed().toMillis(), report);
	}

}
