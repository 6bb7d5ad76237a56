package com.factordesk.approval;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An advance corrected while another transaction pays its invoice, both committed: the
 * kept held reserve is what the two changes make together (V061), as if one had waited
 * for the other. Before V061 each read the other table without the other's change and the
 * client kept the correction held for an invoice already paid.
 */
@IntegrationTest
class HeldReservesRaceIntegrationTests {

	private static final BigDecimal MOVED = new BigDecimal("10.00");

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private ReserveBalances balances;

	@Test
	void anAdvanceCorrectedWhileItsInvoiceIsPaidLeavesNothingHeld() throws Exception {
		Map<String, Object> funded = this.jdbc.queryForMap("""
				SELECT i.id, i.client_id, a.reserve FROM invoice i JOIN advance a ON a.invoice_id = i.id
				WHERE i.status = 'FUNDED' AND a.amount > 100 ORDER BY i.id DESC LIMIT 1
				""");
		long invoice = ((Number) funded.get("id")).longValue();
		long client = ((Number) funded.get("client_id")).longValue();
		BigDecimal reserve = (BigDecimal) funded.get("reserve");
		long changesBefore = this.jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM portfolio_book_change",
				Long.class);
		BigDecimal before = held(client);
		CountDownLatch corrected = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			// 10.00 of the advance moved into the reserve (advance + reserve = face),
			// held open until released
			CompletableFuture<Void> correction = CompletableFuture
				.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
					this.jdbc.update(
							"UPDATE advance SET amount = amount - ?, reserve = reserve + ? WHERE invoice_id = ?", MOVED,
							MOVED, invoice);
					corrected.countDown();
					await(release);
				}));
			assertThat(corrected.await(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> payment = CompletableFuture.runAsync(() -> this.transactions.executeWithoutResult(
					(status) -> this.jdbc.update("UPDATE invoice SET status = 'PAID' WHERE id = ?", invoice)));
			// the payment waits for the correction (V061); before, it did not
			Thread.sleep(500);
			release.countDown();
			correction.get(30, TimeUnit.SECONDS);
			payment.get(30, TimeUnit.SECONDS);

			assertThat(held(client)).as("the paid invoice's reserve, corrected or not, no longer held")
				.isEqualByComparingTo(before.subtract(reserve));
			assertThat(differing()).isZero();
		}
		finally {
			release.countDown();
			this.transactions.executeWithoutResult((status) -> {
				this.jdbc.update("UPDATE invoice SET status = 'FUNDED' WHERE id = ?", invoice);
				this.jdbc.update("UPDATE advance SET amount = amount + ?, reserve = reserve - ? WHERE invoice_id = ?",
						MOVED, MOVED, invoice);
				this.jdbc.update("DELETE FROM portfolio_book_change WHERE id > ? AND source LIKE 'advance%'",
						changesBefore);
			});
			this.balances.compact();
		}
		assertThat(held(client)).as("put back").isEqualByComparingTo(before);
		assertThat(differing()).isZero();
	}

	private int differing() {
		return this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM client_reserve_position() p
				WHERE p.held <> (SELECT COALESCE(SUM(a.reserve), 0) FROM invoice i JOIN advance a ON a.invoice_id = i.id
				                 WHERE i.client_id = p.client_id AND i.status IN ('FUNDED', 'PARTIALLY_PAID'))
				""", Integer.class);
	}

	private BigDecimal held(long client) {
		return this.jdbc.queryForObject("SELECT held FROM client_reserve_position() WHERE client_id = ?",
				BigDecimal.class, client);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
