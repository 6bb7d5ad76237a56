package com.factordesk.approval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a client's statement for a period (DESIGN section 4b): a fixed handful of SQL
 * aggregates over the ledger's index by client and day ({@code ix_reserve_entry_client}),
 * whatever the size of the ledger, in one snapshot of the database (repeatable read), so
 * that the closing balance read from the ledger equals opening + movements to the cent,
 * as this class checks every time.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class ClientStatements {

	/** The entries a drill-down page lists. */
	static final int PAGE_SIZE = 25;

	private static final String MOVEMENTS = """
			SELECT e.kind, COUNT(*) AS entries, SUM(e.amount) AS total
			FROM reserve_entry e
			WHERE e.client_id = :clientId AND e.booked_on >= :from AND e.booked_on <= :to
			GROUP BY e.kind
			""";

	private static final String ENTRIES = """
			SELECT e.id, e.booked_on, e.kind, e.amount, e.invoice_id, i.number, e.payment_id, e.settlement_id,
			       e.rebate_run_id, e.reverses_id, e.note, e.created_by
			FROM reserve_entry e
			LEFT JOIN invoice i ON i.id = e.invoice_id
			WHERE e.client_id = :clientId AND e.kind = :kind AND e.booked_on >= :from AND e.booked_on <= :to
			ORDER BY e.booked_on, e.id
			LIMIT :size OFFSET :offset
			""";

	private final JdbcClient jdbc;

	private final ReserveLedger ledger;

	private final StatementPdf pdf;

	ClientStatements(JdbcClient jdbc, ReserveLedger ledger, StatementPdf pdf) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.pdf = pdf;
	}

	/**
	 * The client's statement for the days {@code from} through {@code to}; refused on the
	 * field {@code to} when the period ends before it starts.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public ClientStatement of(String clientRef, LocalDate from, LocalDate to) {
		checkPeriod(from, to);
		Client client = client(clientRef);
		Money opening = sum("booked_on < :day", client.id(), from);
		Map<ReserveEntryKind, ClientStatement.Movement> found = new EnumMap<>(ReserveEntryKind.class);
		this.jdbc.sql(MOVEMENTS)
			.param("clientId", client.id())
			.param("from", from)
			.param("to", to)
			.query((rs, row) -> new ClientStatement.Movement(ReserveEntryKind.valueOf(rs.getString("kind")),
					rs.getLong("entries"), Money.of(rs.getBigDecimal("total"))))
			.list()
			.forEach((movement) -> found.put(movement.kind(), movement));
		List<ClientStatement.Movement> movements = new ArrayList<>();
		for (ReserveEntryKind kind : ReserveEntryKind.values()) {
			movements.add(found.getOrDefault(kind, new ClientStatement.Movement(kind, 0, Money.ZERO)));
		}
		Money closing = sum("booked_on <= :day", client.id(), to);
		ClientStatement.Activity funded = this.jdbc.sql("""
				SELECT COUNT(*) AS n, COALESCE(SUM(a.amount), 0) AS total
				FROM invoice i JOIN advance a ON a.invoice_id = i.id
				WHERE i.client_id = :clientId AND a.funded_on >= :from AND a.funded_on <= :to
				""").param("clientId", client.id()).param("from", from).param("to", to).query(this::activity).single();
		// what a bounced receipt took back by the end of the period was not collected
		ClientStatement.Activity collected = this.jdbc.sql("""
				SELECT COUNT(*) AS n, COALESCE(SUM(c.amount), 0) AS total
				FROM collection_fact c
				WHERE c.client_id = :clientId AND c.received_on >= :from AND c.received_on <= :to
				  AND (c.reversed_on IS NULL OR c.reversed_on > :to)
				""").param("clientId", client.id()).param("from", from).param("to", to).query(this::activity).single();
		ClientStatement statement = new ClientStatement(client.id(), client.ref(), client.name(), from, to, funded,
				collected, opening, movements, closing, this.ledger.position(client.id()));
		Money reconciled = opening.plus(statement.moved());
		if (!reconciled.equals(closing)) {
			throw new IllegalStateException("The statement of client " + clientRef + " for " + from + ".." + to
					+ " does not reconcile: opening " + opening + " + movements " + statement.moved() + " = "
					+ reconciled + ", the ledger's balance through " + to + " is " + closing);
		}
		return statement;
	}

	/**
	 * The client's statement for the period as a PDF in this language: the same figures
	 * as {@link #of}.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public byte[] pdf(String clientRef, LocalDate from, LocalDate to, Locale locale) {
		return this.pdf.write(of(clientRef, from, to), locale);
	}

	/**
	 * The entries of one kind booked in the period, oldest first, a page at a time
	 * (0-based; past the last, the last).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Page<StatementEntry> entries(String clientRef, ReserveEntryKind kind, LocalDate from, LocalDate to,
			int page) {
		checkPeriod(from, to);
		Client client = client(clientRef);
		long count = this.jdbc.sql("""
				SELECT COUNT(*) FROM reserve_entry e
				WHERE e.client_id = :clientId AND e.kind = :kind AND e.booked_on >= :from AND e.booked_on <= :to
				""")
			.param("clientId", client.id())
			.param("kind", kind.name())
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.single();
		int lastPage = (int) Math.max(0, (count - 1) / PAGE_SIZE);
		int pageIndex = Math.min(Math.max(page, 0), lastPage);
		List<StatementEntry> entries = this.jdbc.sql(ENTRIES)
			.param("clientId", client.id())
			.param("kind", kind.name())
			.param("from", from)
			.param("to", to)
			.param("size", PAGE_SIZE)
			.param("offset", (long) pageIndex * PAGE_SIZE)
			.query((rs, row) -> new StatementEntry(rs.getLong("id"), rs.getObject("booked_on", LocalDate.class),
					ReserveEntryKind.valueOf(rs.getString("kind")), Money.of(rs.getBigDecimal("amount")),
					rs.getObject("invoice_id", Long.class), rs.getString("number"),
					rs.getObject("payment_id", Long.class), rs.getObject("settlement_id", Long.class),
					rs.getObject("rebate_run_id", Long.class), rs.getObject("reverses_id", Long.class),
					rs.getString("note"), rs.getString("created_by")))
			.list();
		return new PageImpl<>(entries, PageRequest.of(pageIndex, PAGE_SIZE), count);
	}

	/**
	 * A period that ends before it starts is refused on its end.
	 */
	static void checkPeriod(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			throw BusinessRefusal.onField("to", "statement.period.order",
					"The period ends on " + to + ", before it starts on " + from, to.toString(), from.toString());
		}
	}

	private Client client(String ref) {
		return this.jdbc.sql("SELECT id, ref, legal_name FROM client WHERE ref = :ref")
			.param("ref", ref)
			.query((rs, row) -> new Client(rs.getLong("id"), rs.getString("ref"), rs.getString("legal_name")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Client", ref));
	}

	private Money sum(String dayCondition, long clientId, LocalDate day) {
		return Money.of(this.jdbc
			.sql("SELECT COALESCE(SUM(e.amount), 0) FROM reserve_entry e WHERE e.client_id = :clientId AND e."
					+ dayCondition)
			.param("clientId", clientId)
			.param("day", day)
			.query(java.math.BigDecimal.class)
			.single());
	}

	private ClientStatement.Activity activity(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ClientStatement.Activity(rs.getLong("n"), Money.of(rs.getBigDecimal("total")));
	}

	private record Client(long id, String ref, String name) {
	}

}
