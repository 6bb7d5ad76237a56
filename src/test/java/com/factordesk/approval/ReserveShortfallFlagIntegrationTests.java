package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.factordesk.IntegrationTest;
import com.factordesk.client.Client;
import com.factordesk.client.Clients;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.Debtors;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.invoice.QueueItem;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The reserve-shortfall flag (DESIGN section 4, "client reserve in shortfall"): raised on
 * the queued invoices of a client whose reserve ledger holds less than the reserve of its
 * open funded invoices ({@code client_reserve_position()}, available below zero), with
 * the shortfall in its sentence; not raised at zero or above. Each test has clients of
 * its own, their ledger entries booked through {@link ReserveLedger#book}, and rolls
 * everything back (today is 2026-11-25).
 */
@IntegrationTest
@Transactional
@WithMockUser(roles = "UNDERWRITER")
class ReserveShortfallFlagIntegrationTests {

	private static final LocalDate BOOKED_ON = LocalDate.of(2026, 11, 10);

	@Autowired
	private InvoiceFlags flags;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private UnderwriterQueue queue;

	@Autowired
	private MessageSource messages;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MockMvc mvc;

	@Test
	void debitsBeyondTheReserveHeldRaiseAWarningWithTheShortfall() {
		Client client = client();
		Debtor debtor = debtor();
		// one open funded invoice holds a reserve of 2,000.00 (10,000.00 face, 8,000.00
		// advanced); the ledger: +2,000.00 created, -300.00 fee, -2,934.56 chargeback
		Invoice funded = save(Invoices.anInvoice(client, debtor)
			.amount("10000.00")
			.issued(LocalDate.of(2026, 10, 1))
			.fundedOn(LocalDate.of(2026, 10, 2)));
		advance(funded, "10000.00", "8000.00", "2000.00");
		book(client, ReserveEntryKind.RESERVE_CREATED, "2000.00");
		book(client, ReserveEntryKind.FEE, "300.00");
		book(client, ReserveEntryKind.CHARGEBACK, "2934.56");
		Invoice queued = save(Invoices.anInvoice(client, debtor).amount("500.00"));

		// balance 2,000.00 - 300.00 - 2,934.56 = -1,234.56; held 2,000.00; available
		// -1,234.56 - 2,000.00 = -3,234.56
		Flag flag = only(queued, FlagCode.RESERVE_SHORTFALL);
		assertThat(flag.severity()).isEqualTo(FlagSeverity.WARNING);
		assertThat(english(flag)).isEqualTo("Client reserve in shortfall: client " + client.getRef()
				+ "’s reserve is EUR 3,234.56 short, the fees, dilution, short payments and chargebacks booked against"
				+ " it exceeding the reserve it holds for its open funded invoices.");
		assertThat(dutch(flag)).isEqualTo("Reservetekort van de cliënt: de reserve van cliënt " + client.getRef()
				+ " komt EUR 3.234,56 tekort, doordat de kosten, verwatering, tekortbetalingen en terugbelastingen die"
				+ " erop geboekt zijn de reserve voor de openstaande gefinancierde facturen overtreffen.");
		// the ledger's own reading agrees
		assertThat(this.ledger.position(client.getId()).available()).isEqualTo(Money.of("-3234.56"));
	}

	@Test
	void aReserveAtZeroOrAboveRaisesNothingAndACentBelowDoes() {
		Client client = client();
		Debtor debtor = debtor();
		Invoice funded = save(Invoices.anInvoice(client, debtor)
			.amount("5000.00")
			.issued(LocalDate.of(2026, 10, 1))
			.fundedOn(LocalDate.of(2026, 10, 2)));
		advance(funded, "5000.00", "4250.00", "750.00");
		book(client, ReserveEntryKind.RESERVE_CREATED, "750.00");
		Invoice queued = save(Invoices.anInvoice(client, debtor).amount("500.00"));
		// 750.00 held, 750.00 on the ledger: available 0.00, no shortfall
		assertThat(codes(queued)).doesNotContain(FlagCode.RESERVE_SHORTFALL);

		// a client with rebates due: +1,000.00 created, -400.00 fee, nothing held
		Client inCredit = client();
		book(inCredit, ReserveEntryKind.RESERVE_CREATED, "1000.00");
		book(inCredit, ReserveEntryKind.FEE, "400.00");
		assertThat(codes(save(Invoices.anInvoice(inCredit, debtor).amount("500.00"))))
			.doesNotContain(FlagCode.RESERVE_SHORTFALL);

		// a fee of a cent: 749.99 - 750.00 = -0.01
		book(client, ReserveEntryKind.FEE, "0.01");
		assertThat(english(only(queued, FlagCode.RESERVE_SHORTFALL))).contains("reserve is EUR 0.01 short");
	}

	@Test
	void theQueueFilteredByTheFlagShowsTheShortClientsInvoicesAndNotTheOthers() throws Exception {
		Client short_ = client();
		Client even = client();
		Debtor debtor = debtor();
		book(short_, ReserveEntryKind.RESERVE_CREATED, "100.00");
		book(short_, ReserveEntryKind.DILUTION, "150.00");
		book(even, ReserveEntryKind.RESERVE_CREATED, "100.00");
		book(even, ReserveEntryKind.DILUTION, "100.00");
		Invoice shortOne = save(Invoices.anInvoice(short_, debtor).amount("211.11"));
		Invoice shortTwo = save(Invoices.anInvoice(short_, debtor).amount("222.22"));
		Invoice evenOne = save(Invoices.anInvoice(even, debtor).amount("233.33"));
		// submitted before the whole demo queue: first in it
		this.jdbc.update("UPDATE invoice SET submitted_at = TIMESTAMPTZ '2020-01-01 10:00:00+00' WHERE id IN (?, ?, ?)",
				shortOne.getId(), shortTwo.getId(), evenOne.getId());

		List<Long> flagged = this.queue
			.page(PageRequest.of(0, 1000, Sort.by("submittedAt").and(Sort.by("id"))),
					Optional.of(FlagCode.RESERVE_SHORTFALL))
			.getContent()
			.stream()
			.map(QueueItem::id)
			.toList();
		assertThat(flagged.subList(0, 2)).containsExactly(shortOne.getId(), shortTwo.getId());
		assertThat(flagged).doesNotContain(evenOne.getId());

		String page = this.mvc
			.perform(get("/queue").param("flag", "RESERVE_SHORTFALL").with(user("u").roles("UNDERWRITER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page)
			.contains("<option value=\"RESERVE_SHORTFALL\" selected=\"selected\">Client reserve in "
					+ "shortfall</option>")
			.contains("data-invoice-id=\"" + shortOne.getId() + "\"")
			.doesNotContain("data-invoice-id=\"" + evenOne.getId() + "\"")
			// 100.00 - 150.00 = -50.00
			.contains("reserve is EUR 50.00 short");
	}

	private Client client() {
		Client client = Clients.aClient().build();
		this.entities.persist(client);
		return client;
	}

	private Debtor debtor() {
		Debtor debtor = Debtors.aDebtor().build();
		this.entities.persist(debtor);
		return debtor;
	}

	private Invoice save(Invoices invoice) {
		Invoice built = invoice.build();
		this.entities.persist(built);
		this.entities.flush();
		return built;
	}

	private void advance(Invoice invoice, String face, String amount, String reserve) {
		this.jdbc.update("""
				INSERT INTO advance (invoice_id, funded_on, face, amount, reserve, advance_rate, fee_structure,
				                     fee_period_days, day_count)
				VALUES (?, ?, ?, ?, ?, 0.8, 'TIERED', 30, 'ACT_360')
				""", invoice.getId(), invoice.getFundedOn(), new BigDecimal(face), new BigDecimal(amount),
				new BigDecimal(reserve));
	}

	private void book(Client client, ReserveEntryKind kind, String amount) {
		this.ledger.book(client.getId(), kind, Money.of(amount), BOOKED_ON,
				new ReserveEntry.Source(null, null, null, null), "test");
		this.entities.flush();
	}

	private List<FlagCode> codes(Invoice invoice) {
		return this.flags.of(invoice.getId()).stream().map(Flag::code).toList();
	}

	private Flag only(Invoice invoice, FlagCode code) {
		List<Flag> found = this.flags.of(invoice.getId()).stream().filter((flag) -> flag.code() == code).toList();
		assertThat(found).as("%s flags on the invoice", code).hasSize(1);
		return found.get(0);
	}

	private String english(Flag flag) {
		return this.messages.getMessage(flag, Locale.ENGLISH);
	}

	private String dutch(Flag flag) {
		return this.messages.getMessage(flag, Locale.forLanguageTag("nl"));
	}

}
