package com.factordesk.shared;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Run in its own JVM by {@link EmbeddedDatabaseServerTests}: starts an embedded
 * PostgreSQL on a directory, writes a row, says READY and waits to be killed, leaving the
 * server behind as an orphan.
 */
public final class OrphanedServer {

	private OrphanedServer() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgres postgres = EmbeddedDatabaseServer.start(Path.of(args[0]), 0);
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('from the orphan')");
		}
		System.out.println("READY");
		System.out.flush();
		Thread.sleep(120_000);
	}

}
