package com.factordesk.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboards, their exports and the backtest read: a read-only copy of the
 * database such as a PostgreSQL streaming replica, so that a manager's heavy report does
 * not compete with the underwriters' decisions on the primary. Off by default (empty
 * {@code url}): they read the primary, in the same transactions as before. Such a service
 * names {@link #TRANSACTIONS} on its {@code @Transactional} and takes the {@link #JDBC}
 * client; it writes nothing and reads nothing through JPA.
 *
 * @param url the copy's JDBC URL, e.g.
 * {@code jdbc:postgresql://replica.internal:5432/factordesk}; empty for the primary
 * @param username its user (a read-only role is enough)
 * @param password its password
 * @param maximumPoolSize the most connections to it
 */
@ConfigurationProperties("factordesk.reporting-database")
public record ReportingDatabase(String url, String username, String password, @DefaultValue("5") int maximumPoolSize) {

	/**
	 * The transaction manager of the reporting reads
	 * ({@code @Transactional(transactionManager
	 * = ReportingDatabase.TRANSACTIONS, readOnly = true)}).
	 */
	public static final String TRANSACTIONS = "reportingTransactionManager";

	/**
	 * The JDBC client of the reporting reads
	 * ({@code @Qualifier(ReportingDatabase.JDBC)}).
	 */
	public static final String JDBC = "reportingJdbcClient";

	/**
	 * Its pool, for a service that reads through a JDBC cursor of its own
	 * ({@code @Qualifier(ReportingDatabase.DATA_SOURCE)}).
	 */
	public static final String DATA_SOURCE = "reportingDataSource";

	/**
	 * The property that turns the copy on.
	 */
	static final String URL_PROPERTY = "factordesk.reporting-database.url";

}
