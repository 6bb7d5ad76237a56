package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's reserve ledger (DESIGN section 4b): the only writer of
 * {@link ReserveEntry}. Entries are booked in the transaction of the change they record
 * (so the caller's transaction is mandatory) and never changed: a mistake is undone by a
 * {@link ReserveEntryKind#REVERSAL} of the entry.
 */
@Component
public class ReserveLedger {

	private final ReserveEntryRepository entries;

	private final JdbcClient jdbc;

	private final Clock clock;

	ReserveLedger(ReserveEntryRepository entries, JdbcClient jdbc, Clock clock) {
		this.entries = entries;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Books a movement of a client's reserve.
	 * @param amount the size of the movement, positive: its sign comes from the kind
	 * @param bookedOn the business day it belongs to (the payment's day, the funding day)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ReserveEntry book(long clientId, ReserveEntryKind kind, Money amount, LocalDate bookedOn,
			ReserveEntry.Source source, String note) {
		if (kind == ReserveEntryKind.REVERSAL) {
			throw new IllegalArgumentException("A reversal names the entry it undoes: use reverse()");
		}
		if (!amount.isPositive()) {
			throw new IllegalArgumentException("A " + kind + " entry moves a positive amount, got " + amount);
		}
		Money signed = kind.sign() > 0 ? amount : Money.ZERO.minus(amount);
		return this.entries.save(
				new ReserveEntry(clientId, kind, signed, bookedOn, source, null, note, actor(), this.clock.instant()));
	}

	/**
	 * Undoes an entry on {@code bookedOn} with the opposite amount; an entry is reversed
	 * at most once (the database's unique reference is the backstop).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ReserveEntry reverse(ReserveEntry entry, LocalDate bookedOn, String note) {
		if (entry.getKind() == ReserveEntryKind.REVERSAL) {
			throw new IllegalArgumentException("A reversal is not reversed: book the movement again");
		}
		if (this.entries.existsByReversesId(entry.getId())) {
			throw new IllegalStateException("Reserve entry " + entry.getId() + " is reversed already");
		}
		ReserveEntry.Source source = new ReserveEntry.Source(entry.getInvoiceId(), entry.getPaymentId(),
				entry.getSettlementId(), entry.getRebateRunId());
		return this.entries
			.save(new ReserveEntry(entry.getClientId(), ReserveEntryKind.REVERSAL, Money.ZERO.minus(entry.getAmount()),
					bookedOn, source, entry.getId(), note, actor(), this.clock.instant()));
	}

	/**
	 * The entries booked for an invoice, oldest first.
	 */
	public List<ReserveEntry> ofInvoice(long invoiceId) {
		return this.entries.findByInvoiceIdOrderById(invoiceId);
	}

	/**
	 * The entries booked by a rebate run (its REBATE_PAID and any reversal of it), oldest
	 * first.
	 */
	public List<ReserveEntry> ofRebateRun(long rebateRunId) {
		return this.entries.findByRebateRunIdOrderById(rebateRunId);
	}

	/**
	 * Where the client's reserve stands now.
	 */
	public ReservePosition position(long clientId) {
		return this.jdbc.sql("""
				SELECT balance, held, available FROM client_reserve_position() WHERE client_id = :clientId
				""")
			.param("clientId", clientId)
			.query((rs, row) -> new ReservePosition(Money.of(rs.getBigDecimal("balance")),
					Money.of(rs.getBigDecimal("held")), Money.of(rs.getBigDecimal("available"))))
			.optional()
			.orElse(ReservePosition.NONE);
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null ? "system" : authentication.getName();
	}

}
