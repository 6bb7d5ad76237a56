package com.factordesk.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.InvoiceRepository;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Payment;
import com.factordesk.invoice.PaymentRepository;
import com.factordesk.invoice.PaymentSource;
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
 * A payments file's rows (DESIGN section 7:
 * {@code debtor_ref,client_ref,invoice_number,paid_date,amount}) checked against the book
 * and taken in, for {@code ingest.PaymentImports}, in its transaction. Each new row is a
 * receipt from the invoice's debtor, applied to the invoice through
 * {@link CashApplication} up to what is open on it (its funded advance repaid, its
 * exposure released, a paid invoice settled); what is left, or all of it when the invoice
 * is not open (not funded, or closed already), stays on the receipt as unapplied cash for
 * the desk to apply or pass on. A row is known by (client_ref, invoice_number, paid_date,
 * amount, its occurrence among equal rows of the file): a row imported before changes
 * nothing.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class PaymentFileIntake {

	/**
	 * The rows resolved against the book in slices: a large file must not outgrow the
	 * bind parameters of one statement.
	 */
	private static final int SLICE = 10_000;

	/**
	 * How many receipts the persistence context holds before it is written and cleared.
	 */
	private static final int FLUSH_EVERY = 500;

	private final JdbcClient jdbc;

	private final PaymentRepository payments;

	private final InvoiceRepository invoices;

	private final CashApplication cash;

	private final EntityManager entityManager;

	private final Clock clock;

	PaymentFileIntake(JdbcClient jdbc, PaymentRepository payments, InvoiceRepository invoices, CashApplication cash,
			EntityManager entityManager, Clock clock) {
		this.jdbc = jdbc;
		this.payments = payments;
		this.invoices = invoices;
		this.cash = cash;
		this.entityManager = entityManager;
		this.clock = clock;
	}

	/**
	 * The rules the rows break against the book: a client or invoice the desk does not
	 * know, a debtor that does not owe the invoice, a payment before the invoice was
	 * issued. The rows are resolved for {@link #takeIn} as they are checked.
	 */
	public Checked check(List<Row> rows) {
		Map<String, Long> clients = new HashMap<>();
		Map<String, Long> debtors = new HashMap<>();
		Map<String, Known> known = new HashMap<>();
		for (int from = 0; from < rows.size(); from += SLICE) {
			List<Row> slice = rows.subList(from, Math.min(rows.size(), from + SLICE));
			String[] clientRefs = slice.stream().map(Row::clientRef).distinct().toArray(String[]::new);
			this.jdbc.sql("SELECT ref, id FROM client WHERE ref = ANY(:refs)")
				.param("refs", clientRefs)
				.query((rs, row) -> clients.put(rs.getString("ref"), rs.getLong("id")))
				.list();
			String[] debtorRefs = slice.stream().map(Row::debtorRef).distinct().toArray(String[]::new);
			// a record merged into another stands for the record it was merged into
			this.jdbc.sql("SELECT ref, COALESCE(merged_into_id, id) AS id FROM debtor WHERE ref = ANY(:refs)")
				.param("refs", debtorRefs)
				.query((rs, row) -> debtors.put(rs.getString("ref"), rs.getLong("id")))
				.list();
			this.jdbc.sql("""
					SELECT c.ref AS client_ref, i.number, i.id, i.issue_date, i.debtor_id, d.ref AS debtor_ref,
					       d.registration_number
					FROM unnest(CAST(:clients AS text[]), CAST(:numbers AS text[])) AS f(client_ref, number)
					JOIN client c ON c.ref = f.client_ref
					JOIN invoice i ON i.client_id = c.id AND i.number = f.number
					JOIN debtor d ON d.id = i.debtor_id
					""")
				.param("clients", slice.stream().map(Row::clientRef).toArray(String[]::new))
				.param("numbers", slice.stream().map(Row::invoiceNumber).toArray(String[]::new))
				.query((rs, row) -> known.put(key(rs.getString("client_ref"), rs.getString("number")),
						new Known(rs.getLong("id"), rs.getObject("issue_date", LocalDate.class),
								rs.getLong("debtor_id"), rs.getString("debtor_ref"),
								rs.getString("registration_number"))))
				.list();
		}
		Map<String, String> registrations = registrations(debtors.keySet());
		List<RowProblem> problems = new ArrayList<>();
		Map<Integer, Known> resolved = new HashMap<>();
		for (Row row : rows) {
			boolean clientKnown = clients.containsKey(row.clientRef());
			if (!clientKnown) {
				problems.add(new RowProblem(row.line(), Violation.onField("client_ref", "import.payments.unknownClient",
						"No client " + row.clientRef(), row.clientRef())));
			}
			if (!debtors.containsKey(row.debtorRef())) {
				problems.add(new RowProblem(row.line(), Violation.onField("debtor_ref", "import.payments.unknownDebtor",
						"No debtor " + row.debtorRef(), row.debtorRef())));
			}
			Known invoice = known.get(key(row.clientRef(), row.invoiceNumber()));
			if (invoice == null) {
				if (clientKnown) {
					problems.add(new RowProblem(row.line(),
							Violation.onField("invoice_number", "import.payments.unknownInvoice",
									"Client " + row.clientRef() + " has no invoice " + row.invoiceNumber(),
									row.clientRef(), row.invoiceNumber())));
				}
				continue;
			}
			if (debtors.containsKey(row.debtorRef()) && debtors.get(row.debtorRef()) != invoice.debtorId()
					&& !owes(row.debtorRef(), invoice, registrations)) {
				problems.add(new RowProblem(row.line(),
						Violation.onField("debtor_ref", "import.payments.otherDebtor",
								"Invoice " + row.invoiceNumber() + " of client " + row.clientRef() + " is owed by "
										+ invoice.debtorRef() + ", not " + row.debtorRef(),
								row.invoiceNumber(), row.clientRef(), invoice.debtorRef(), row.debtorRef())));
			}
			if (row.paidOn().isBefore(invoice.issueDate())) {
				problems.add(new RowProblem(row.line(),
						Violation.onField("paid_date", "import.payments.beforeIssue",
								"paid_date " + row.paidOn() + " is before the invoice's issue date "
										+ invoice.issueDate(),
								row.paidOn().toString(), invoice.issueDate().toString())));
			}
			resolved.put(row.line(), invoice);
		}
		return new Checked(problems, resolved);
	}

	/**
	 * Takes the checked rows in: a receipt each, applied to its invoice up to what is
	 * open on it; rows imported before are left as they are.
	 */
	public Taken takeIn(List<Row> rows, Checked checked) {
		String actor = SecurityContextHolder.getContext().getAuthentication().getName();
		List<String> fingerprints = fingerprints(rows);
		Set<String> imported = new HashSet<>();
		for (int from = 0; from < fingerprints.size(); from += SLICE) {
			imported.addAll(this.payments
				.findFingerprintsIn(fingerprints.subList(from, Math.min(fingerprints.size(), from + SLICE))));
		}
		long receipts = 0;
		long unchanged = 0;
		Money applied = Money.ZERO;
		Money unapplied = Money.ZERO;
		Set<Long> paid = new HashSet<>();
		Set<Long> debtors = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			String fingerprint = fingerprints.get(i);
			if (imported.contains(fingerprint)) {
				unchanged++;
				continue;
			}
			Known known = checked.resolved().get(row.line());
			Invoice invoice = this.invoices.findById(known.invoiceId()).orElseThrow();
			Payment receipt = this.payments.save(Payment.receive(invoice.getDebtor(), row.paidOn(), row.amount(),
					"IMP-" + fingerprint.substring(0, 12).toUpperCase(Locale.ROOT), null, null,
					"invoice " + row.invoiceNumber() + " of " + row.clientRef(), PaymentSource.IMPORT, fingerprint,
					actor, this.clock));
			receipts++;
			debtors.add(known.debtorId());
			Money applying = Money.ZERO;
			if ((invoice.getStatus() == InvoiceStatus.FUNDED || invoice.getStatus() == InvoiceStatus.PARTIALLY_PAID)
					&& invoice.outstanding().isPositive()) {
				applying = row.amount().min(invoice.outstanding());
				this.cash.applyAs(receipt.getId(), List.of(new CashApplication.Allocate(invoice.getId(), applying)),
						actor);
				if (invoice.getStatus() == InvoiceStatus.PAID) {
					paid.add(invoice.getId());
				}
			}
			applied = applied.plus(applying);
			unapplied = unapplied.plus(row.amount().minus(applying));
			if (receipts % FLUSH_EVERY == 0) {
				this.entityManager.flush();
				this.entityManager.clear();
			}
		}
		this.entityManager.flush();
		return new Taken(receipts, unchanged, applied, unapplied, paid.size(), debtors.size());
	}

	/**
	 * Each row's identity: its natural key and its occurrence among equal rows of the
	 * file, hashed.
	 */
	static List<String> fingerprints(List<Row> rows) {
		Map<String, Integer> seen = new HashMap<>();
		List<String> prints = new ArrayList<>(rows.size());
		for (Row row : rows) {
			String key = String.join("\u001f", row.clientRef(), row.invoiceNumber(), row.paidOn().toString(),
					row.amount().amount().toPlainString());
			int occurrence = seen.merge(key, 1, Integer::sum);
			prints.add(sha256("payments-file\u001f" + key + "\u001f" + occurrence));
		}
		return prints;
	}

	private Map<String, String> registrations(Set<String> debtorRefs) {
		Map<String, String> numbers = new HashMap<>();
		List<String> refs = new ArrayList<>(debtorRefs);
		for (int from = 0; from < refs.size(); from += SLICE) {
			this.jdbc
				.sql("SELECT ref, registration_number FROM debtor WHERE ref = ANY(:refs) "
						+ "AND registration_number IS NOT NULL")
				.param("refs", refs.subList(from, Math.min(refs.size(), from + SLICE)).toArray(String[]::new))
				.query((rs, row) -> numbers.put(rs.getString("ref"), rs.getString("registration_number")))
				.list();
		}
		return numbers;
	}

	/**
	 * The debtor named owes the invoice: it is the invoice's debtor, or a record of the
	 * same legal entity (the same registration number).
	 */
	private static boolean owes(String debtorRef, Known invoice, Map<String, String> registrations) {
		if (debtorRef.equals(invoice.debtorRef())) {
			return true;
		}
		String number = registrations.get(debtorRef);
		return number != null && number.equals(invoice.registrationNumber());
	}

	private static String key(String clientRef, String number) {
		return clientRef + "\u001f" + number;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One row of a payments file, its fields checked on their own.
	 */
	public record Row(int line, String debtorRef, String clientRef, String invoiceNumber, LocalDate paidOn,
			Money amount) {
	}

	/**
	 * What the rows break against the book, and the invoice each valid row pays.
	 */
	public record Checked(List<RowProblem> problems, Map<Integer, Known> resolved) {
	}

	/**
	 * An invoice a row names.
	 */
	public record Known(long invoiceId, LocalDate issueDate, long debtorId, String debtorRef,
			String registrationNumber) {
	}

	/**
	 * What the rows did: receipts made, rows imported before, what was applied to
	 * invoices and what stays unapplied, the invoices paid in full, the debtors who paid
	 * (each re-scored once after the commit).
	 */
	public record Taken(long receipts, long unchanged, Money applied, Money unapplied, long invoicesPaid,
			long debtors) {
	}

}
