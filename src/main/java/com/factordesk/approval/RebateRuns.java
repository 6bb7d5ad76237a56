package com.factordesk.approval;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays a client its rebates due (DESIGN section 4b): what its reserve ledger holds beyond
 * the reserves of its open funded invoices ({@link ReservePosition#rebatesDue()}), in a
 * rebate run like a funding run. One transaction takes the client's rebate-run lock (an
 * advisory lock per client, across instances), reads the position after it, and writes
 * the run and its REBATE_PAID entry together: a second run waits for the first and finds
 * nothing left to pay, so a rebate is never paid twice. The payout is a pain.001 file to
 * the client's IBAN, and the run is marked paid once the bank confirms it.
 */
@Service
@Transactional
public class RebateRuns {

	private final ClientRepository clients;

	private final RebateRunRepository runs;

	private final ReserveLedger ledger;

	private final AdvisoryLocks locks;

	private final Pain001Files files;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	RebateRuns(ClientRepository clients, RebateRunRepository runs, ReserveLedger ledger, AdvisoryLocks locks,
			Pain001Files files, JdbcClient jdbc, Clock clock, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clients = clients;
		this.runs = runs;
		this.ledger = ledger;
		this.locks = locks;
		this.files = files;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Pays the client everything due today in one run; refused when nothing is due (a
	 * shortfall is what the client owes, never paid).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public RebateRun pay(String clientRef) {
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		Client client = this.clients.findByRef(clientRef).orElseThrow(() -> new NotFoundException("Client", clientRef));
		this.locks.lockForTransaction(AdvisoryLocks.Key.REBATE_RUN, client.getId());
		// read after the lock: what a run that went first paid shows
		ReservePosition position = this.ledger.position(client.getId());
		Money due = position.rebatesDue();
		if (!due.isPositive()) {
			throw BusinessRefusal.of("rebate.nothing", "Nothing to pay client " + clientRef + ": no rebate is due",
					clientRef);
		}
		RebateRun run = this.runs.save(new RebateRun(client, due, actor, this.clock));
		this.ledger.book(client.getId(), ReserveEntryKind.REBATE_PAID, due, run.getRunOn(),
				ReserveEntry.Source.rebateRun(run.getId()), "rebate run " + run.getId());
		this.audit.record("rebate-run.made", "rebate-run", String.valueOf(run.getId()), null,
				Map.of("client", clientRef, "amount", due.amount()));
		return run;
	}

	/**
	 * The bank confirmed the run's payout; a second confirmation is refused.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void markPaid(long runId) {
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		RebateRun run = this.runs.findById(runId).orElseThrow(() -> new NotFoundException("Rebate run", runId));
		run.markPaid(actor, this.clock);
		this.audit.record("rebate-run.paid", "rebate-run", String.valueOf(runId), Map.of("paid", false),
				Map.of("paid", true));
	}

	/**
	 * The client's rebate runs, newest first (the latest 50).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public List<RebateRunRow> ofClient(long clientId) {
		return this.jdbc.sql("""
				SELECT id, run_on, total, created_by, paid_at FROM rebate_run
				WHERE client_id = :clientId ORDER BY run_on DESC, id DESC LIMIT 50
				""")
			.param("clientId", clientId)
			.query((rs, row) -> new RebateRunRow(rs.getLong("id"), rs.getObject("run_on", LocalDate.class),
					Money.of(rs.getBigDecimal("total")), rs.getString("created_by"),
					FundingQueries.instant(rs, "paid_at")))
			.list();
	}

	/**
	 * The run with its client.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public RebateRunView find(long runId) {
		RebateRun run = this.runs.findWithClientById(runId)
			.orElseThrow(() -> new NotFoundException("Rebate run", runId));
		Client client = run.getClient();
		return new RebateRunView(run.getId(), client.getRef(), client.getLegalName(), client.getIban(), run.getRunOn(),
				run.getTotal(), run.getCreatedBy(), run.getCreatedAt(), run.getPaidBy(), run.getPaidAt(),
				this.ledger.ofRebateRun(run.getId()));
	}

	/**
	 * The run's payout as a pain.001 file; refused while the client has no IBAN.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public byte[] payoutFile(long runId) {
		RebateRun run = this.runs.findWithClientById(runId)
			.orElseThrow(() -> new NotFoundException("Rebate run", runId));
		Client client = run.getClient();
		if (client.getIban() == null) {
			throw BusinessRefusal.of(
					"rebate.noIban", "The payout file of rebate run " + runId + " cannot be written: client "
							+ client.getRef() + " has no IBAN on file",
					String.valueOf(runId), client.getLegalName(), client.getRef());
		}
		return this.files.write(Payout.rebate(run.getId(), run.getRunOn(), run.getTotal(), client.getLegalName(),
				client.getIban(), client.getBic()));
	}

	/**
	 * A rebate run as the client page lists it.
	 */
	public record RebateRunRow(long id, LocalDate runOn, Money total, String createdBy, Instant paidAt) {

		public boolean paid() {
			return this.paidAt != null;
		}

	}

	/**
	 * A rebate run as its page shows it, with the ledger entries it booked.
	 */
	public record RebateRunView(long id, String clientRef, String clientName, String clientIban, LocalDate runOn,
			Money total, String createdBy, Instant createdAt, String paidBy, Instant paidAt,
			List<ReserveEntry> entries) {

		public boolean paid() {
			return this.paidAt != null;
		}

	}

}
