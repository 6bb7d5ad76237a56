package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.factordesk.audit.AuditTrail;
import com.factordesk.approval.bankfile.BankLine;
import com.factordesk.approval.bankfile.BankStatements;
import com.factordesk.approval.bankfile.StatementEntry;
import com.factordesk.approval.bankfile.StatementFile;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentRepository;
import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receipts (DESIGN section 4b): a debtor's payment entered by hand or read from a bank
 * statement file (CAMT.053 or CSV), the same bank line never twice; the payer identified
 * by an IBAN seen on an earlier receipt of a debtor, else left for the underwriter; the
 * allocations suggested for it; what belongs to a client passed on to it through the
 * reserve ledger. Applying goes through {@link CashApplication}.
 */
@Service
@Transactional
public class Receipts {

	static final int COUNTERPARTY_MAX = 140;

	static final int REMITTANCE_MAX = 500;

	static final int NOTE_MAX = 200;

	/** The most open invoices a suggestion reads. */
	private static final int MAX_OPEN = 200;

	private final PaymentRepository payments;

	private final DebtorRepository debtors;

	private final ClientRepository clients;

	private final ReserveLedger ledger;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	private final Clock clock;

	private final AuditTrail audit;

	Receipts(PaymentRepository payments, DebtorRepository debtors, ClientRepository clients, ReserveLedger ledger,
			JdbcClient jdbc, EntityManager entityManager, Clock clock, AuditTrail audit) {
		this.payments = payments;
		this.debtors = debtors;
		this.clients = clients;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Records a receipt entered by hand; every field that does not hold is refused at
	 * once.
	 * @return the receipt's id
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public long record(RecordReceipt receipt) {
		List<Violation> problems = new ArrayList<>();
		LocalDate today = LocalDate.now(this.clock);
		if (receipt.receivedOn() == null) {
			problems.add(Violation.onField("receivedOn", "receipts.date.missing", "The date received is missing"));
		}
		else if (receipt.receivedOn().isAfter(today)) {
			problems.add(Violation.onField("receivedOn", "receipts.date.future",
					"The date received " + receipt.receivedOn() + " is after today", receipt.receivedOn().toString()));
		}
		if (receipt.amount() == null || !receipt.amount().isPositive()) {
			problems.add(Violation.onField("amount", "receipts.amount.notPositive", "The amount must be above zero"));
		}
		String iban = blankToNull(receipt.iban());
		if (iban != null) {
			iban = iban.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
			if (!Iban.isValid(iban)) {
				problems.add(Violation.onField("iban", "receipts.iban.invalid", iban + " is not a valid IBAN", iban));
			}
		}
		String counterparty = text("counterparty", receipt.counterparty(), COUNTERPARTY_MAX, problems);
		String remittance = text("remittance", receipt.remittance(), REMITTANCE_MAX, problems);
		Debtor debtor = null;
		String debtorRef = blankToNull(receipt.debtorRef());
		if (debtorRef != null) {
			debtor = this.debtors.findByRef(debtorRef).orElse(null);
			if (debtor == null) {
				problems.add(
						Violation.onField("debtorRef", "receipts.debtor.unknown", "No debtor " + debtorRef, debtorRef));
			}
		}
		if (!problems.isEmpty()) {
			throw new BusinessRefusal(problems);
		}
		if (debtor == null && iban != null) {
			debtor = payerOf(iban, new HashMap<>()).orElse(null);
		}
		String reference = "MAN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		Payment payment = Payment.receive(debtor, receipt.receivedOn(), receipt.amount(), reference, counterparty, iban,
				remittance, PaymentSource.MANUAL, null, actor(), this.clock);
		long id = this.payments.save(payment).getId();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("amount", receipt.amount().amount());
		after.put("receivedOn", receipt.receivedOn().toString());
		after.put("reference", reference);
		if (debtor != null) {
			after.put("debtor", debtor.getRef());
		}
		this.audit.record("receipt.recorded", "receipt", String.valueOf(id), null, after);
		return id;
	}

