package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.client.DayCount;
import com.factordesk.client.FeeKind;
import com.factordesk.client.FeeTerms;
import com.factordesk.risk.Grade;
import com.factordesk.shared.KeptPlans;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes invoices: each debtor's current score and days beyond terms, the bands in force,
 * the facility's terms and the concentration each invoice would bring, gathered in two
 * SQL queries for any number of invoices (a page of the queue costs the same two queries)
 * and priced by {@link PricingPolicy}.
 */
@Service
@Transactional(readOnly = true)
public class InvoiceQuotes {

	private static final String FACTS = """
			SELECT i.id, i.client_id, i.debtor_id, i.amount, i.issue_date, i.due_date, i.funded_on,
			       f.default_advance_rate, f.concentration_limit, f.fee_structure, f.fee_period_days, f.day_count,
			       f.client_fee_discount,
			       r.snapshot_id, r.score, r.grade, r.adbt_days AS adbt
			FROM invoice i
			JOIN facility_terms f ON f.client_id = i.client_id
			JOIN debtor_current_score r ON r.debtor_id = i.debtor_id
			WHERE i.id IN (:ids)
			""";

	/**
	 * What each debtor owes each of these clients on funded, open invoices (the quoted
	 * invoices left out): the pairs' kept books ({@code open_book}, V059) less what the
	 * quoted invoices among them owe. Today is written into it: its plan is kept
	 * ({@link KeptPlans}), and a plan made with today a parameter read every invoice
	 * issued up to then (8.7 ms a queue page of the demo book against 0.95).
	 */
	private static final String BOOKS = """
			SELECT b.client_id, b.debtor_id, b.outstanding - COALESCE(q.owed, 0) AS owed
			FROM open_book(DATE '%1$s') b
			LEFT JOIN (SELECT o.client_id, o.debtor_id, SUM(o.outstanding) AS owed
			           FROM open_receivable(DATE '%1$s') o WHERE o.invoice_id IN (:ids)
			           GROUP BY o.client_id, o.debtor_id) q ON q.client_id = b.client_id AND q.debtor_id = b.debtor_id
			WHERE b.client_id IN (:clientIds)
			""";

	private final JdbcClient jdbc;

	private final PricingBands bands;

	private final Clock clock;

	private final KeptPlans plans;

	InvoiceQuotes(JdbcClient jdbc, PricingBands bands, Clock clock, KeptPlans plans) {
		this.jdbc = jdbc;
		this.bands = bands;
		this.clock = clock;
		this.plans = plans;
	}

	/**
	 * The quote for an invoice, funded today (or on the day it was funded); empty when
	 * its debtor has no score yet, or no pricing bands or parameters are in force.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Optional<InvoiceQuote> quote(long invoiceId) {
		return Optional.ofNullable(quoteAll(List.of(invoiceId)).get(invoiceId));
	}

	/**
	 * The quotes of several invoices by invoice id; invoices whose debtor has no score
	 * are left out.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public Map<Long, InvoiceQuote> quoteAll(List<Long> invoiceIds) {
		LocalDate today = LocalDate.now(this.clock);
		Optional<PricingBandSet> bandSet = this.bands.inForce(today);
		Optional<PricingParameters> parameters = this.bands.parametersInForce(today);
		if (invoiceIds.isEmpty() || bandSet.isEmpty() || parameters.isEmpty()) {
			return Map.of();
		}
		Map<Long, InvoiceQuote> quotes = new HashMap<>();
		quoteWith(invoiceIds, today, parameters.get(), List.of(bandSet.get()))
			.forEach((id, priced) -> quotes.put(id, priced.get(0)));
		return quotes;
	}

	/**
	 * The quotes of several invoices under the bands in force and under other bands,
	 * everything else alike (score, terms, concentration, funding day); invoices whose
	 * debtor has no score are left out, and nothing is returned when no bands or
	 * parameters are in force.
	 */
	Map<Long, Repriced> reprice(List<Long> invoiceIds, PricingBandSet other) {
		LocalDate today = LocalDate.now(this.clock);
		Optional<PricingBandSet> bandSet = this.bands.inForce(today);
		Optional<PricingParameters> parameters = this.bands.parametersInForce(today);
		if (invoiceIds.isEmpty() || bandSet.isEmpty() || parameters.isEmpty()) {
			return Map.of();
		}
		Map<Long, Repriced> repriced = new HashMap<>();
		quoteWith(invoiceIds, today, parameters.get(), List.of(bandSet.get(), other))
			.forEach((id, priced) -> repriced.put(id, new Repriced(priced.get(0), priced.get(1).quote(), bandSet.get()
				.position(priced.get(0).quote().band()) != other.position(priced.get(1).quote().band()))));
		return repriced;
	}

