package com.factordesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application started at the same moment on one empty database: both
 * start, and what runs once at start-up (migrations, the demo book, the demo users, the
 * first administrator, the initial scoring) ran once.
 */
class TwoInstancesStartTests {

	@Test
	void twoDemoInstancesStartTogetherAndSeedAndScoreOnce() throws Exception {
		MigrationDatabase database = MigrationDatabase.create("two_demo_instances");
		try {
			startTogether(database, "--spring.profiles.active=demo", "--factordesk.demo.invoices=1500");
			JdbcTemplate jdbc = database.jdbc();
			assertThat(jdbc.queryForList("SELECT username FROM app_user ORDER BY username", String.class))
				.containsExactly("admin", "manager", "underwriter");
			assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM api_key WHERE name = 'demo-integration'", Integer.class))
				.isOne();
			// seeded by one of them (a second seed would have stopped its instance on the
			// clients' unique references)
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice", Integer.class)).isPositive();
			int debtors = jdbc.queryForObject("SELECT COUNT(*) FROM debtor", Integer.class);
			// the score of today and of each of the 12 month ends before it: one per
			// debtor
			// and day, however many instances started
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM risk_score WHERE as_of = (SELECT MAX(as_of) FROM risk_score)", Integer.class))
				.isEqualTo(debtors);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM risk_score", Integer.class)).isEqualTo(13 * debtors);
			assertThat(jdbc.queryForObject("""
					SELECT COUNT(*) FROM (SELECT 1 FROM risk_score GROUP BY debtor_id, as_of, trigger
					                      HAVING COUNT(*) > 1) AS twice
					""", Integer.class)).isZero();
		}
		finally {
			database.drop();
		}
	}

	@Test
	void twoInstancesStartTogetherAndCreateTheFirstAdministratorOnce() throws Exception {
		MigrationDatabase database = MigrationDatabase.create("two_instances");
		try {
			startTogether(database, "--spring.profiles.active=two-instances",
					"--factordesk.security.bootstrap-admin.username=first-admin",
					"--factordesk.security.bootstrap-admin.password=Started-twice-2026");
			assertThat(database.jdbc().queryForList("SELECT username FROM app_user", String.class))
				.containsExactly("first-admin");
		}
		finally {
			database.drop();
		}
	}

	/**
	 * Two instances in one JVM share Logback's one logger context, and Spring Boot sets
	 * it up for each start without a lock: set up by both at once, one start's reset can
	 * remove the properties the other is reading (seen in CI: "Unable to find Spring
	 * Environment in logger context"). Separate processes, as instances run in
	 * production, share nothing; so here each start sets up logging while holding
	 * {@link #ONE_AT_A_TIME} and everything after it, the work under test, runs at the
	 * same time.
	 */
	private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

	private static final class LoggingSetUpOneAtATime implements ApplicationListener<SpringApplicationEvent>, Ordered {

		static final int BEFORE_LOGGING = LoggingApplicationListener.DEFAULT_ORDER - 1;

		static final int AFTER_LOGGING = LoggingApplicationListener.DEFAULT_ORDER + 1;

		private static final Map<SpringApplication, Boolean> HOLDING = new ConcurrentHashMap<>();

		private final int order;

		LoggingSetUpOneAtATime(int order) {
			this.order = order;
		}

		@Override
		public void onApplicationEvent(SpringApplicationEvent event) {
			SpringApplication application = event.getSpringApplication();
			if (this.order == BEFORE_LOGGING && event instanceof ApplicationStartingEvent) {
				ONE_AT_A_TIME.acquireUninterruptibly();
				HOLDING.put(application, Boolean.TRUE);
			}
			else if (this.order == AFTER_LOGGING
					&& (event instanceof ApplicationEnvironmentPreparedEvent || event instanceof ApplicationFailedEvent)
					&& HOLDING.remove(application) != null) {
				ONE_AT_A_TIME.release();
			}
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	/**
	 * Starts two instances on the database at the same moment, waits for both to have
	 * started (or failed) and closes them.
	 */
	private static void startTogether(MigrationDatabase database, String... arguments) throws Exception {
		List<String> common = new ArrayList<>(List.of("--" + TestDatabase.OWN_SERVER + "=true",
				"--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + TestDatabase.properties().get("spring.datasource.username"),
				"--spring.datasource.password=" + TestDatabase.properties().get("spring.datasource.password"),
				"--spring.main.web-application-type=none", "--factordesk.portfolio.trends-refresh-delay=PT24H"));
		common.addAll(List.of(arguments));
		String[] args = common.toArray(String[]::new);
		ExecutorService starters = Executors.newFixedThreadPool(2);
		CountDownLatch ready = new CountDownLatch(2);
		List<Future<ConfigurableApplicationContext>> instances = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				instances.add(starters.submit(() -> {
					ready.countDown();
					ready.await();
					return new SpringApplicationBuilder(FactorDeskApplication.class)
						.listeners(new LoggingSetUpOneAtATime(LoggingSetUpOneAtATime.BEFORE_LOGGING),
								new LoggingSetUpOneAtATime(LoggingSetUpOneAtATime.AFTER_LOGGING))
						.run(args);
				}));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<ConfigurableApplicationContext> instance : instances) {
				try {
					instance.get(5, TimeUnit.MINUTES).close();
				}
				catch (Exception ex) {
					failures.add(ex);
				}
			}
			assertThat(failures).as("instances that failed to start").isEmpty();
		}
		finally {
			starters.shutdownNow();
		}
	}

}
