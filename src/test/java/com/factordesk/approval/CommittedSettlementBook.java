package com.factordesk.approval;

import java.time.LocalDate;

import com.factordesk.invoice.Invoice;
import jakarta.persistence.EntityManager;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Committed settlement data for pages in a real browser: a {@link SettlementBook} client
 * of its own (recourse after 60 days, tiered fee terms per started period of 30 days) and
 * debtor of its own, with two invoices of 5,000.00 funded on 2026-11-05 at an advance of
 * 4,000.00 (a reserve of 1,000.00 each, credited to the client's ledger that day) and a
 * fee of 1.5 % per 30 days, due on 2026-12-05. The reserve ledger is append-only, so the
 * client stays: a new one each time.
 *
 * @param clientRef the client's reference
 * @param debtorRef the debtor's reference
 * @param first the first invoice's id
 * @param firstNumber its number
 * @param second the second invoice's id
 * @param secondNumber its number
 */
public record CommittedSettlementBook(String clientRef, String debtorRef, long first, String firstNumber, long second,
		String secondNumber) {

	/**
	 * The day both invoices are funded.
	 */
	public static final LocalDate FUNDED_ON = LocalDate.of(2026, 11, 5);

	public static CommittedSettlementBook create(ApplicationContext context) {
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		EntityManager entities = context.getBean(EntityManager.class);
		ExposureEngine engine = context.getBean(ExposureEngine.class);
		ReserveLedger ledger = context.getBean(ReserveLedger.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		return transactions.execute((status) -> {
			SettlementBook book = SettlementBook.recourse(entities, engine, ledger, jdbc);
			LocalDate due = LocalDate.of(2026, 12, 5);
			Invoice first = book.funded("5000.00", "4000.00", "1.5", FUNDED_ON, due);
			Invoice second = book.funded("5000.00", "4000.00", "1.5", FUNDED_ON, due);
			return new CommittedSettlementBook(book.client().getRef(), book.debtor().getRef(), first.getId(),
					first.getNumber(), second.getId(), second.getNumber());
		});
	}

}
