package com.factordesk.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.Schedule;
import com.factordesk.invoice.ScheduleRepository;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A client's schedule and the decisions on all its invoices at once. The page reads the
 * schedule in a bounded number of statements (the schedule, its invoices, their quotes
 * and their flags, whatever their number). A bulk decision decides each invoice through
 * {@link Underwriting} in a transaction of its own, so one refusal never undoes the
 * others, and reports each invoice it decided and each it skipped with the reason; the
 * exposure engine checks each invoice against its debtor's resulting exposure, so the
 * four-eyes threshold applies as if it were decided alone.
 */
@Service
public class Schedules {

	private static final String INVOICES = """
			SELECT i.id, i.number, i.status, i.amount, i.approved_advance, d.ref AS debtor_ref, d.name AS debtor_name
			FROM invoice i JOIN debtor d ON d.id = i.debtor_id
			WHERE i.schedule_id = :scheduleId
			ORDER BY i.number, i.id
			""";

	private final ScheduleRepository schedules;

	private final InvoiceQuotes quotes;

	private final InvoiceFlags flags;

	private final Underwriting underwriting;

	private final JdbcClient jdbc;

	private final TransactionTemplate eachOnItsOwn;

	private final TransactionTemplate reading;

	Schedules(ScheduleRepository schedules, InvoiceQuotes quotes, InvoiceFlags flags, Underwriting underwriting,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.schedules = schedules;
		this.quotes = quotes;
		this.flags = flags;
		this.underwriting = underwriting;
		this.jdbc = jdbc;
		this.eachOnItsOwn = new TransactionTemplate(transactions);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	/**
	 * The schedule with its invoices, their quotes and their flags.
	 * @throws NotFoundException when there is no such schedule
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public ScheduleView find(long scheduleId) {
		return this.reading.execute((status) -> read(scheduleId));
	}

	/**
	 * Approves, each at its quoted advance and in a transaction of its own, the
	 * schedule's invoices that wait for a decision, are quoted, not declined and carry no
	 * error flag; the others are skipped with the reason, as is an invoice the engine
	 * refuses (a blocked limit, a decision someone took meanwhile).
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public BulkOutcome approveEligible(long scheduleId, String note) {
		ScheduleView schedule = find(scheduleId);
		List<Decided> decided = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		for (ScheduleView.Line line : schedule.invoices()) {
			Optional<MessageSourceResolvable> ineligible = whyNotEligible(line);
			if (ineligible.isPresent()) {
				skipped.add(new Skipped(line.id(), line.number(), ineligible.get()));
				continue;
			}
			try {
				Underwriting.Outcome outcome = this.eachOnItsOwn.execute(
						(status) -> this.underwriting.approve(line.id(), Optional.empty(), Optional.empty(), note));
				decided.add(new Decided(line.id(), line.number(), outcome.status(), outcome.advance()));
			}
			catch (BusinessRefusal refusal) {
				skipped.add(new Skipped(line.id(), line.number(), refused(refusal)));
			}
			catch (OptimisticLockingFailureException concurrent) {
				skipped.add(new Skipped(line.id(), line.number(), reason("schedule.skip.changedMeanwhile")));
			}
		}
		return new BulkOutcome(decided, skipped);
	}

	/**
	 * Rejects, each in a transaction of its own, the schedule's invoices that still wait
	 * for a decision, with the one reason and note; the decided ones are skipped.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	public BulkOutcome rejectRemaining(long scheduleId, RejectionReason reason, String note) {
		if (reason == RejectionReason.OTHER && (note == null || note.isBlank())) {
			throw BusinessRefusal.onField("note", "decision.reject.noteRequired",
					"Say why in the note when the reason is 'other'");
		}
		ScheduleView schedule = find(scheduleId);
		List<Decided> decided = new ArrayList<>();
		List<Skipped> skipped = new ArrayList<>();
		for (ScheduleView.Line line : schedule.invoices()) {
			if (!line.queued()) {
				skipped.add(new Skipped(line.id(), line.number(), notQueued(line)));
				continue;
			}
			try {
				this.eachOnItsOwn.executeWithoutResult((status) -> this.underwriting.reject(line.id(), reason, note));
				decided.add(new Decided(line.id(), line.number(), InvoiceStatus.REJECTED, null));
			}
			catch (BusinessRefusal refusal) {
				skipped.add(new Skipped(line.id(), line.number(), refused(refusal)));
			}
			catch (OptimisticLockingFailureException concurrent) {
				skipped.add(new Skipped(line.id(), line.number(), reason("schedule.skip.changedMeanwhile")));
			}
		}
		return new BulkOutcome(decided, skipped);
	}

	private ScheduleView read(long scheduleId) {
		Schedule schedule = this.schedules.findById(scheduleId)
			.orElseThrow(() -> new NotFoundException("Schedule", scheduleId));
		List<Row> rows = this.jdbc.sql(INVOICES)
			.param("scheduleId", scheduleId)
			.query((rs, row) -> new Row(rs.getLong("id"), rs.getString("number"),
					InvoiceStatus.valueOf(rs.getString("status")), Money.of(rs.getBigDecimal("amount")),
					Optional.ofNullable(rs.getBigDecimal("approved_advance")).map(Money::of).orElse(null),
					rs.getString("debtor_ref"), rs.getString("debtor_name")))
			.list();
		List<Long> ids = rows.stream().map(Row::id).toList();
		Map<Long, InvoiceQuote> quoted = this.quotes.quoteAll(ids);
		Map<Long, List<Flag>> flagged = this.flags.of(ids);
		List<ScheduleView.Line> lines = rows.stream().map((row) -> {
			InvoiceQuote quote = quoted.get(row.id());
			boolean queued = row.status() == InvoiceStatus.SUBMITTED || row.status() == InvoiceStatus.VERIFIED;
			return new ScheduleView.Line(row.id(), row.number(), row.status(), row.debtorRef(), row.debtorName(),
					row.amount(), (quote != null) ? quote.grade() : null, (quote != null) ? quote.score() : null,
					(quote != null && queued) ? quote.quote().advance() : null,
					quote != null && queued && quote.quote().declined(), row.approvedAdvance(),
					flagged.getOrDefault(row.id(), List.of()));
		}).toList();
		return new ScheduleView(schedule.getId(), schedule.getNumber(), schedule.getClient().getRef(),
				schedule.getClient().getLegalName(), schedule.getSubmittedAt(), schedule.getSubmittedBy(), lines);
	}

	private static Optional<MessageSourceResolvable> whyNotEligible(ScheduleView.Line line) {
		if (!line.queued()) {
			return Optional.of(notQueued(line));
		}
		if (line.quotedAdvance() == null) {
			return Optional.of(reason("schedule.skip.noQuote"));
		}
		if (line.declined()) {
			return Optional.of(reason("schedule.skip.declined", line.grade().name()));
		}
		// the flag's sentence begins with its name
		return line.errorFlag().map((flag) -> reason("schedule.skip.errorFlag", flag));
	}

	private static MessageSourceResolvable notQueued(ScheduleView.Line line) {
		return reason("schedule.skip.notQueued", new DefaultMessageSourceResolvable("status." + line.status()));
	}

	private static MessageSourceResolvable refused(BusinessRefusal refusal) {
		return reason("schedule.skip.refused", refusal.getViolations().get(0));
	}

	private static MessageSourceResolvable reason(String key, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { key }, arguments);
	}

	private record Row(long id, String number, InvoiceStatus status, Money amount, Money approvedAdvance,
			String debtorRef, String debtorName) {
	}

	/**
	 * What a bulk decision did: the invoices it decided and the ones it skipped, in the
	 * schedule's order.
	 */
	public record BulkOutcome(List<Decided> decided, List<Skipped> skipped) {

		public BulkOutcome {
			decided = List.copyOf(decided);
			skipped = List.copyOf(skipped);
		}

		/**
		 * The advances the decision approved (an approval awaiting a second approval
		 * reserves its advance too; a held one reserves nothing).
		 */
		public Money reserved() {
			return this.decided.stream()
				.filter((invoice) -> invoice.status() == InvoiceStatus.APPROVED
						|| invoice.status() == InvoiceStatus.AWAITING_SECOND_APPROVAL)
				.map(Decided::advance)
				.reduce(Money.ZERO, Money::plus);
		}

	}

	/**
	 * An invoice a bulk decision decided: where it ended and, for an approval, the
	 * advance.
	 */
	public record Decided(long invoiceId, String number, InvoiceStatus status, Money advance) {
	}

	/**
	 * An invoice a bulk decision left as it was, and why (a text in the reader's
	 * language).
	 */
	public record Skipped(long invoiceId, String number, MessageSourceResolvable reason) {
	}

}
