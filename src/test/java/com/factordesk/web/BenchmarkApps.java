package com.factordesk.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmarks that time the packaged app share: its jar, a free port, their
 * {@code --name=value} options, and starting the app on a kept database until it is
 * ready.
 */
final class BenchmarkApps {

	private BenchmarkApps() {
	}

	/**
	 * Starts the packaged app in the demo profile on a database directory and waits until
	 * its readiness answers 200 (the first start on a generated book scores its debtors
	 * first).
	 * @param jar the packaged app
	 * @param db the embedded database's directory
	 * @param port the app's port
	 * @param log where the app's output goes
	 * @param ready how long the start may take
	 * @param extra more arguments for the app, and JVM options ({@code -X...})
	 * @return the running app
	 */
	static Process start(Path jar, String db, int port, Path log, Duration ready, String... extra)
			throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java));
		// JVM options (-Xmx512m) before the jar, the app's own after it
		Arrays.stream(extra).filter((arg) -> arg.startsWith("-X")).forEach(command::add);
		command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=demo", "--server.port=" + port,
				"--server.address=127.0.0.1", "--factordesk.embedded-db.directory=" + db));
		Arrays.stream(extra).filter((arg) -> !arg.startsWith("-X")).forEach(command::add);
		System.out.println("Starting " + String.join(" ", command) + " (log: " + log + ")");
		Process app = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		DeskClient anonymous = null;
		long deadline = System.nanoTime() + ready.toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The app stopped at start-up, see " + log);
			}
			try {
				if (anonymous == null) {
					anonymous = DeskClient.anonymous(port);
				}
				// ready once the demo book is seeded and scored (the start-up runners)
				if (anonymous.get("/actuator/health/readiness").statusCode() == 200) {
					return app;
				}
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		app.destroy();
		throw new IllegalStateException("The app did not get ready in " + ready + ", see " + log);
	}

	static Path jar(String given) throws IOException {
		if (given != null) {
			return Path.of(given);
		}
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("factordesk-.*\\.jar"))
				.toList();
			if (jars.size() != 1) {
				throw new IllegalStateException("Expected one target" + File.separator + "factordesk-*.jar (run "
						+ "./mvnw package -DskipTests first), found " + jars);
			}
			return jars.get(0);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static String option(String[] args, String name, String otherwise) {
		String prefix = "--" + name + "=";
		return Arrays.stream(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> arg.substring(prefix.length()))
			.findFirst()
			.orElse(otherwise);
	}

	/**
	 * Deletes a directory and everything in it, if it exists.
	 */
	static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * The single number a query answers.
	 */
	static long count(java.sql.Connection jdbc, String sql) throws java.sql.SQLException {
		try (java.sql.Statement statement = jdbc.createStatement();
				java.sql.ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
