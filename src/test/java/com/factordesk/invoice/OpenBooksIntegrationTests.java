package com.factordesk.invoice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

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
 * Each (client, debtor)'s open funded book is kept as its invoices are funded, paid,
 * credited, reopened, closed, moved or deleted (V059), before and after the changes are
 * compacted, and {@code open_book(d)} is {@code open_receivable(d)} summed per pair on
 * any day: from the kept books when nothing is dated after it, summed otherwise.
 */
@IntegrationTest
@Transactional
class OpenBooksIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

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

	@Autowired
	private OpenBooks books;

	private Client client;

	private Debtor debtor;

	private Debtor other;

	private static Clock on(String day) {
		return Clock.fixed(LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
	}

	@BeforeEach
	void aClientAndTwoDebtors() {
		this.client = new Client("OPB-C1", "Open Book Transport B.V.", "OPB-REG-C1", "NL", "transport",
				LocalDate.of(2024, 1, 1));
		this.client
			.signFacility(new FacilityTerms(Money.of("500000"), Rate.percent("85"), 90, true, Rate.percent("25")));
		this.clients.save(this.client);
		this.debtor = this.debtors
			.save(new Debtor("OPB-D1", "Open Book Buyer N.V.", "OPB-REG-D1", "BE", "wholesale", Money.of("100000")));
		this.other = this.debtors
			.save(new Debtor("OPB-D2", "Open Book Other N.V.", "OPB-REG-D2", "BE", "wholesale", Money.of("100000")));
	}

	@Test
	void aPairsBookFollowsItsInvoicesThroughTheVerbs() {
		Invoice first = funded("OPB-1", "1000.00", "2026-10-05");
		Invoice queued = Invoice.submit(this.client, this.debtor, null, "OPB-Q", LocalDate.of(2026, 11, 1),
				LocalDate.of(2026, 12, 1), Money.of("5000.00"), "client:OPB-C1", on("2026-11-02"));
		this.invoices.save(queued);
		flush();
		assertThat(book(this.debtor)).as("funded 1,000.00; a queued invoice is not in the book").isEqualTo("1000.00");

		Invoice second = funded("OPB-2", "400.00", "2026-10-10");
		flush();
		assertThat(book(this.debtor)).as("1,000.00 + 400.00").isEqualTo("1400.00");

		Payment part = new Payment(this.debtor, LocalDate.of(2026, 10, 20), Money.of("300.00"), "OPB-PAY-1");
		part.applyTo(first, Money.of("300.00"), "underwriter", on("2026-10-20"));
		this.payments.save(part);
		first.credit(Money.of("100.00"), null, LocalDate.of(2026, 11, 1), "price correction", "underwriter",
				on("2026-11-01"));
		flush();
		assertThat(book(this.debtor)).as("1,400.00 - 300.00 paid - 100.00 credited").isEqualTo("1000.00");

		Payment rest = new Payment(this.debtor, LocalDate.of(2026, 11, 10), Money.of("600.00"), "OPB-PAY-2");
		rest.applyTo(first, Money.of("600.00"), "underwriter", on("2026-11-10"));
		this.payments.save(rest);
		flush();
		assertThat(first.getStatus()).isEqualTo(InvoiceStatus.PAID);
		assertThat(book(this.debtor)).as("the first closed: the second's 400.00").isEqualTo("400.00");

		rest.reverse(LocalDate.of(2026, 11, 15), "underwriter", "returned by the bank", on("2026-11-15"));
		flush();
		assertThat(book(this.debtor)).as("the first open again with 600.00, and 400.00").isEqualTo("1000.00");

		// kept, compacted, the same
		assertThat(kept(this.debtor)).isEqualTo("1000.00");
		assertThat(this.books.compact()).isPositive();
		assertThat(changes()).isZero();
		assertThat(kept(this.debtor)).isEqualTo("1000.00");
		assertThat(book(this.debtor)).isEqualTo("1000.00");

		// a debtor merged into another takes its book with it
		this.jdbc.update("UPDATE invoice SET debtor_id = ? WHERE id = ?", this.other.getId(), second.getId());
		assertThat(book(this.debtor)).isEqualTo("600.00");
		assertThat(book(this.other)).isEqualTo("400.00");
		// deleted, it leaves nothing
		this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id = ?", second.getId());
		this.jdbc.update("DELETE FROM invoice WHERE id = ?", second.getId());
		assertThat(book(this.other)).as("no row for a pair that owes nothing").isNull();
		this.books.compact();
		assertThat(kept(this.other)).isEqualTo("0");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM pair_book WHERE client_id = ?", Integer.class,
				this.client.getId()))
			.as("the settled pair's row dropped")
			.isEqualTo(1);
	}

	@Test
	void onADayBeforeAReceiptTheBookIsSummedAsItWas() {
		Invoice first = funded("OPB-1", "1000.00", "2026-10-05");
		Payment later = new Payment(this.debtor, LocalDate.of(2026, 11, 28), Money.of("250.00"), "OPB-PAY-3");
		later.applyTo(first, Money.of("250.00"), "underwriter", on("2026-11-28"));
		this.payments.save(later);
		flush();
		// kept at once, but counted from its day
		assertThat(kept(this.debtor)).isEqualTo("750.00");
		assertThat(book(this.debtor, TODAY)).isEqualTo("1000.00");
		assertThat(book(this.debtor, LocalDate.of(2026, 11, 28))).isEqualTo("750.00");
		assertThat(book(this.debtor, LocalDate.of(2026, 10, 4))).as("not yet funded").isNull();
	}

	@Test
	void theBooksAreTheOpenReceivableOfEveryPairOnAnyDay() {
		funded("OPB-1", "1000.00", "2026-10-05");
		flush();
		for (LocalDate day : List.of(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 10, 25), TODAY)) {
			List<String> summed = this.jdbc.queryForList("""
					SELECT CAST(ROW(client_id, debtor_id, SUM(outstanding)) AS text) FROM open_receivable(?)
					GROUP BY client_id, debtor_id ORDER BY client_id, debtor_id
					""", String.class, day);
			assertThat(summed).as("pairs owing on " + day).hasSizeGreaterThan(100);
			assertThat(this.jdbc.queryForList("""
					SELECT CAST(ROW(client_id, debtor_id, outstanding) AS text) FROM open_book(?)
					ORDER BY client_id, debtor_id
					""", String.class, day)).as("the open books on " + day).containsExactlyElementsOf(summed);
		}
		// the kept rows themselves against the open, funded invoices summed here
		Integer differing = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM (
				    SELECT client_id, debtor_id, SUM(amount - collected_total - credited_total) AS owed FROM invoice
				    WHERE funded_on IS NOT NULL AND closed_on IS NULL AND amount - collected_total - credited_total > 0
				    GROUP BY client_id, debtor_id) i
				FULL JOIN (SELECT client_id, debtor_id, SUM(amount) AS owed
				           FROM (SELECT client_id, debtor_id, outstanding AS amount FROM pair_book
				                 UNION ALL SELECT client_id, debtor_id, amount FROM pair_book_change) k
				           GROUP BY client_id, debtor_id HAVING SUM(amount) <> 0) k
				  ON k.client_id = i.client_id AND k.debtor_id = i.debtor_id
				WHERE i.owed IS DISTINCT FROM k.owed
				""", Integer.class);
		assertThat(differing).isZero();
	}

	@Test
	void theBooksSalesPerIssueDateFollowItsInvoicesAndAreTheInvoicesSummedOnAnyDay() {
		// funded() issues on 2026-10-01
		LocalDate issued = LocalDate.of(2026, 10, 1);
		BigDecimal before = sales(TODAY, issued);
		BigDecimal beforeFunding = sales(LocalDate.of(2026, 10, 4), issued);
		Invoice invoice = funded("OPB-S1", "1000.00", "2026-10-05");
		flush();
		assertThat(sales(TODAY, issued).subtract(before)).as("funded 2026-10-05").isEqualByComparingTo("1000.00");
		assertThat(sales(LocalDate.of(2026, 10, 4), issued)).as("not yet funded on the 4th")
			.isEqualByComparingTo(beforeFunding);
		this.jdbc.update("UPDATE invoice SET amount = 1234.56 WHERE id = ?", invoice.getId());
		assertThat(sales(TODAY, issued).subtract(before)).as("its face corrected").isEqualByComparingTo("1234.56");
		BigDecimal dayBefore = sales(TODAY, issued.minusDays(1));
		this.jdbc.update("UPDATE invoice SET issue_date = ? WHERE id = ?", issued.minusDays(1), invoice.getId());
		assertThat(sales(TODAY, issued)).as("moved to the day before").isEqualByComparingTo(before);
		assertThat(sales(TODAY, issued.minusDays(1)).subtract(dayBefore)).isEqualByComparingTo("1234.56");
		// kept, compacted, the same
		this.books.compact();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sales_day_change", Integer.class)).isZero();
		assertThat(sales(TODAY, issued)).isEqualByComparingTo(before);
		assertThat(sales(TODAY, issued.minusDays(1)).subtract(dayBefore)).isEqualByComparingTo("1234.56");
		this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id = ?", invoice.getId());
		this.jdbc.update("DELETE FROM invoice WHERE id = ?", invoice.getId());
		assertThat(sales(TODAY, issued.minusDays(1))).as("deleted").isEqualByComparingTo(dayBefore);
		// the whole book against its funded invoices summed here, on several days
		for (LocalDate day : List.of(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 10, 4), TODAY)) {
			List<String> summed = this.jdbc.queryForList("""
					SELECT CAST(ROW(issue_date, SUM(amount)) AS text) FROM invoice
					WHERE funded_on <= ? AND issue_date <= ? GROUP BY issue_date ORDER BY issue_date
					""", String.class, day, day);
			assertThat(summed).as("days with sales by " + day).hasSizeGreaterThan(100);
			assertThat(this.jdbc.queryForList("""
					SELECT CAST(ROW(issue_date, sales) AS text) FROM book_sales(?) ORDER BY issue_date
					""", String.class, day)).as("the book's sales by " + day).containsExactlyElementsOf(summed);
		}
	}

	@Test
	void aTruncateOfTheInvoicesThatWouldLeaveTheBooksBehindIsRefused() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE invoice CASCADE")).isInstanceOf(DataAccessException.class)
			.hasMessageContaining("keeps");
	}

	@Test
	void noDayHasNoBookAndAnInvoiceClosesOnADay() {
		// open_receivable(NULL) has no rows: neither has open_book(NULL), kept books or
		// not
		// (V061)
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM open_receivable(NULL)", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM open_book(NULL)", Integer.class)).isZero();
		Invoice invoice = funded("OPB-INF", "100.00", "2026-10-05");
		flush();
		assertThatThrownBy(
				() -> this.jdbc.update("UPDATE invoice SET closed_on = 'infinity' WHERE id = ?", invoice.getId()))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("ck_invoice_closed_on_a_day");
	}

	private Invoice funded(String number, String amount, String fundedOn) {
		Invoice invoice = Invoice.submit(this.client, this.debtor, null, number, LocalDate.of(2026, 10, 1),
				LocalDate.of(2026, 10, 31), Money.of(amount), "client:OPB-C1", on("2026-10-02"));
		invoice.approve(Money.of(amount).times(Rate.percent("85")), false, "underwriter", null, on(fundedOn));
		invoice.fund("underwriter", on(fundedOn));
		return this.invoices.save(invoice);
	}

	private void flush() {
		this.entityManager.flush();
	}

	private String book(Debtor owing) {
		return book(owing, TODAY);
	}

	private String book(Debtor owing, LocalDate day) {
		List<BigDecimal> owed = this.jdbc.queryForList(
				"SELECT outstanding FROM open_book(?) WHERE client_id = ? AND debtor_id = ?", BigDecimal.class, day,
				this.client.getId(), owing.getId());
		return owed.isEmpty() ? null : owed.get(0).toPlainString();
	}

	/** The book's sales of invoices issued on a day, funded by another. */
	private BigDecimal sales(LocalDate asOf, LocalDate issued) {
		return this.jdbc.queryForObject("SELECT COALESCE((SELECT sales FROM book_sales(?) WHERE issue_date = ?), 0)",
				BigDecimal.class, asOf, issued);
	}

	private String kept(Debtor owing) {
		return this.jdbc.queryForObject("""
				SELECT COALESCE((SELECT outstanding FROM pair_book WHERE client_id = ? AND debtor_id = ?), 0)
				     + COALESCE((SELECT SUM(amount) FROM pair_book_change WHERE client_id = ? AND debtor_id = ?), 0)
				""", BigDecimal.class, this.client.getId(), owing.getId(), this.client.getId(), owing.getId())
			.toPlainString();
	}

	private int changes() {
		Integer changes = this.jdbc.queryForObject("SELECT COUNT(*) FROM pair_book_change WHERE client_id = ?",
				Integer.class, this.client.getId());
		return (changes != null) ? changes : 0;
	}

}
