package com.factordesk.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a data directory, first stopping an orphan left
 * behind by an application that was killed without shutting it down.
 */
public final class EmbeddedDatabaseServer {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(15);

	private EmbeddedDatabaseServer() {
	}

	public static EmbeddedPostgres start(Path directory, int port) throws IOException {
		return start(directory, port, Map.of());
	}

	/**
	 * Starts it with server settings ({@code postgresql.conf} names and values) on top of
	 * the embedded defaults.
	 */
	public static EmbeddedPostgres start(Path directory, int port, Map<String, String> settings) throws IOException {
		Path dataDirectory = directory.toAbsolutePath();
		Files.createDirectories(dataDirectory);
		stopOrphan(dataDirectory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			// closed by whoever started it, never by a hook of its own: the context
			// closes
			// it after the DataSource, so nothing that still needs it at shutdown finds
			// it
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(60));
		settings.forEach(builder::setServerConfig);
		if (port > 0) {
			builder.setPort(port);
		}
		logger.info("Starting embedded PostgreSQL on {}", dataDirectory);
		return builder.start();
	}

	/**
	 * A {@code postmaster.pid} whose process still runs belongs to an embedded PostgreSQL
	 * that outlived its application (killed with SIGKILL): stop it, or the new start
	 * fails on the locked directory.
	 */
	static void stopOrphan(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().map((command) -> command.contains("postgres")).orElse(true));
		if (orphan.isPresent()) {
			ProcessHandle process = orphan.get();
			logger.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left running on {}", process.pid(),
					dataDirectory);
			process.destroy();
			if (!waitFor(process.onExit(), ORPHAN_STOP_TIMEOUT)) {
				process.destroyForcibly();
				if (!waitFor(process.onExit(), ORPHAN_STOP_TIMEOUT)) {
					throw new IllegalStateException("An embedded PostgreSQL (pid " + process.pid() + ") still holds "
							+ dataDirectory + ": stop it and start again");
				}
			}
		}
		Files.deleteIfExists(pidFile);
	}

	private static Optional<Long> readPid(Path pidFile) throws IOException {
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean waitFor(CompletableFuture<ProcessHandle> exit, Duration timeout) {
		try {
			exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