	/**
	 * Imports a bank statement file: each credit a receipt unless the same line was
	 * imported before. A CSV file with any invalid line imports nothing; a CAMT.053 entry
	 * that cannot be a receipt (another currency) is refused alone.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public ImportReport importFile(String fileName, byte[] content) {
		StatementFile file = BankStatements.read(content);
		if (!file.fileProblems().isEmpty()) {
			return new ImportReport(fileName, file.format(), ImportReport.Outcome.REFUSED, List.of(),
					file.fileProblems());
		}
		boolean refuseAll = file.format() == StatementFile.Format.CSV && file.hasInvalidLines();
		Set<String> fingerprints = file.entries()
			.stream()
			.filter((entry) -> entry.kind() == StatementEntry.Kind.CREDIT)
			.map((entry) -> entry.receipt().fingerprint())
			.collect(Collectors.toSet());
		Set<String> present = fingerprints.isEmpty() ? Set.of()
				: new HashSet<>(this.payments.findFingerprintsIn(fingerprints));
		PaymentSource source = (file.format() == StatementFile.Format.CSV) ? PaymentSource.CSV : PaymentSource.CAMT053;
		Map<String, Optional<Debtor>> payers = new HashMap<>();
		List<ImportReport.Line> lines = new ArrayList<>();
		List<Payment> added = new ArrayList<>();
		List<Integer> addedAt = new ArrayList<>();
		String actor = actor();
		for (StatementEntry entry : file.entries()) {
			BankLine line = entry.receipt();
			switch (entry.kind()) {
				case SKIPPED -> lines.add(new ImportReport.Line(entry.line(), ImportReport.Status.SKIPPED, null, null,
						null, null, null, null, entry.problems()));
				case INVALID -> lines.add(new ImportReport.Line(entry.line(), ImportReport.Status.REFUSED, null, null,
						null, null, null, null, entry.problems()));
				case CREDIT -> {
					if (refuseAll) {
						lines.add(reportLine(entry, ImportReport.Status.NOT_IMPORTED, null, null));
					}
					else if (!present.add(line.fingerprint())) {
						lines.add(reportLine(entry, ImportReport.Status.ALREADY_PRESENT, null, null));
					}
					else {
						Debtor payer = (line.iban() != null) ? payerOf(line.iban(), payers).orElse(null) : null;
						Payment payment = Payment.receive(payer, line.receivedOn(), line.amount(), line.reference(),
								line.counterparty(), line.iban(), line.remittance(), source, line.fingerprint(), actor,
								this.clock);
						added.add(payment);
						addedAt.add(lines.size());
						lines.add(reportLine(entry, ImportReport.Status.IMPORTED, null,
								(payer != null) ? payer.getRef() : null));
					}
				}
			}
		}
		try {
			this.payments.saveAllAndFlush(added);
		}
		catch (DataIntegrityViolationException ex) {
			if (!fingerprintTaken(ex)) {
				throw ex;
			}
			throw BusinessRefusal.of("receipts.import.concurrent",
					"The same lines were imported at the same moment by someone else: import the file again");
		}
		for (int i = 0; i < added.size(); i++) {
			ImportReport.Line line = lines.get(addedAt.get(i));
			lines.set(addedAt.get(i),
					new ImportReport.Line(line.line(), line.status(), line.receivedOn(), line.amount(),
							line.counterparty(), line.reference(), added.get(i).getId(), line.payerRef(),
							line.problems()));
		}
		ImportReport.Outcome outcome = refuseAll ? ImportReport.Outcome.REFUSED
				: added.isEmpty() ? ImportReport.Outcome.UNCHANGED : ImportReport.Outcome.IMPORTED;
		if (!added.isEmpty()) {
			this.audit.record("receipt.statement-imported", "receipt",
					added.get(0).getId() + ((added.size() > 1) ? "-" + added.get(added.size() - 1).getId() : ""), null,
					Map.of("file", fileName, "format", file.format().name(), "receipts", added.size(), "total",
							added.stream().map(Payment::getAmount).reduce(Money.ZERO, Money::plus).amount()));
		}
		return new ImportReport(fileName, file.format(), outcome, lines, List.of());
	}

	/**
	 * Whether the insert failed on the fingerprint's unique constraint: another import
	 * took the same lines meanwhile. Any other violation is not a concurrent import.
	 */
	private static boolean fingerprintTaken(DataIntegrityViolationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
					&& "uq_payment_fingerprint".equalsIgnoreCase(violation.getConstraintName())) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getMessage() != null
					&& sql.getMessage().contains("uq_payment_fingerprint")) {
				return true;
			}
		}
		return false;
	}

	private static ImportReport.Line reportLine(StatementEntry entry, ImportReport.Status status, Long paymentId,
			String payerRef) {
		BankLine line = entry.receipt();
		return new ImportReport.Line(entry.line(), status, line.receivedOn(), line.amount(), line.counterparty(),
				line.reference(), paymentId, payerRef, List.of());
	}

	/**
	 * The debtor who paid from this account before: the payer of the latest identified
	 * receipt from it.
	 */
	private Optional<Debtor> payerOf(String iban, Map<String, Optional<Debtor>> known) {
		return known.computeIfAbsent(iban,
				(account) -> this.payments.findFirstByIbanAndDebtorIsNotNullOrderByReceivedOnDescIdDesc(account)
					.map(Payment::getDebtor));
	}

	/**
	 * The allocations suggested for what is left of a receipt: invoices whose number the
	 * remittance names (of the payer, or of any debtor while the payer is unknown: that
	 * suggests the payer), then by amount and age.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public ReceiptSuggestion suggest(long paymentId) {
		Payment receipt = receipt(paymentId);
		Money rest = receipt.unapplied();
		Debtor debtor = receipt.getDebtor();
		ReceiptSuggestion.Payer known = (debtor != null)
				? new ReceiptSuggestion.Payer(debtor.getId(), debtor.getRef(), debtor.getName()) : null;
		if (!rest.isPositive()) {
			return new ReceiptSuggestion(known, false, false, List.of());
		}
		List<String> numbers = AllocationSuggester.candidateNumbers(receipt.getRemittance());
		if (debtor != null) {
			List<OpenInvoice> named = numbers.isEmpty() ? List.of() : open(debtor.getId(), numbers, null, null);
			return new ReceiptSuggestion(known, false, false, AllocationSuggester.suggest(rest, receipt.getRemittance(),
					named, open(debtor.getId(), null, null, null)));
		}
		List<OpenInvoice> named = numbers.isEmpty() ? List.of() : open(null, numbers, null, null);
		Set<Long> payers = named.stream()
			.map(OpenInvoice::debtorId)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Long payer = null;
		if (payers.size() == 1) {
			payer = payers.iterator().next();
		}
		else if (payers.size() > 1) {
			String counterparty = normalized(receipt.getCounterparty());
			Set<Long> byName = named.stream()
				.filter((invoice) -> counterparty != null && counterparty.equals(normalized(invoice.debtorName())))
				.map(OpenInvoice::debtorId)
				.collect(Collectors.toSet());
			if (byName.size() != 1) {
				return new ReceiptSuggestion(null, false, true, List.of());
			}
			payer = byName.iterator().next();
		}
		else {
			Set<Long> byAmount = open(null, null, rest, null).stream()
				.map(OpenInvoice::debtorId)
				.collect(Collectors.toSet());
			if (byAmount.size() == 1) {
				payer = byAmount.iterator().next();
			}
		}
		if (payer == null) {
			return new ReceiptSuggestion(null, false, false, List.of());
		}
		long payerId = payer;
		List<OpenInvoice> open = open(payerId, null, null, null);
		List<OpenInvoice> ofPayer = named.stream().filter((invoice) -> invoice.debtorId() == payerId).toList();
		OpenInvoice any = open.isEmpty() ? ofPayer.get(0) : open.get(0);
		return new ReceiptSuggestion(new ReceiptSuggestion.Payer(payerId, any.debtorRef(), any.debtorName()), true,
				false, AllocationSuggester.suggest(rest, receipt.getRemittance(), ofPayer, open));
	}

	/**
	 * The open funded invoice of this number that the receipt can be applied to: of its
	 * payer, or of any debtor while the payer is unknown (refused when several debtors
	 * have one).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public OpenInvoice openInvoice(long paymentId, String number) {
		String wanted = blankToNull(number);
		if (wanted == null) {
			throw BusinessRefusal.onField("addNumber", "receipts.add.missing", "Give the number of an invoice");
		}
		Payment receipt = receipt(paymentId);
		Long debtorId = (receipt.getDebtor() != null) ? receipt.getDebtor().getId() : null;
		List<OpenInvoice> found = open(debtorId, List.of(wanted.strip().toUpperCase(Locale.ROOT)), null, null);
		if (found.isEmpty()) {
			throw BusinessRefusal.onField("addNumber", "receipts.add.notFound",
					"No open funded invoice " + wanted + " of the payer", wanted);
		}
		if (found.size() > 1) {
			throw BusinessRefusal.onField("addNumber", "receipts.add.ambiguous",
					"Several debtors have an open invoice " + wanted + ": identify the payer first", wanted);
		}
		return found.get(0);
	}

	/**
	 * These invoices as open invoices, those still open and funded, by id.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public Map<Long, OpenInvoice> openInvoices(Collection<Long> invoiceIds) {
		if (invoiceIds.isEmpty()) {
			return Map.of();
		}
		return open(null, null, null, invoiceIds).stream()
			.collect(Collectors.toMap(OpenInvoice::invoiceId, (invoice) -> invoice));
	}

	private List<OpenInvoice> open(Long debtorId, List<String> numbers, Money outstanding, Collection<Long> ids) {
		StringBuilder sql = new StringBuilder("""
				SELECT b.invoice_id, i.number, c.ref AS client_ref, d.id AS debtor_id, d.ref AS debtor_ref,
				       d.name AS debtor_name, b.due_date, b.outstanding
				FROM invoice_balance(:today) b
				JOIN invoice i ON i.id = b.invoice_id
				JOIN client c ON c.id = b.client_id
				JOIN debtor d ON d.id = b.debtor_id
				WHERE i.status IN ('FUNDED', 'PARTIALLY_PAID') AND b.outstanding > 0
				""");
		Map<String, Object> params = new HashMap<>();
		params.put("today", LocalDate.now(this.clock));
		if (debtorId != null) {
			sql.append(" AND b.debtor_id = :debtorId");
			params.put("debtorId", debtorId);
		}
		if (numbers != null) {
			sql.append(" AND upper(i.number) IN (:numbers)");
			params.put("numbers", numbers);
		}
		if (outstanding != null) {
			sql.append(" AND b.outstanding = :outstanding");
			params.put("outstanding", outstanding.amount());
		}
		if (ids != null) {
			sql.append(" AND b.invoice_id IN (:ids)");
			params.put("ids", ids);
		}
		sql.append(" ORDER BY b.due_date, b.invoice_id LIMIT ").append(MAX_OPEN);
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new OpenInvoice(rs.getLong("invoice_id"), rs.getString("number"),
					rs.getString("client_ref"), rs.getLong("debtor_id"), rs.getString("debtor_ref"),
					rs.getString("debtor_name"), rs.getObject("due_date", LocalDate.class),
					Money.of(rs.getBigDecimal("outstanding"))))
			.list();
	}

	/**
	 * Names the debtor who paid a receipt from an account we did not know.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public void identify(long paymentId, String debtorRef) {
		String ref = blankToNull(debtorRef);
		Debtor debtor = (ref != null) ? this.debtors.findByRef(ref.strip()).orElse(null) : null;
		if (debtor == null) {
			throw BusinessRefusal.onField("debtorRef", "receipts.debtor.unknown", "No debtor " + debtorRef,
					String.valueOf(debtorRef));
		}
		Payment receipt = receipt(paymentId);
		String before = (receipt.getDebtor() != null) ? receipt.getDebtor().getRef() : null;
		receipt.identify(debtor);
		Map<String, Object> was = new LinkedHashMap<>();
		was.put("debtor", before);
		this.audit.record("receipt.payer-identified", "receipt", String.valueOf(paymentId), was,
				Map.of("debtor", debtor.getRef()));
	}

	/**
	 * Passes part of a receipt's unapplied cash on to a client (paid for an invoice we
	 * did not fund, or paid too much): off the receipt and into the client's reserve
	 * ledger as PASSED_ON, in one transaction; the next rebate run pays it out.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public ReserveEntry passOn(long paymentId, String clientRef, Money amount, String note) {
		List<Violation> problems = new ArrayList<>();
		String ref = blankToNull(clientRef);
		Client client = (ref != null) ? this.clients.findByRef(ref.strip()).orElse(null) : null;
		if (client == null) {
			problems.add(Violation.onField("clientRef", "receipts.client.unknown", "No client " + clientRef,
					String.valueOf(clientRef)));
		}
		if (amount == null || !amount.isPositive()) {
			problems.add(Violation.onField("amount", "receipts.amount.notPositive", "The amount must be above zero"));
		}
		String text = text("note", note, NOTE_MAX, problems);
		if (!problems.isEmpty()) {
			throw new BusinessRefusal(problems);
		}
		Payment receipt = receipt(paymentId);
		this.entityManager.lock(receipt, LockModeType.PESSIMISTIC_WRITE);
		this.entityManager.refresh(receipt);
		receipt.passOn(amount);
		this.audit.record("receipt.passed-on", "receipt", String.valueOf(paymentId), null,
				Map.of("client", client.getRef(), "amount", amount.amount()));
		return this.ledger.book(client.getId(), ReserveEntryKind.PASSED_ON, amount, LocalDate.now(this.clock),
				ReserveEntry.Source.payment(null, receipt.getId()),
				(text != null) ? text : "receipt " + receipt.getReference());
	}

	private Payment receipt(long paymentId) {
		return this.payments.findById(paymentId).orElseThrow(() -> new NotFoundException("Receipt", paymentId));
	}

	private static String text(String field, String value, int max, List<Violation> problems) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		text = text.strip();
		if (text.length() > max) {
			problems.add(Violation.onField(field, "receipts.tooLong", "Longer than " + max + " characters",
					String.valueOf(max)));
		}
		return text;
	}

	private static String normalized(String name) {
		return (name == null) ? null : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static String actor() {
		return SecurityContextHolder.getContext().getAuthentication().getName();
	}

}
