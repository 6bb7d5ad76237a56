package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.factordesk.audit.AuditTrail;
import com.factordesk.invoice.Dispute;
import com.factordesk.invoice.DisputeOutcome;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.DisputeRepository;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.RowProblem;
import com.factordesk.shared.Violation;
import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A disputes file's rows (DESIGN section 7:
 * {@code client_ref,invoice_number,opened_date,reason,amount,resolved_date,outcome})
 * checked against the book and taken in, for {@code ingest.DisputeImports}, in its
 * transaction, through the invoice's own verbs. A dispute is known by its invoice and the
 * day it was opened: a row the desk has already changes nothing, and a row that brings
 * the outcome of a dispute still open resolves it (an ERP exports its disputes again once
 * they are settled). A credit note outcome enters the disputed amount, up to what is open
 * on the invoice, as a credit note ({@link Settlements#creditNote}: dilution in the
 * client's reserve ledger when the invoice is funded), today.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class DisputeFileIntake {

	private static final int SLICE = 10_000;

	/**
	 * The statuses an invoice can be disputed in ({@link Invoice#dispute}).
	 */
	private static final Set<InvoiceStatus> OPEN = Set.of(InvoiceStatus.SUBMITTED, InvoiceStatus.VERIFIED,
			InvoiceStatus.AWAITING_SECOND_APPROVAL, InvoiceStatus.HELD, InvoiceStatus.APPROVED, InvoiceStatus.FUNDED,
			InvoiceStatus.PARTIALLY_PAID);

	private final JdbcClient jdbc;

	private final InvoiceRepository invoices;

	private final DisputeRepository disputes;

	private final Settlements settlements;

	private final AuditTrail audit;

	private final EntityManager entityManager;

	private final Clock clock;

	DisputeFileIntake(JdbcClient jdbc, InvoiceRepository invoices, DisputeRepository disputes, Settlements settlements,
			AuditTrail audit, EntityManager entityManager, Clock clock) {
		this.entityManager = entityManager;
		this.jdbc = jdbc;
		this.invoices = invoices;
		this.disputes = disputes;
		this.settlements = settlements;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The rules the rows break against the book, and what each valid row would do, for
	 * {@link #takeIn}. Writes nothing.
	 */
	public Checked check(List<Row> rows) {
		Map<String, Long> clients = new HashMap<>();
		Map<String, Long> invoiceIds = new HashMap<>();
		for (int from = 0; from < rows.size(); from += SLICE) {
			List<Row> slice = rows.subList(from, Math.min(rows.size(), from + SLICE));
			this.jdbc.sql("SELECT ref, id FROM client WHERE ref = ANY(:refs)")
				.param("refs", slice.stream().map(Row::clientRef).distinct().toArray(String[]::new))
				.query((rs, row) -> clients.put(rs.getString("ref"), rs.getLong("id")))
				.list();
			this.jdbc.sql("""
					SELECT c.ref AS client_ref, i.number, i.id
					FROM unnest(CAST(:clients AS text[]), CAST(:numbers AS text[])) AS f(client_ref, number)
					JOIN client c ON c.ref = f.client_ref
					JOIN invoice i ON i.client_id = c.id AND i.number = f.number
					""")
				.param("clients", slice.stream().map(Row::clientRef).toArray(String[]::new))
				.param("numbers", slice.stream().map(Row::invoiceNumber).toArray(String[]::new))
				.query((rs, row) -> invoiceIds.put(key(rs.getString("client_ref"), rs.getString("number")),
						rs.getLong("id")))
				.list();
		}
		Map<Long, Invoice> invoices = new HashMap<>();
		this.invoices.findAllById(new HashSet<>(invoiceIds.values()))
			.forEach((invoice) -> invoices.put(invoice.getId(), invoice));
		Map<Long, List<Dispute>> known = new HashMap<>();
		this.disputes.findByInvoiceIdIn(invoices.keySet())
			.forEach((dispute) -> known.computeIfAbsent(dispute.getInvoice().getId(), (id) -> new ArrayList<>())
				.add(dispute));

		List<RowProblem> problems = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		Map<Integer, Plan> plans = new LinkedHashMap<>();
		for (Row row : rows) {
			Long invoiceId = invoiceIds.get(key(row.clientRef(), row.invoiceNumber()));
			if (invoiceId == null) {
				problems.add(clients.containsKey(row.clientRef())
						? problem(row, "invoice_number", "import.disputes.unknownInvoice",
								"Client " + row.clientRef() + " has no invoice " + row.invoiceNumber(), row.clientRef(),
								row.invoiceNumber())
						: problem(row, "client_ref", "import.disputes.unknownClient", "No client " + row.clientRef(),
								row.clientRef()));
				continue;
			}
			Integer earlier = seen.putIfAbsent(key(invoiceId.toString(), row.openedOn().toString()), row.line());
			if (earlier != null) {
				problems.add(problem(row, "opened_date", "import.disputes.twice",
						"Line " + earlier + " has a dispute of invoice " + row.invoiceNumber() + " opened on "
								+ row.openedOn() + " already",
						earlier, row.invoiceNumber(), row.openedOn().toString()));
				continue;
			}
			Invoice invoice = invoices.get(invoiceId);
			if (row.openedOn().isBefore(invoice.getIssueDate())) {
				problems.add(problem(row, "opened_date", "import.disputes.beforeIssue",
						"opened_date " + row.openedOn() + " is before the invoice's issue date "
								+ invoice.getIssueDate(),
						row.openedOn().toString(), invoice.getIssueDate().toString()));
				continue;
			}
			List<Dispute> ofInvoice = known.getOrDefault(invoiceId, List.of());
			Optional<Dispute> same = ofInvoice.stream()
				.filter((dispute) -> dispute.getOpenedOn().equals(row.openedOn()))
				.findFirst();
			if (same.isPresent()) {
				plan(row, invoice, same.get(), problems).ifPresent((plan) -> plans.put(row.line(), plan));
				continue;
			}
			Optional<Dispute> open = ofInvoice.stream().filter(Dispute::isOpen).findFirst();
			if (open.isPresent() && row.outcome() == null) {
				problems.add(problem(
						row, "invoice_number", "import.disputes.alreadyOpen", "Invoice " + row.invoiceNumber()
								+ " has an open dispute already, opened on " + open.get().getOpenedOn(),
						row.invoiceNumber(), open.get().getOpenedOn().toString()));
				continue;
			}
			if (!OPEN.contains(invoice.getStatus())) {
				problems.add(problem(row, "invoice_number", "import.disputes.closed",
						"Invoice " + row.invoiceNumber() + " is " + invoice.getStatus()
								+ ": only an open invoice can be disputed",
						row.invoiceNumber(), invoice.getStatus().name()));
				continue;
			}
			if (row.amount().isGreaterThan(invoice.outstanding())) {
				problems.add(problem(row, "amount", "import.disputes.aboveOutstanding",
						"amount " + row.amount().amount().toPlainString() + " is above the "
								+ invoice.outstanding().amount().toPlainString() + " open on invoice "
								+ row.invoiceNumber(),
						row.amount().amount().toPlainString(), invoice.outstanding().amount().toPlainString(),
						row.invoiceNumber()));
				continue;
			}
			plans.put(row.line(), new Plan(invoice, null));
		}
		return new Checked(problems, plans);
	}

	/**
	 * A row of a dispute the desk has: unchanged when it says what the desk knows, the
	 * dispute's resolution when it brings the outcome of one still open, a problem when
	 * it says otherwise.
	 */
	private Optional<Plan> plan(Row row, Invoice invoice, Dispute dispute, List<RowProblem> problems) {
		if (dispute.getReason() != row.reason() || dispute.getAmount().compareTo(row.amount()) != 0) {
			problems.add(problem(row, "opened_date", "import.disputes.otherValues",
					"Invoice " + row.invoiceNumber() + " has a dispute opened on " + row.openedOn() + " for "
							+ dispute.getAmount().amount().toPlainString() + " (" + dispute.getReason().name()
							+ ") already",
					row.invoiceNumber(), row.openedOn().toString(), dispute.getAmount().amount().toPlainString(),
					dispute.getReason().name()));
			return Optional.empty();
		}
		if (dispute.isOpen()) {
			return Optional.of(new Plan(invoice, dispute));
		}
		if (row.outcome() != dispute.getOutcome() || !dispute.getResolvedOn().equals(row.resolvedOn())) {
			problems.add(problem(row, "outcome", "import.disputes.resolvedOtherwise",
					"The dispute of invoice " + row.invoiceNumber() + " opened on " + row.openedOn()
							+ " was resolved on " + dispute.getResolvedOn() + " as " + dispute.getOutcome()
							+ " already",
					row.invoiceNumber(), row.openedOn().toString(), dispute.getResolvedOn().toString(),
					dispute.getOutcome().name()));
			return Optional.empty();
		}
		return Optional.of(new Plan(invoice, dispute));
	}

	/**
	 * Takes in the rows that {@link #check} found valid, all of them: disputes opened and
	 * resolved, credit notes entered. A credit note the settlement refuses is a problem
	 * of its row; then nothing stands (the caller rolls back).
	 */
	public Taken takeIn(List<Row> rows, Checked checked) {
		Map<Integer, Plan> plans = checked.plans();
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		long opened = 0;
		long resolved = 0;
		long unchanged = 0;
		long creditNotes = 0;
		Money credited = Money.ZERO;
		Set<Long> debtors = new HashSet<>();
		List<RowProblem> problems = new ArrayList<>();
		List<Credit> credits = new ArrayList<>();
		for (Row row : rows) {
			Plan plan = plans.get(row.line());
			Dispute dispute = plan.dispute();
			if (dispute != null && (!dispute.isOpen() || row.outcome() == null)) {
				unchanged++;
				continue;
			}
			Invoice invoice = plan.invoice();
			if (dispute == null) {
				dispute = this.disputes
					.saveAndFlush(invoice.dispute(row.reason(), row.openedOn(), row.amount(), actor, this.clock));
				this.audit.record("dispute.opened", "dispute", String.valueOf(dispute.getId()), null,
						Map.of("invoice", invoice.getId(), "reason", row.reason().name(), "amount",
								row.amount().amount(), "openedOn", row.openedOn().toString(), "source", "import"));
				opened++;
			}
			debtors.add(invoice.getDebtor().getId());
			if (row.outcome() == null) {
				continue;
			}
			dispute.resolve(row.outcome(), row.resolvedOn());
			this.disputes.saveAndFlush(dispute);
			this.audit.record("dispute.resolved", "dispute", String.valueOf(dispute.getId()), Map.of("open", true), Map
				.of("outcome", row.outcome().name(), "resolvedOn", row.resolvedOn().toString(), "source", "import"));
			resolved++;
			if (row.outcome() == DisputeOutcome.CREDIT_NOTE) {
				Money amount = row.amount().min(invoice.outstanding());
				if (amount.isPositive()) {
					credits.add(new Credit(row, invoice.getId(), amount));
				}
			}
		}
		// the credit notes once the disputes are written: each locks and re-reads its
		// invoice, from a persistence context that holds none of the rows above
		this.entityManager.flush();
		this.entityManager.clear();
		for (Credit credit : credits) {
			Row row = credit.row();
			try {
				this.settlements.creditNoteAs(credit.invoiceId(), credit.amount(), "dispute of " + row.openedOn() + " ("
						+ row.reason().name().toLowerCase(java.util.Locale.ROOT) + ") settled", actor);
				creditNotes++;
				credited = credited.plus(credit.amount());
			}
			catch (BusinessRefusal ex) {
				ex.getViolations()
					.forEach((violation) -> problems.add(new RowProblem(row.line(), Violation.onField("outcome",
							violation.code(), violation.defaultMessage(), violation.arguments().toArray()))));
			}
		}
		if (!problems.isEmpty()) {
			return Taken.rejected(problems);
		}
		this.entityManager.flush();
		return new Taken(List.of(), opened, resolved, unchanged, creditNotes, credited, debtors.size());
	}

	private static RowProblem problem(Row row, String field, String code, String message, Object... arguments) {
		return new RowProblem(row.line(), Violation.onField(field, code, message, arguments));
	}

	private static String key(String first, String second) {
		return first + "\u001f" + second;
	}

	/**
	 * One row of a disputes file, its fields checked on their own: an outcome comes with
	 * its resolved date, or neither is given.
	 */
	public record Row(int line, String clientRef, String invoiceNumber, LocalDate openedOn, DisputeReason reason,
			Money amount, LocalDate resolvedOn, DisputeOutcome outcome) {
	}

	/**
	 * A credit note a row's outcome enters.
	 */
	private record Credit(Row row, long invoiceId, Money amount) {
	}

	/**
	 * A row's invoice and the dispute it names, {@code null} for a new one.
	 */
	record Plan(Invoice invoice, Dispute dispute) {
	}

	/**
	 * What the rows break against the book, and what each valid row would do.
	 */
	public record Checked(List<RowProblem> problems, Map<Integer, Plan> plans) {
	}

	/**
	 * What the rows did: disputes opened and resolved, rows the desk had already, credit
	 * notes entered and their total, the debtors concerned (re-scored after the commit);
	 * or what the rows break, then nothing stands.
	 */
	public record Taken(List<RowProblem> problems, long opened, long resolved, long unchanged, long creditNotes,
			Money credited, long debtors) {

		static Taken rejected(List<RowProblem> problems) {
			return new Taken(problems, 0, 0, 0, 0, Money.ZERO, 0);
		}

	}

}
