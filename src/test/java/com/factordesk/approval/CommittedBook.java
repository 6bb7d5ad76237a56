package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.client.FacilityTerms;
import com.factordesk.debtor.BureauProvider;
import com.factordesk.debtor.BureauScore;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.pricing.InvoiceQuotes;
import com.factordesk.risk.RiskScoring;
import com.factordesk.risk.ScoreTrigger;
import com.factordesk.risk.internal.EventRescoring;
import com.factordesk.shared.AdvisoryLocks;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.EntityManager;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Committed test data for the tests that run more than one transaction (races between
 * threads, pages over real HTTP): a client with a facility of 10,000,000 at 80 % and an
 * account to pay it to, a debtor of its own (credit limit 5,000,000, a fresh bureau
 * reading, scored before its invoices come), and invoices of 5,000.00 submitted five days
 * ago and due in 25 days. Approvals go through {@link Underwriting}. {@link #remove()}
 * deletes every row they made, the append-only decisions too (with the triggers off for
 * that one transaction), once the re-scores their changes asked for have run.
 */
public final class CommittedBook {

	static final String FACE = "5000.00";

	private final TransactionTemplate transactions;

	private final EntityManager entities;

	private final JdbcTemplate jdbc;

	private final RiskScoring scoring;

	private final EventRescoring rescoring;

	private final InvoiceQuotes quotes;

	private final Underwriting underwriting;

	private final Clock clock;

	private long clientId;

	private String clientRef;

	private long debtorId;

	private final List<Long> invoiceIds = new ArrayList<>();

	public CommittedBook(ApplicationContext context) {
		this.transactions = context.getBean(TransactionTemplate.class);
		this.entities = context.getBean(EntityManager.class);
		this.jdbc = context.getBean(JdbcTemplate.class);
		this.scoring = context.getBean(RiskScoring.class);
		this.rescoring = context.getBean(EventRescoring.class);
		this.quotes = context.getBean(InvoiceQuotes.class);
		this.underwriting = context.getBean(Underwriting.class);
		this.clock = context.getBean(Clock.class);
	}

	/**
	 * The client, the debtor (scored) and this many submitted invoices, committed.
	 */
	public CommittedBook create(int invoices) {
		LocalDate today = LocalDate.now(this.clock);
		this.transactions.executeWithoutResult((status) -> {
			Client client = Clients.aClient()
				.facility(new FacilityTerms(Money.of("10000000.00"), Rate.percent("80"), null, false,
						Rate.percent("100")))
				.build();
			client.payTo("NL91ABNA0417164300", "ABNANL2A");
			Debtor debtor = Debtors.aDebtor().creditLimit("5000000.00").build();
			this.entities.persist(client);
			this.entities.persist(debtor);
			this.entities.persist(new BureauScore(debtor, BureauProvider.GRAYDON, 80, today.minusDays(10)));
			this.clientId = client.getId();
			this.clientRef = client.getRef();
			this.debtorId = debtor.getId();
		});
		this.scoring.rescore(this.debtorId, ScoreTrigger.MANUAL);
		this.transactions.executeWithoutResult((status) -> {
			Client client = this.entities.find(Client.class, this.clientId);
			Debtor debtor = this.entities.find(Debtor.class, this.debtorId);
			for (int i = 0; i < invoices; i++) {
				Invoice invoice = Invoices.anInvoice(client, debtor)
					.issued(today.minusDays(5))
					.due(today.plusDays(25))
					.amount(FACE)
					.build();
				this.entities.persist(invoice);
				this.entities.flush();
				this.invoiceIds.add(invoice.getId());
			}
		});
		as("setup.underwriter");
		for (long id : this.invoiceIds) {
			Optional<InvoiceQuote> quote = this.quotes.quote(id);
			assertThat(quote).as("a quote for invoice " + id).isPresent();
			assertThat(quote.get().quote().declined()).as("invoice " + id + " declined").isFalse();
		}
		return this;
	}

	/**
	 * An underwriter approves the quoted advance, in a transaction of its own.
	 */
	public void approve(long invoiceId, String underwriter) {
		as(underwriter);
		this.underwriting.approve(invoiceId, Optional.empty(), Optional.empty(), "approved for the race");
	}

	public List<Long> invoiceIds() {
		return List.copyOf(this.invoiceIds);
	}

	long clientId() {
		return this.clientId;
	}

	public String clientRef() {
		return this.clientRef;
	}

	long debtorId() {
		return this.debtorId;
	}

	/**
	 * The facility's and the debtor's exposure rows each equal what exposure_book(today)
	 * adds up for them from the invoices.
	 */
	void assertRowsMatchTheBook() {
		LocalDate today = LocalDate.now(this.clock);
		assertThat(row("SELECT funded, reserved FROM facility_exposure WHERE client_id = ?", this.clientId))
			.as("facility_exposure of the client")
			.isEqualTo(row("SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) "
					+ "WHERE client_id = ?", today, this.clientId));
		assertThat(row("SELECT funded, reserved FROM debtor_exposure WHERE debtor_id = ?", this.debtorId))
			.as("debtor_exposure of the debtor")
			.isEqualTo(row("SELECT COALESCE(SUM(funded), 0), COALESCE(SUM(reserved), 0) FROM exposure_book(?) "
					+ "WHERE debtor_id = ?", today, this.debtorId));
	}

	private List<BigDecimal> row(String sql, Object... arguments) {
		return this.jdbc.queryForObject(sql,
				(rs, row) -> List.of(rs.getBigDecimal(1).setScale(2), rs.getBigDecimal(2).setScale(2)), arguments);
	}

	/**
	 * Deletes a client's kept reserve balance and its changes (V056), in the caller's
	 * transaction, with no compaction moving changes meanwhile: for a test removing a
	 * client whose ledger it has deleted.
	 */
	static void removeReserveBalance(JdbcTemplate jdbc, long clientId) {
		jdbc.queryForObject("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked", Integer.class,
				AdvisoryLocks.Key.RESERVE_BALANCES.value());
		jdbc.update("DELETE FROM client_reserve_balance_change WHERE client_id = ?", clientId);
		jdbc.update("DELETE FROM client_reserve_balance WHERE client_id = ?", clientId);
		jdbc.update("DELETE FROM client_reserve_held_change WHERE client_id = ?", clientId);
		jdbc.update("DELETE FROM client_reserve_held WHERE client_id = ?", clientId);
	}

	/**
	 * Removes the client's kept open books (V059), which its invoices' deletion leaves as
	 * changes that sum to nothing; after its invoices are deleted.
	 */
	public static void removeOpenBooks(JdbcTemplate jdbc, long clientId) {
		jdbc.queryForObject("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS locked", Integer.class,
				AdvisoryLocks.Key.OPEN_BOOKS.value());
		jdbc.update("DELETE FROM pair_book_change WHERE client_id = ?", clientId);
		jdbc.update("DELETE FROM pair_book WHERE client_id = ?", clientId);
	}

	/**
	 * Deletes everything the client, the debtor and their invoices left behind.
	 */
	public void remove() {
		this.rescoring.awaitRescores(Duration.ofSeconds(30));
		this.transactions.executeWithoutResult((status) -> {
			String invoicesOfClient = "(SELECT id FROM invoice WHERE client_id = ?)";
			this.jdbc.update("DELETE FROM advance WHERE invoice_id IN " + invoicesOfClient, this.clientId);
			this.jdbc.update("DELETE FROM funding_run WHERE client_id = ?", this.clientId);
			// invoice_decision is append-only by a trigger: a test's own decisions go
			// with
			// the triggers off for this one statement; every other delete checks its keys
			this.jdbc.execute("SET LOCAL session_replication_role = replica");
			this.jdbc.update("DELETE FROM invoice_decision WHERE invoice_id IN " + invoicesOfClient, this.clientId);
			// the reserve ledger is append-only too: funding booked the reserves
			this.jdbc.update("DELETE FROM reserve_entry WHERE client_id = ?", this.clientId);
			this.jdbc.execute("SET LOCAL session_replication_role = origin");
			removeReserveBalance(this.jdbc, this.clientId);
			this.jdbc.update("DELETE FROM invoice_transition WHERE invoice_id IN " + invoicesOfClient, this.clientId);
			this.jdbc.update("DELETE FROM invoice WHERE client_id = ?", this.clientId);
			removeOpenBooks(this.jdbc, this.clientId);
			this.jdbc.update("DELETE FROM facility_exposure WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM facility WHERE client_id = ?", this.clientId);
			this.jdbc.update("DELETE FROM client WHERE id = ?", this.clientId);
			this.jdbc.update("DELETE FROM debtor_exposure WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("UPDATE debtor SET current_risk_score_id = NULL WHERE id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM risk_score WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM bureau_score WHERE debtor_id = ?", this.debtorId);
			this.jdbc.update("DELETE FROM debtor WHERE id = ?", this.debtorId);
		});
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE client_id = ?", Long.class, this.clientId))
			.isZero();
	}

	/**
	 * This thread acts as an underwriter of this name.
	 */
	public static void as(String username) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
					AuthorityUtils.createAuthorityList("ROLE_UNDERWRITER")));
	}

}
