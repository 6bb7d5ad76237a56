package com.factordesk.demo;

import java.sql.Connection;
import java.sql.SQLException;
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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
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

	private static final long SEED_LOCK = 0x0FAC7D35L;

	private final DataSource dataSource;

	private final DemoProperties properties;

	private final Clock clock;

	DemoPortfolioSeeder(DataSource dataSource, DemoProperties properties, Clock clock) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			jdbc.execute("SELECT pg_advisory_lock(" + SEED_LOCK + ")");
			try {
				seedIfEmpty(jdbc);
			}
			finally {
				jdbc.execute("SELECT pg_advisory_unlock(" + SEED_LOCK + ")");
			}
		}
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
