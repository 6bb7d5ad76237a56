package com.factordesk.shared;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that runs when no {@code spring.datasource.url} is given.
 *
 * @param directory where the cluster keeps its data across restarts (git-ignored)
 * @param port the port it listens on; 0 picks a free one at each start
 * @param settings server settings ({@code postgresql.conf} names) given at each start
 */
@ConfigurationProperties("factordesk.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path directory, @DefaultValue("0") int port,
		Map<String, String> settings) {

	public EmbeddedDatabaseProperties {
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
	}

}
