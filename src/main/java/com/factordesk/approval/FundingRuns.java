package com.factordesk.approval;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.factordesk.audit.AuditTrail;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.InvoiceTransition;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Rate;
import com.factordesk.shared.Violation;
import jakarta.persistence.EntityManager;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funds a client's approved invoices in a funding run (DESIGN section 4b), in one
 * transaction: the exposure rows of the invoices' debtors and of the client's facility
 * are locked first (the exposure engine's order), so a run waits for any other run,
 * approval or withdrawal on them, and then reads each invoice as it is now. An invoice no
 * longer approved (funded meanwhile by another run, withdrawn, lapsed, held) is skipped
 * and reported with why; an invoice is never funded twice (the advance table's unique
 * invoice is the backstop). Each funded invoice is paid its approved advance at the
 * approval's frozen quote: an {@link Advance} record, its reserve moved to funded on the
 * exposure rows, the invoice's reserve (face - advance) credited to the client's reserve
 * ledger (RESERVE_CREATED) and a FUND decision. The run's payout is a SEPA credit
 * transfer file (pain.001), and the run is marked paid once the bank confirms it.
 */
@Service
@Transactional
public class FundingRuns {

	private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ExposureEngine engine;

	private final Decisions decisions;

	private final InvoiceRepository invoices;

	private final ClientRepository clients;

	private final FundingRunRepository runs;

	private final AdvanceRepository advances;

	private final Pain001Files files;

	private final ReserveLedger ledger;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	private final Clock clock;

	private final AuditTrail audit;

	FundingRuns(ExposureEngine engine, Decisions decisions, InvoiceRepository invoices, ClientRepository clients,
			FundingRunRepository runs, AdvanceRepository advances, Pain001Files files, ReserveLedger ledger,
			JdbcClient jdbc, EntityManager entityManager, Clock clock, AuditTrail audit) {
		this.engine = engine;
		this.decisions = decisions;
		this.invoices = invoices;
		this.clients = clients;
		this.runs = runs;
		this.advances = advances;
		this.files = files;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Funds the client's approved invoices (all, or the ones selected) today. Refused
	 * when nothing is left to fund: no run is made then.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public FundingOutcome fund(FundClient command) {
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		Client client = this.clients.findByRef(command.clientRef())
			.orElseThrow(() -> new NotFoundException("Client", command.clientRef()));
		if (!command.all() && command.invoiceIds().isEmpty()) {
			throw BusinessRefusal.of("funding.noneSelected", "Select at least one invoice to fund, or fund all");
		}
		// the invoices are chosen in SQL: what this transaction changed counts
		this.entityManager.flush();
		List<DefaultMessageSourceResolvable> skipped = new ArrayList<>();
		List<Candidate> candidates = candidates(client, command, skipped);
		if (candidates.isEmpty()) {
			throw nothingToFund(client, skipped);
		}
		Exposures locked = this.engine.lock(candidates.stream().map(Candidate::debtorId).collect(Collectors.toSet()),
				List.of(client.getId()));
		// read after the lock: what another run or decision committed meanwhile shows
		List<Fundable> fundable = new ArrayList<>();
		for (Candidate candidate : candidates) {
			Invoice invoice = this.invoices.findById(candidate.id())
				.orElseThrow(() -> new NotFoundException("Invoice", candidate.id()));
			if (invoice.getStatus() != InvoiceStatus.APPROVED) {
				skipped.add(notApproved(invoice));
				continue;
			}
			Optional<DecisionRecord> approval = this.decisions.frozenApproval(invoice.getId());
			if (approval.isEmpty()) {
				skipped.add(skip("funding.skip.noDecision",
						"Invoice " + invoice.getNumber() + ": no approval decision on record", invoice.getNumber()));
				continue;
			}
			fundable.add(new Fundable(invoice, approval.get(), invoice.getApprovedAdvance().orElseThrow()));
		}
		if (fundable.isEmpty()) {
			throw nothingToFund(client, skipped);
		}
		FundingRun run = new FundingRun(client, actor, this.clock);
		fundable.forEach((item) -> run.add(item.advance()));
		this.runs.save(run);
		List<String> funded = new ArrayList<>();
		for (Fundable item : fundable) {
			Invoice invoice = item.invoice();
			invoice.fund(actor, this.clock);
			Advance advance = this.advances
				.save(new Advance(invoice, run, item.advance(), advanceRate(item), item.approval().feeRate(),
						client.getFacility().getFeeTerms(), item.approval().bandSetVersion(), item.approval().id()));
			if (advance.getReserve().isPositive()) {
				this.ledger.book(client.getId(), ReserveEntryKind.RESERVE_CREATED, advance.getReserve(), run.getRunOn(),
						ReserveEntry.Source.invoice(invoice.getId()), "funding run " + run.getId());
			}
			this.engine.fund(locked, invoice.getDebtor().getId(), client.getId(), item.advance());
			this.decisions.record(invoice.getId(), DecisionKind.FUND, actor, InvoiceStatus.APPROVED,
					invoice.getStatus(), Decisions.Entry.advance(item.advance(), "funding run " + run.getId()));
			funded.add(invoice.getNumber());
		}
		this.audit.record("funding-run.made", "funding-run", String.valueOf(run.getId()), null,
				Map.of("client", client.getRef(), "invoices", funded.size(), "total", run.getTotal().amount()));
		return new FundingOutcome(run.getId(), run.getTotal().amount(), funded, skipped);
	}

	/**
	 * The bank confirmed the run's payout; a second confirmation is refused.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void markPaid(long runId) {
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		FundingRun run = this.runs.findById(runId).orElseThrow(() -> new NotFoundException("Funding run", runId));
		run.markPaid(actor, this.clock);
		this.audit.record("funding-run.paid", "funding-run", String.valueOf(runId), Map.of("paid", false),
				Map.of("paid", true));
	}

	/**
	 * The run's payout as a pain.001 file; refused while the client has no IBAN.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public byte[] payoutFile(long runId) {
		FundingRun run = this.runs.findWithClientById(runId)
			.orElseThrow(() -> new NotFoundException("Funding run", runId));
		Client client = run.getClient();
		if (client.getIban() == null) {
			throw BusinessRefusal.of(
					"funding.noIban", "The payout file of funding run " + runId + " cannot be written: client "
							+ client.getRef() + " has no IBAN on file",
					String.valueOf(runId), client.getLegalName(), client.getRef());
		}
		List<String> numbers = this.jdbc.sql("""
				SELECT i.number FROM advance a JOIN invoice i ON i.id = a.invoice_id
				WHERE a.funding_run_id = :runId ORDER BY i.number, i.id
				""").param("runId", runId).query(String.class).list();
		return this.files.write(new Payout(run.getId(), run.getRunOn(), run.getTotal(), numbers, client.getLegalName(),
				client.getIban(), client.getBic()));
	}

	/**
	 * The frozen quote's advance rate when the full quoted advance was approved; the
	 * advance's share of the face otherwise (six decimals).
	 */
	private static Rate advanceRate(Fundable item) {
		DecisionRecord approval = item.approval();
		if (approval.advanceRate() != null && item.advance().equals(approval.quotedAdvance())) {
			return approval.advanceRate();
		}
		return new Rate(item.advance().amount().divide(item.invoice().getAmount().amount(), 6, RoundingMode.HALF_EVEN));
	}

	private List<Candidate> candidates(Client client, FundClient command,
			List<DefaultMessageSourceResolvable> skipped) {
		if (command.all()) {
			return this.jdbc.sql("""
					SELECT id, number, debtor_id, client_id FROM invoice
					WHERE client_id = :clientId AND status = 'APPROVED' ORDER BY id
					""").param("clientId", client.getId()).query(Candidate.class).list();
		}
		Map<Long, Candidate> found = this.jdbc.sql("""
				SELECT id, number, debtor_id, client_id FROM invoice WHERE id IN (:ids) ORDER BY id
				""")
			.param("ids", command.invoiceIds())
			.query(Candidate.class)
			.stream()
			.collect(Collectors.toMap(Candidate::id, Function.identity()));
		List<Candidate> candidates = new ArrayList<>();
		for (Long id : command.invoiceIds().stream().sorted().toList()) {
			Candidate candidate = found.get(id);
			if (candidate == null) {
				skipped.add(skip("funding.skip.unknown", "Invoice " + id + " does not exist", String.valueOf(id)));
			}
			else if (candidate.clientId() != client.getId()) {
				skipped.add(skip("funding.skip.otherClient",
						"Invoice " + candidate.number() + " is not an invoice of client " + client.getRef(),
						candidate.number(), client.getRef()));
			}
			else {
				candidates.add(candidate);
			}
		}
		return candidates;
	}

	/**
	 * Why an invoice is not funded: funded already (by which run, who and when), or moved
	 * on to another status (by whom and when).
	 */
	private DefaultMessageSourceResolvable notApproved(Invoice invoice) {
		Optional<Advance> advance = this.advances.findByInvoiceId(invoice.getId());
		if (advance.isPresent() && advance.get().getFundingRun() != null) {
			FundingRun run = advance.get().getFundingRun();
			String at = at(run.getCreatedAt());
			return skip("funding.skip.funded",
					"Invoice " + invoice.getNumber() + ": already funded in run " + run.getId() + " by "
							+ run.getCreatedBy() + " at " + at,
					invoice.getNumber(), String.valueOf(run.getId()), run.getCreatedBy(), at);
		}
		if (advance.isPresent()) {
			return skip("funding.skip.fundedBefore",
					"Invoice " + invoice.getNumber() + ": already funded on " + advance.get().getFundedOn(),
					invoice.getNumber(), advance.get().getFundedOn().toString());
		}
		List<InvoiceTransition> transitions = invoice.getTransitions();
		InvoiceTransition last = transitions.get(transitions.size() - 1);
		String at = at(last.getChangedAt());
		return skip("funding.skip.status",
				"Invoice " + invoice.getNumber() + ": no longer approved but " + invoice.getStatus() + " (by "
						+ last.getChangedBy() + " at " + at + ")",
				invoice.getNumber(),
				new DefaultMessageSourceResolvable(new String[] { "status." + invoice.getStatus() },
						invoice.getStatus().name()),
				last.getChangedBy(), at);
	}

	private BusinessRefusal nothingToFund(Client client, List<DefaultMessageSourceResolvable> skipped) {
		List<Violation> violations = new ArrayList<>();
		violations.add(Violation.of("funding.nothing",
				"Nothing to fund for client " + client.getRef() + ": no approved invoice is left to fund",
				client.getRef()));
		skipped.forEach((reason) -> violations
			.add(Violation.of(reason.getCodes()[0], reason.getDefaultMessage(), (Object[]) reason.getArguments())));
		return new BusinessRefusal(violations);
	}

	private String at(Instant instant) {
		return AT.format(instant.atZone(this.clock.getZone()));
	}

	private static DefaultMessageSourceResolvable skip(String code, String defaultMessage, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments, defaultMessage);
	}

	record Candidate(long id, String number, long debtorId, long clientId) {
	}

	private record Fundable(Invoice invoice, DecisionRecord approval, Money advance) {
	}

}
