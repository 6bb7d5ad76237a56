package com.factordesk.approval;

import java.time.LocalDate;
import java.util.List;

import com.factordesk.approval.SuggestedAllocation.Reason;
import com.factordesk.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * How a receipt is suggested for open invoices, worked by hand: numbers named in the
 * remittance in the order named, then an exact amount, then the oldest due until the
 * receipt is used up; never more than an invoice's outstanding.
 */
class AllocationSuggesterTests {

	private static final OpenInvoice OLDEST = invoice(1, "INV-1", "300.00", 1);

	private static final OpenInvoice MIDDLE = invoice(2, "INV-2", "450.00", 10);

	private static final OpenInvoice NEWEST = invoice(3, "INV-3", "1000.00", 20);

	private static final List<OpenInvoice> OPEN = List.of(OLDEST, MIDDLE, NEWEST);

	@Test
	void theNumbersOfARemittanceAreItsWordsWithADigitInCapitals() {
		assertThat(AllocationSuggester.candidateNumbers("Betaling fact. inv-3, INV-1; ref 2026/11 en nr. #42."))
			.containsExactly("INV-3", "INV-1", "2026/11", "42");
		assertThat(AllocationSuggester.candidateNumbers(null)).isEmpty();
		assertThat(AllocationSuggester.candidateNumbers("thank you")).isEmpty();
	}

	@Test
	void numbersNamedComeFirstInTheOrderNamedThenTheOldestDue() {
		// 1,200.00: INV-3 named first (1,000.00), INV-1 named second (the 200.00 left)
		assertThat(AllocationSuggester.suggest(Money.of("1200.00"), "inv-3 and INV-1", List.of(OLDEST, NEWEST), OPEN))
			.extracting((s) -> s.invoice().number(), SuggestedAllocation::amount, SuggestedAllocation::reason)
			.containsExactly(tuple("INV-3", Money.of("1000.00"), Reason.NUMBER_IN_REMITTANCE),
					tuple("INV-1", Money.of("200.00"), Reason.NUMBER_IN_REMITTANCE));
		// 1,500.00 naming INV-3: 1,000.00 to it, then 300.00 oldest due, 200.00 of the
		// next
		assertThat(AllocationSuggester.suggest(Money.of("1500.00"), "INV-3", List.of(NEWEST), OPEN))
			.extracting((s) -> s.invoice().number(), SuggestedAllocation::amount, SuggestedAllocation::reason)
			.containsExactly(tuple("INV-3", Money.of("1000.00"), Reason.NUMBER_IN_REMITTANCE),
					tuple("INV-1", Money.of("300.00"), Reason.OLDEST_DUE),
					tuple("INV-2", Money.of("200.00"), Reason.OLDEST_DUE));
	}

	@Test
	void anExactAmountComesBeforeTheOldestDue() {
		assertThat(AllocationSuggester.suggest(Money.of("450.00"), null, List.of(), OPEN))
			.extracting((s) -> s.invoice().number(), SuggestedAllocation::amount, SuggestedAllocation::reason)
			.containsExactly(tuple("INV-2", Money.of("450.00"), Reason.EXACT_AMOUNT));
		// what is left after the named invoice matches another exactly
		assertThat(AllocationSuggester.suggest(Money.of("1300.00"), "INV-3", List.of(NEWEST), OPEN))
			.extracting((s) -> s.invoice().number(), SuggestedAllocation::reason)
			.containsExactly(tuple("INV-3", Reason.NUMBER_IN_REMITTANCE), tuple("INV-1", Reason.EXACT_AMOUNT));
	}

	@Test
	void moreThanEverythingOpenLeavesTheRestUnapplied() {
		List<SuggestedAllocation> suggested = AllocationSuggester.suggest(Money.of("2000.00"), null, List.of(), OPEN);
		// 300.00 + 450.00 + 1,000.00 = 1,750.00 of the 2,000.00: 250.00 stays unapplied
		assertThat(suggested).extracting(SuggestedAllocation::amount)
			.containsExactly(Money.of("300.00"), Money.of("450.00"), Money.of("1000.00"));
		assertThat(AllocationSuggester.suggest(Money.of("100.00"), null, List.of(), List.of())).isEmpty();
	}

	private static OpenInvoice invoice(long id, String number, String outstanding, int dueDay) {
		return new OpenInvoice(id, number, "C0001", 7, "D00007", "Debtor B.V.", LocalDate.of(2026, 12, dueDay),
				Money.of(outstanding));
	}

}
