package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.IntegrationTest;
import com.factordesk.invoice.DisputeReason;
import com.factordesk.invoice.Invoice;
import com.factordesk.invoice.Invoices;
import com.factordesk.portfolio.DilutionTable;
import com.factordesk.portfolio.DsoFigures;
import com.factordesk.portfolio.PortfolioFigures;
import com.factordesk.portfolio.PortfolioScope;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dilution counts a write-off only for the amount under dispute on its day (DESIGN
 * section 5): the rest of a write-off is the factor's credit loss. Settled through the
 * settlement feature's own verbs on a non-recourse facility, read back by the portfolio.
 */
@IntegrationTest
@Transactional
@WithMockUser(username = "mgr.dilution", roles = "MANAGER")
class DisputedWriteOffDilutionIntegrationTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

	@Autowired
	private Settlements settlements;

	@Autowired
	private PortfolioFigures figures;

	@Autowired
	private DilutionTable dilution;

	@Autowired
	private ExposureEngine engine;

	@Autowired
	private ReserveLedger ledger;

	@Autowired
	private EntityManager entities;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aWriteOffDilutesOnlyByItsDisputedAmount() {
		SettlementBook book = SettlementBook.nonRecourse(this.entities, this.engine, this.ledger, this.jdbc);
		// three invoices issued 2026-09-01, due 2026-10-01: gross invoiced 10,000 +
		// 20,000
		// + 5,000 = 35,000 in the 12 months to 2026-11-25
		Invoice disputed = book.funded("10000.00", "8000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Invoice undisputed = book.funded("20000.00", "16000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		Invoice credited = book.funded("5000.00", "4000.00", "1.50", LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 10, 1));
		// 4,000 of the first is disputed from 2026-10-10 and still open when it is
		// written
		// off: 4,000 is dilution, the other 6,000 a credit loss
		disputed.dispute(DisputeReason.QUALITY, LocalDate.of(2026, 10, 10), Money.of("4000.00"), "uw",
				Invoices.on(LocalDate.of(2026, 10, 10)));
		this.entities.flush();
		this.settlements.writeOff(disputed.getId(), "debtor insolvent");
		// the second is written off without a dispute: a credit loss only
		this.settlements.writeOff(undisputed.getId(), "debtor insolvent");
		// a credit note of 1,000 on the third
		this.settlements.creditNote(credited.getId(), Money.of("1000.00"), "price");
		this.entities.flush();
		PortfolioScope scope = new PortfolioScope(TODAY, book.client().getId(), book.client().getRef(),
				book.client().getLegalName(), null, null, null);

		DsoFigures figures = this.figures.figures(scope, 90);

		assertThat(figures.credited12()).isEqualTo(Money.of("1000.00"));
		assertThat(figures.writtenOff12()).isEqualTo(Money.of("4000.00"));
		assertThat(figures.gross12()).isEqualTo(Money.of("35000.00"));
		// (1,000 + 4,000) / 35,000 = 0.142857
		assertThat(figures.dilutionRate()).isEqualByComparingTo("0.142857");
		assertThat(this.dilution.list(scope)).singleElement().satisfies((client) -> {
			assertThat(client.disputedWriteOffs()).isEqualTo(Money.of("4000.00"));
			assertThat(client.rate()).isEqualByComparingTo("0.142857");
		});
		// written off: no longer open AR; the credited one is: 5,000 - 1,000 = 4,000
		assertThat(figures.openAr()).isEqualTo(Money.of("4000.00"));
	}

}
