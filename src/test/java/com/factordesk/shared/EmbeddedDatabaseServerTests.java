package com.factordesk.shared;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL keeps its data across restarts and takes over a data directory
 * from an orphaned server.
 */
class EmbeddedDatabaseServerTests {

	@TempDir
	Path directory;

	@Test
	void dataSurvivesARestart() throws Exception {
		try (EmbeddedPostgres first = EmbeddedDatabaseServer.start(this.directory, 0)) {
			execute(first, "CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here')");
		}
		assertThat(this.directory.resolve("postmaster.pid")).doesNotExist();
		try (EmbeddedPostgres second = EmbeddedDatabaseServer.start(this.directory, 0)) {
			assertThat(query(second, "SELECT value FROM kept")).isEqualTo("still here");
		}
	}

	@Test
	void anOrphanedServerIsStoppedBeforeANewStart() throws Exception {
		Process application = startApplicationThatLeavesAnOrphan();
		application.destroyForcibly().waitFor();
		Path pidFile = this.directory.resolve("postmaster.pid");
		assertThat(pidFile).exists();
		long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

		try (EmbeddedPostgres next = EmbeddedDatabaseServer.start(this.directory, 0)) {
			assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
			assertThat(query(next, "SELECT value FROM kept")).isEqualTo("from the orphan");
		}
	}

	private Process startApplicationThatLeavesAnOrphan() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				OrphanedServer.class.getName(), this.directory.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null) {
				if (line.equals("READY")) {
					return process;
				}
			}
		}
		throw new IllegalStateException("The application that should leave an orphan ended early");
	}

	private static void execute(EmbeddedPostgres postgres, String sql) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String query(EmbeddedPostgres postgres, String sql) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
