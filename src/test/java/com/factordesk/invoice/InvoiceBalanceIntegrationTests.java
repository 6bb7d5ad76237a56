package com.factordesk.invoice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one balance, {@code invoice_balance(d)} and {@code open_receivable(d)}, follows an
 * invoice written through the domain's verbs day by day: payments and credit notes count
 * from their date, a bounced payment stops counting from its reversal, a paid invoice
 * leaves the open AR on the day it closes; and the planner inlines both functions. The
 * whole book's balance at once, {@code invoice_balance_book(d)}, gives every invoice the
 * same row. Each invoice keeps its collected and credited totals (V057) as its
 * allocations and credit notes are written, and the open receivable of a day after every
 * dated event reads them.
 */
@IntegrationTest
@Transactional
class InvoiceBalanceIntegrationTests {

	@Autowired
	private ClientRepository clients;

	@Autowired
	private DebtorRepository debtors;

	@Autowired
	private InvoiceRepository invoices;

	@Autowired
	private PaymentRepository payments;

	@Autowired
	private EntityManager entityManager;

	@Autowired
	private JdbcTemplate jdbc;

	private Invoice invoice;

	private static Clock on(String day) {
		return Clock.fixed(LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
	}

	@BeforeEach
	void anInvoiceFundedPaidCreditedAndBounced() {
		Client client = new Client("BAL-C1", "Balance Transport B.V.", "BAL-REG-C1", "NL", "transport",
				LocalDate.of(2024, 1, 1));
		client.signFacility(new FacilityTerms(Money.of("500000"), Rate.percent("85"), 90, true, Rate.percent("25")));
		this.clients.save(client);
		Debtor debtor = this.debtors
			.save(new Debtor("BAL-D1", "Balance Buyer N.V.", "BAL-REG-D1", "BE", "wholesale", Money.of("100000")));
		Invoice submitted = Invoice.submit(client, debtor, null, "BAL-1", LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 31), Money.of("1000.00"), "client:BAL-C1", on("2026-10-02"));
		submitted.approve(Money.of("850.00"), false, "underwriter", null, on("2026-10-05"));
		submitted.fund("underwriter", on("2026-10-05"));
		this.invoice = this.invoices.save(submitted);

		Payment first = new Payment(debtor, LocalDate.of(2026, 10, 20), Money.of("300.00"), "BAL-PAY-1");
		first.applyTo(this.invoice, Money.of("300.00"), "underwriter", on("2026-10-20"));
		this.payments.save(first);
		this.invoice.credit(Money.of("100.00"), null, LocalDate.of(2026, 11, 1), "price correction", "underwriter",
				on("2026-11-01"));
		Payment second = new Payment(debtor, LocalDate.of(2026, 11, 10), Money.of("650.00"), "BAL-PAY-2");
		second.applyTo(this.invoice, Money.of("650.00"), "underwriter", on("2026-11-10"));
		this.payments.save(second);
		assertThat(this.invoice.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(second.unapplied()).as("600.00 settles the invoice; 50.00 stays unapplied")
			.isEqualTo(Money.of("50.00"));
		this.entityManager.flush();
		second.reverse(LocalDate.of(2026, 11, 15), "underwriter", "returned by the bank", on("2026-11-15"));
		this.entityManager.flush();
	}

	@Test
	void theBalanceCountsWhatWasDatedByTheDay() {
		assertThat(balance("2026-10-04")).as("not yet funded").isEmpty();
		assertThat(balance("2026-10-25")).containsExactly("300.00", "0.00", "700.00");
		assertThat(balance("2026-11-05")).containsExactly("300.00", "100.00", "600.00");
		assertThat(balance("2026-11-12")).containsExactly("900.00", "100.00", "0.00");
		assertThat(balance("2026-11-20")).as("the bounced payment no longer counts")
			.containsExactly("300.00", "100.00", "600.00");
	}

	@Test
	void theBookBalanceCountsTheSameForThisInvoice() {
		assertThat(balance("invoice_balance_book", "2026-10-04")).as("not yet funded").isEmpty();
		assertThat(balance("invoice_balance_book", "2026-10-25")).containsExactly("300.00", "0.00", "700.00");
		assertThat(balance("invoice_balance_book", "2026-11-05")).containsExactly("300.00", "100.00", "600.00");
		assertThat(balance("invoice_balance_book", "2026-11-12")).containsExactly("900.00", "100.00", "0.00");
		assertThat(balance("invoice_balance_book", "2026-11-20")).as("the bounced payment no longer counts")
			.containsExactly("300.00", "100.00", "600.00");
	}

	@Test
	void theBookBalanceIsTheBalanceOfEveryInvoice() {
		for (String day : List.of("2025-03-31", "2025-12-31", "2026-10-25", "2026-11-12", "2026-11-20", "2026-11-25")) {
			List<String> balances = everyRow("invoice_balance", day);
			assertThat(balances).as("invoices funded by " + day).hasSizeGreaterThan(1);
			// row by row, as text: the same values at the same scale
			assertThat(everyRow("invoice_balance_book", day)).as("the book balance on " + day)
				.containsExactlyElementsOf(balances);
		}
	}

	@Test
	void theOpenReceivableIsTheBookBalanceOfTheInvoicesOpenOnTheDay() {
		for (String day : List.of("2025-03-31", "2025-12-31", "2026-10-25", "2026-11-12", "2026-11-20", "2026-11-25")) {
			// open as V010 wrote it: not closed by the day, something outstanding
			List<String> open = this.jdbc.queryForList("""
					SELECT CAST(ROW(b.invoice_id, b.client_id, b.debtor_id, b.issue_date, b.due_date, b.funded_on,
					                b.amount, b.outstanding, CAST(? AS date) - b.due_date) AS text)
					FROM invoice_balance_book(CAST(? AS date)) b
					WHERE (b.closed_on IS NULL OR b.closed_on > CAST(? AS date)) AND b.outstanding > 0
					ORDER BY b.invoice_id
					""", String.class, LocalDate.parse(day), LocalDate.parse(day), LocalDate.parse(day));
			assertThat(open).as("invoices open on " + day).hasSizeGreaterThan(1);
			assertThat(everyRow("open_receivable", day)).as("the open receivable on " + day)
				.containsExactlyElementsOf(open);
		}
	}

	@Test
	void theOpenReceivableLeavesOutWhatWasClosedOrPaidByTheDay() {
		assertThat(open("2026-10-25")).containsExactly(Map.entry("700.00", -6));
		assertThat(open("2026-11-12")).as("paid on 2026-11-10").isEmpty();
		assertThat(open("2026-11-20")).as("open again after the reversal, 20 days past due")
			.containsExactly(Map.entry("600.00", 20));
		assertThat(this.invoice.getStatus()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
		assertThat(this.invoice.outstanding()).isEqualTo(Money.of("600.00"));
	}

	@Test
	void everyInvoiceKeepsWhatItsAllocationsAndCreditNotesAddUpTo() {
		// this invoice: 300.00 collected and kept, 650.00 reversed and no longer counted;
		// one credit note of 100.00
		assertThat(kept(this.invoice.getId())).containsExactly("300.00", "100.00");
		// and every invoice of the book, summed here from the rows themselves
		Integer differing = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM invoice i
				WHERE i.collected_total <> (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocation a
				                            WHERE a.invoice_id = i.id AND a.reversed_on IS NULL)
				   OR i.credited_total <> (SELECT COALESCE(SUM(n.amount), 0) FROM credit_note n
				                           WHERE n.invoice_id = i.id)
				""", Integer.class);
		assertThat(differing).isZero();
		Integer kept = this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE collected_total > 0",
				Integer.class);
		assertThat(kept).as("the demo book's paid invoices").isGreaterThan(1000);
	}

	@Test
	void anAllocationMovedOrDeletedAndACreditNoteDeletedMoveTheKeptTotals() {
		// the second payment applied 600.00 of its 650.00 to the invoice
		this.jdbc.update("UPDATE payment_allocation SET reversed_on = NULL WHERE invoice_id = ? AND amount = 600.00",
				this.invoice.getId());
		assertThat(kept(this.invoice.getId())).as("the reversal undone").containsExactly("900.00", "100.00");
		this.jdbc.update("UPDATE payment_allocation SET amount = 250.00 WHERE invoice_id = ? AND amount = 300.00",
				this.invoice.getId());
		assertThat(kept(this.invoice.getId())).containsExactly("850.00", "100.00");
		this.jdbc.update("DELETE FROM payment_allocation WHERE invoice_id = ? AND amount = 600.00",
				this.invoice.getId());
		this.jdbc.update("DELETE FROM credit_note WHERE invoice_id = ?", this.invoice.getId());
		assertThat(kept(this.invoice.getId())).containsExactly("250.00", "0.00");
	}

	@Test
	void aReceiptDatedAfterTheDayDoesNotCountOnIt() {
		// demo today is 2026-11-25: a receipt dated 2026-11-28 is kept at once, but
		// counts from its day
		Payment later = new Payment(this.invoice.getDebtor(), LocalDate.of(2026, 11, 28), Money.of("100.00"),
				"BAL-PAY-3");
		later.applyTo(this.invoice, Money.of("100.00"), "underwriter", on("2026-11-28"));
		this.payments.save(later);
		this.entityManager.flush();

		assertThat(kept(this.invoice.getId())).containsExactly("400.00", "100.00");
		assertThat(open("2026-11-25")).containsExactly(Map.entry("600.00", 25));
		assertThat(open("2026-11-28")).containsExactly(Map.entry("500.00", 28));
	}

	@Test
	void aTruncateOfTheAllocationsThatWouldLeaveTheKeptTotalsBehindIsRefused() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE payment_allocation CASCADE"))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("payment_allocation keeps invoice totals: TRUNCATE is not allowed");
	}

	@Test
	void aTruncateOfTheCreditNotesThatWouldLeaveTheKeptTotalsBehindIsRefused() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE credit_note CASCADE"))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("credit_note keeps invoice totals: TRUNCATE is not allowed");
	}

	@Test
	void thePlannerInlinesTheBalanceIntoTheCallingQuery() {
		String plan = String.join("\n",
				this.jdbc.queryForList(
						"EXPLAIN SELECT SUM(outstanding) FROM open_receivable(DATE '2026-11-20') WHERE debtor_id = ?",
						String.class, this.invoice.getDebtor().getId()));
		assertThat(plan).doesNotContain("Function Scan").contains("invoice");
	}

	private List<String> kept(long invoiceId) {
		return this.jdbc.queryForObject("SELECT collected_total, credited_total FROM invoice WHERE id = ?",
				(rs, row) -> List.of(rs.getBigDecimal(1).toPlainString(), rs.getBigDecimal(2).toPlainString()),
				invoiceId);
	}

	private List<String> balance(String day) {
		return balance("invoice_balance", day);
	}

	private List<String> balance(String function, String day) {
		List<List<String>> rows = this.jdbc.query(
				"""
						SELECT collected, credited, outstanding FROM %s(CAST(? AS date)) WHERE invoice_id = ?
						""".formatted(function), (rs, row) -> List.of(rs.getBigDecimal(1).toPlainString(),
						rs.getBigDecimal(2).toPlainString(), rs.getBigDecimal(3).toPlainString()),
				LocalDate.parse(day), this.invoice.getId());
		return rows.isEmpty() ? List.of() : rows.get(0);
	}

	private List<String> everyRow(String function, String day) {
		return this.jdbc.queryForList(
				"SELECT CAST(b AS text) FROM %s(CAST(? AS date)) b ORDER BY b.invoice_id".formatted(function),
				String.class, LocalDate.parse(day));
	}

	private List<Map.Entry<String, Integer>> open(String day) {
		return this.jdbc.query("""
				SELECT outstanding, days_past_due FROM open_receivable(CAST(? AS date)) WHERE invoice_id = ?
				""", (rs, row) -> Map.entry(((BigDecimal) rs.getBigDecimal(1)).toPlainString(), rs.getInt(2)),
				LocalDate.parse(day), this.invoice.getId());
	}

}