	/**
	 * Each invoice's quote under each of the band sets, in their order.
	 */
	private Map<Long, List<InvoiceQuote>> quoteWith(List<Long> invoiceIds, LocalDate today,
			PricingParameters parameters, List<PricingBandSet> bandSets) {
		// both statements run on every queue page: planned once per connection and kept
		// (planning them took as long as running them, README "Benchmarks")
		return this.plans.run(() -> quoteWithKeptPlans(invoiceIds, today, parameters, bandSets));
	}

	private Map<Long, List<InvoiceQuote>> quoteWithKeptPlans(List<Long> invoiceIds, LocalDate today,
			PricingParameters parameters, List<PricingBandSet> bandSets) {
		PricingPolicy policy = new PricingPolicy(parameters);
		List<Facts> facts = this.jdbc.sql(FACTS).param("ids", invoiceIds).query((rs, row) -> {
			LocalDate fundedOn = rs.getObject("funded_on", LocalDate.class);
			return new Facts(rs.getLong("id"), rs.getLong("client_id"), rs.getLong("debtor_id"),
					Money.of(rs.getBigDecimal("amount")), rs.getObject("issue_date", LocalDate.class),
					rs.getObject("due_date", LocalDate.class), (fundedOn != null) ? fundedOn : today,
					new Rate(rs.getBigDecimal("default_advance_rate")),
					new Rate(rs.getBigDecimal("concentration_limit")),
					new Rate(rs.getBigDecimal("client_fee_discount")),
					feeStructure(rs.getString("fee_structure"), rs.getInt("fee_period_days"),
							rs.getString("day_count")),
					rs.getLong("snapshot_id"), rs.getBigDecimal("score"), Grade.valueOf(rs.getString("grade")),
					rs.getBigDecimal("adbt"));
		}).list();
		if (facts.isEmpty()) {
			return Map.of();
		}
		Map<Long, Map<Long, Money>> owedByClient = books(facts, invoiceIds, today);
		Map<Long, List<InvoiceQuote>> quotes = new HashMap<>();
		for (Facts fact : facts) {
			Map<Long, Money> owed = owedByClient.getOrDefault(fact.clientId(), Map.of());
			Money book = owed.values().stream().reduce(fact.face(), Money::plus);
			Money debtorOwed = owed.getOrDefault(fact.debtorId(), Money.ZERO).plus(fact.face());
			List<InvoiceQuote> priced = new ArrayList<>(bandSets.size());
			for (PricingBandSet bandSet : bandSets) {
				QuoteRequest request = new QuoteRequest(fact.face(), fact.issueDate(), fact.dueDate(),
						fact.fundingDate(), fact.score(), fact.grade(), fact.adbt(), bandSet, fact.advanceRate(),
						fact.concentrationLimit(), new QuoteRequest.Concentration(debtorOwed, book), fact.discount(),
						fact.feeStructure());
				priced.add(new InvoiceQuote(fact.score(), fact.grade(), fact.snapshotId(), fact.adbt(),
						policy.quote(request)));
			}
			quotes.put(fact.invoiceId(), priced);
		}
		return quotes;
	}

	/**
	 * An invoice's quote under the bands in force and its price under other bands.
	 *
	 * @param otherBand whether it falls in a band of another number under the other bands
	 */
	record Repriced(InvoiceQuote current, Quote other, boolean otherBand) {
	}

	private Map<Long, Map<Long, Money>> books(List<Facts> facts, List<Long> invoiceIds, LocalDate today) {
		Map<Long, Map<Long, Money>> owed = new HashMap<>();
		this.jdbc.sql(BOOKS.formatted(today))
			.param("clientIds", facts.stream().map(Facts::clientId).distinct().toList())
			.param("ids", invoiceIds)
			.query((java.sql.ResultSet rs) -> {
				owed.computeIfAbsent(rs.getLong("client_id"), (client) -> new HashMap<>())
					.put(rs.getLong("debtor_id"), Money.of(rs.getBigDecimal("owed")));
			});
		return owed;
	}

	private static FeeStructure feeStructure(String kind, int periodDays, String dayCount) {
		return FeeStructure.of(new FeeTerms(FeeKind.valueOf(kind), periodDays, DayCount.valueOf(dayCount), Rate.ZERO));
	}

	private record Facts(long invoiceId, long clientId, long debtorId, Money face, LocalDate issueDate,
			LocalDate dueDate, LocalDate fundingDate, Rate advanceRate, Rate concentrationLimit, Rate discount,
			FeeStructure feeStructure, long snapshotId, BigDecimal score, Grade grade, BigDecimal adbt) {
	}

}
