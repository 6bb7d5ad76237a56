package com.factordesk.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.factordesk.IntegrationTest;
import com.factordesk.shared.AdvisoryLocks.Key;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An advisory lock keeps a second holder out while the first holds it, across
 * connections, and is released when its transaction or its work ends.
 */
@IntegrationTest
class AdvisoryLocksIntegrationTests {

	@Autowired
	private AdvisoryLocks locks;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aTransactionLockKeepsOtherTransactionsOutUntilItEnds() throws Exception {
		assertWhileHeldElsewhere(
				(held, release) -> CompletableFuture.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
					this.locks.lockForTransaction(Key.PRICING_PUBLICATION);
					held.countDown();
					await(release);
				})));
	}

	@Test
	void aSessionLockKeepsOthersOutWhileItsWorkRuns() throws Exception {
		assertWhileHeldElsewhere((held, release) -> CompletableFuture
			.runAsync(() -> this.locks.runExclusively(Key.PRICING_PUBLICATION, () -> {
				held.countDown();
				await(release);
			})));
	}

	@Test
	void sharedHoldersDoNotKeepEachOtherOutButAnExclusiveOneWaits() throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> shared = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.locks.lockSharedForTransaction(Key.SCORING_PUBLICATION);
				held.countDown();
				await(release);
			}));
		try {
			assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
			this.transactions.executeWithoutResult((status) -> {
				this.locks.lockSharedForTransaction(Key.SCORING_PUBLICATION);
				assertThat(this.locks.tryLockForTransaction(Key.SCORING_PUBLICATION)).isFalse();
			});
		}
		finally {
			release.countDown();
			shared.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aTransactionLockNeedsATransaction() {
		assertThatIllegalStateException().isThrownBy(() -> this.locks.lockForTransaction(Key.PRICING_PUBLICATION));
	}

	private void assertWhileHeldElsewhere(Holder holder) throws Exception {
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> other = holder.hold(held, release);
		try {
			assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(tryInOwnTransaction()).as("while held elsewhere").isFalse();
		}
		finally {
			release.countDown();
			other.get(30, TimeUnit.SECONDS);
		}
		assertThat(tryInOwnTransaction()).as("once released").isTrue();
	}

	private boolean tryInOwnTransaction() {
		return this.transactions.execute((status) -> this.locks.tryLockForTransaction(Key.PRICING_PUBLICATION));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	private interface Holder {

		CompletableFuture<Void> hold(CountDownLatch held, CountDownLatch release);

	}

}
