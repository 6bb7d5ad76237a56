package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;

import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Committed test data for pages over real HTTP: a client of its own with an account to
 * pay it to, a reserve ledger (a reserve of 1,000.00 on 2026-11-02, a fee of 12.50 on
 * 2026-11-03 and its reversal on 2026-11-04) and a rebate run that paid its 1,000.00. The
 * ledger is append-only, so the client stays: a new one each time.
 */
public final class CommittedLedger {

	private final String clientRef;

	private final long rebateRunId;

	private CommittedLedger(String clientRef, long rebateRunId) {
		this.clientRef = clientRef;
		this.rebateRunId = rebateRunId;
	}

	public static CommittedLedger create(ApplicationContext context) {
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		EntityManager entities = context.getBean(EntityManager.class);
		ReserveLedger ledger = context.getBean(ReserveLedger.class);
		Client client = transactions.execute((status) -> {
			Client created = Clients.aClient().named("Ledger Pages B.V.").build();
			created.payTo("NL91ABNA0417164300", "ABNANL2A");
			entities.persist(created);
			entities.flush();
			ReserveEntry.Source none = new ReserveEntry.Source(null, null, null, null);
			ledger.book(created.getId(), ReserveEntryKind.RESERVE_CREATED, Money.of("1000.00"),
					LocalDate.of(2026, 11, 2), none, "opening reserve");
			ReserveEntry fee = ledger.book(created.getId(), ReserveEntryKind.FEE, Money.of("12.50"),
					LocalDate.of(2026, 11, 3), none, "fee");
			ledger.reverse(fee, LocalDate.of(2026, 11, 4), "fee charged in error");
			return created;
		});
		CommittedBook.as("setup.underwriter");
		try {
			RebateRun run = context.getBean(RebateRuns.class).pay(client.getRef());
			return new CommittedLedger(client.getRef(), run.getId());
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	public String clientRef() {
		return this.clientRef;
	}

	public long rebateRunId() {
		return this.rebateRunId;
	}

}
