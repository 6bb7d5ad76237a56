package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quotes of a queue page: {@link InvoiceQuotes#quoteAll} for the invoices whose
 * client or debtor changed since their quote was last computed today, the kept quote for
 * the others ({@link KeptByScope}, V062). A quote is a function of the day, the invoice,
 * its debtor's score, its client's facility and open book, and the pricing bands and
 * parameters in force (whose change touches every invoice).
 */
@Service
@Transactional(readOnly = true)
public class QueueQuotes {

	/**
	 * Each invoice's client and debtor, and the snapshot this statement reads when the
	 * transaction wrote nothing: taken before the quotes are read, every change it sees
	 * they see too.
	 */
	private static final String SCOPES = """
			SELECT i.id, i.client_id, i.debtor_id, %s AS snapshot
			FROM invoice i WHERE i.id IN (:ids)
			""".formatted(KeptByScope.SNAPSHOT);

	private final InvoiceQuotes quotes;

	private final KeptByScope kept;

	private final JdbcClient jdbc;

	private final Clock clock;

	QueueQuotes(InvoiceQuotes quotes, KeptByScope kept, JdbcClient jdbc, Clock clock) {
		this.quotes = quotes;
		this.kept = kept;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The quotes of these invoices by invoice id, as {@link InvoiceQuotes#quoteAll}
	 * answers them (invoices whose debtor has no score are left out).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Map<Long, InvoiceQuote> of(List<Long> invoiceIds) {
		LocalDate today = LocalDate.now(this.clock);
		Map<Long, InvoiceQuote> quotes = new HashMap<>();
		Map<Long, Optional<InvoiceQuote>> kept = this.kept.stillRight(KeptByScope.Kind.QUOTE, invoiceIds, today);
		kept.forEach((id, quote) -> quote.ifPresent((one) -> quotes.put(id, one)));
		List<Long> afresh = invoiceIds.stream().filter((id) -> !kept.containsKey(id)).distinct().toList();
		if (afresh.isEmpty()) {
			return quotes;
		}
		long computedAt = System.nanoTime();
		List<Scope> scopes = this.jdbc.sql(SCOPES)
			.param("ids", afresh)
			.query((rs, row) -> new Scope(rs.getLong("id"), rs.getLong("client_id"), rs.getLong("debtor_id"),
					rs.getString("snapshot")))
			.list();
		Map<Long, InvoiceQuote> computed = this.quotes.quoteAll(afresh);
		quotes.putAll(computed);
		if (!LocalDate.now(this.clock).equals(today)) {
			// quoted across midnight, perhaps for the next day
			return quotes;
		}
		scopes.stream()
			.filter((scope) -> scope.snapshot() != null)
			.forEach((scope) -> this.kept.keep(KeptByScope.Kind.QUOTE, scope.invoiceId(),
					new KeptByScope.Kept(today, scope.snapshot(), scope.clientId(), scope.debtorId(), computedAt,
							Optional.ofNullable(computed.get(scope.invoiceId())))));
		return quotes;
	}

	private record Scope(long invoiceId, long clientId, long debtorId, String snapshot) {
	}

}
