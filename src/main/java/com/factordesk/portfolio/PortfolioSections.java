package com.factordesk.portfolio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads the dashboard's sections side by side: each section is a read-only transaction of
 * its own over the whole scope, and on a large book its SQL takes seconds, so the page
 * waits for the slowest section instead of for their sum. Each task runs with the
 * requesting user's security context (the queries are guarded). Four threads, shared by
 * every page request: a page holds at most one more pooled connection per running task.
 * The sections are separate transactions, so a write committed while they run may show in
 * one and not in another.
 */
@Component
class PortfolioSections implements DisposableBean {

	private final ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();

	private final DelegatingSecurityContextExecutor executor;

	PortfolioSections() {
		this.threads.setCorePoolSize(4);
		this.threads.setMaxPoolSize(4);
		this.threads.setQueueCapacity(200);
		this.threads.setThreadNamePrefix("portfolio-section-");
		this.threads.setDaemon(true);
		this.threads.initialize();
		// each task runs with the security context of the thread that starts it
		this.executor = new DelegatingSecurityContextExecutor(this.threads);
	}

	@Override
	public void destroy() {
		this.threads.shutdown();
	}

	/**
	 * Starts reading a section on a section thread, or reads it at once in a caller that
	 * is in a transaction already: what that transaction wrote and has not committed is
	 * visible on its own connection only.
	 * @param section what reads it
	 * @return the section, once read
	 */
	<T> Section<T> start(Supplier<T> section) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			try {
				return new Section<>(CompletableFuture.completedFuture(section.get()));
			}
			catch (RuntimeException ex) {
				return new Section<>(CompletableFuture.failedFuture(new CompletionException(ex)));
			}
		}
		return new Section<>(CompletableFuture.supplyAsync(section, this.executor));
	}

	/**
	 * A section being read.
	 *
	 * @param <T> what it reads
	 */
	static final class Section<T> {

		private final CompletableFuture<T> future;

		private Section(CompletableFuture<T> future) {
			this.future = future;
		}

		/**
		 * @return the section, once read; what its query threw (access denied, a bad
		 * scope) is thrown here as it was thrown there
		 */
		T get() {
			try {
				return this.future.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		}

	}

}
