package com.factordesk.web;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.factordesk.web.BenchmarkApps.freePort;
import static com.factordesk.web.BenchmarkApps.jar;
import static com.factordesk.web.BenchmarkApps.option;

/**
 * The page latency benchmark (not a test): starts the packaged jar with the demo profile
 * on a free loopback port (or uses an app already running, {@code --port=8080}), logs in
 * one demo underwriter per simulated user, and for each number of concurrent users times
 * {@code GET /queue}, {@code GET /invoices/{id}} of the first queued invoice and the
 * trivial request of the same app, {@code GET /} of a logged-in user (a 302 to the role's
 * home, not followed): median and p95 latency and requests per second, and the queue's
 * and the invoice page's throughput as a share of the trivial one. Every answer is
 * checked (status, and a page not the login form); one wrong answer fails the run.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package org.codehaus.mojo:exec-maven-plugin:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=com.factordesk.web.PageLatencyBenchmark
 * </pre>
 *
 * Options: {@code --users=4,16}, {@code --seconds=5} (measured, per page and user count),
 * {@code --warmup=3} (seconds before each measurement), {@code --jar=} (default: the one
 * {@code target/factordesk-*.jar}), {@code --db=target/page-bench-db} (the embedded
 * PostgreSQL's folder: seeded with the demo book at the first run, reused after),
 * {@code --port=} (an app already running on localhost: nothing is started).
 */
public final class PageLatencyBenchmark {

	private static final Pattern QUEUED_INVOICE = Pattern.compile("href=\"/invoices/(\\d+)\"");

	private PageLatencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> users = Arrays.stream(option(args, "users", "4,16").split(","))
			.map(String::trim)
			.map(Integer::parseInt)
			.toList();
		Duration measured = Duration.ofSeconds(Long.parseLong(option(args, "seconds", "5")));
		Duration warmup = Duration.ofSeconds(Long.parseLong(option(args, "warmup", "3")));
		String port = option(args, "port", null);
		Process app = null;
		int appPort;
		if (port != null) {
			appPort = Integer.parseInt(port);
		}
		else {
			appPort = freePort();
			app = BenchmarkApps.start(jar(option(args, "jar", null)), option(args, "db", "target/page-bench-db"),
					appPort, Path.of("target", "page-bench-app.log"), Duration.ofMinutes(5),
					// no background refresh of the portfolio's trends while it measures
					"--factordesk.portfolio.trends-refresh-delay=PT24H");
		}
		try {
			run(appPort, users, measured, warmup);
		}
		finally {
			if (app != null) {
				app.destroy();
				app.waitFor();
			}
		}
	}

	private static void run(int port, List<Integer> userCounts, Duration measured, Duration warmup) {
		DeskClient probe = DeskClient.loggedIn(port, "underwriter");
		Matcher queued = QUEUED_INVOICE.matcher(probe.get("/queue").body());
		if (!queued.find()) {
			throw new IllegalStateException("The queue lists no invoice");
		}
		List<Page> pages = List.of(new Page("GET / (trivial)", "/", 302), new Page("GET /queue", "/queue", 200),
				new Page("GET /invoices/" + queued.group(1), "/invoices/" + queued.group(1), 200));
		System.out.printf(Locale.ROOT,
				"%nPage latency, app on 127.0.0.1:%d, %d processors, %s s measured after %s s warm-up per row"
						+ " (twice that per page first)%n",
				port, Runtime.getRuntime().availableProcessors(), measured.toSeconds(), warmup.toSeconds());
		// the JIT first: every page under the highest load, not measured
		List<DeskClient> warming = clients(port, userCounts.stream().max(Integer::compare).orElse(1));
		for (Page page : pages) {
			load(warming, page, warmup.multipliedBy(2));
		}
		System.out.printf(Locale.ROOT, "%6s  %-26s %9s %9s %11s %8s%n", "users", "page", "requests", "req/s",
				"median ms", "p95 ms");
		for (int count : userCounts) {
			List<DeskClient> clients = clients(port, count);
			List<Result> results = new ArrayList<>();
			for (Page page : pages) {
				load(clients, page, warmup);
				Result result = load(clients, page, measured);
				results.add(result);
				System.out.printf(Locale.ROOT, "%6d  %-26s %9d %9.1f %11.1f %8.1f%n", count, page.label(),
						result.requests(), result.perSecond(), result.millis(0.50), result.millis(0.95));
			}
			double trivial = results.get(0).perSecond();
			System.out.printf(Locale.ROOT, "%6d  throughput / trivial: queue %.3f, invoice %.3f%n", count,
					results.get(1).perSecond() / trivial, results.get(2).perSecond() / trivial);
		}
	}

	private static List<DeskClient> clients(int port, int count) {
		List<DeskClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(DeskClient.loggedIn(port, "underwriter"));
		}
		return clients;
	}

	/**
	 * Each client sends the page's request again and again until the time is up.
	 */
	private static Result load(List<DeskClient> clients, Page page, Duration duration) {
		long[][] latencies = new long[clients.size()][];
		AtomicLong wrong = new AtomicLong();
		List<String> failures = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		long[] window = new long[2];
		for (int i = 0; i < clients.size(); i++) {
			DeskClient client = clients.get(i);
			int index = i;
			Thread thread = new Thread(() -> {
				long[] own = new long[1024];
				int n = 0;
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long deadline = window[0] + duration.toNanos();
				while (System.nanoTime() < deadline) {
					long before = System.nanoTime();
					HttpResponse<String> response = client.get(page.path());
					long took = System.nanoTime() - before;
					if (!page.answered(response)) {
						if (wrong.getAndIncrement() == 0) {
							synchronized (failures) {
								failures.add(response.statusCode() + " "
										+ response.headers().firstValue("Location").orElse(""));
							}
						}
						continue;
					}
					if (n == own.length) {
						own = Arrays.copyOf(own, n * 2);
					}
					own[n++] = took;
				}
				latencies[index] = Arrays.copyOf(own, n);
			}, "bench-user-" + i);
			threads.add(thread);
			thread.start();
		}
		window[0] = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		window[1] = System.nanoTime();
		if (wrong.get() > 0) {
			throw new IllegalStateException(
					page.path() + " answered wrongly " + wrong.get() + " times, first: " + failures.get(0));
		}
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(all, (window[1] - window[0]) / 1e9);
	}

	private record Page(String label, String path, int status) {

		boolean answered(HttpResponse<String> response) {
			return response.statusCode() == this.status
					&& !response.headers().firstValue("Location").orElse("").contains("/login");
		}

	}

	private record Result(long[] sortedNanos, double seconds) {

		int requests() {
			return this.sortedNanos.length;
		}

		double perSecond() {
			return this.sortedNanos.length / this.seconds;
		}

		double millis(double quantile) {
			if (this.sortedNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(quantile * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(index, 0)] / 1e6;
		}

	}

}
