package com.factordesk.approval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.factordesk.shared.Money;

/**
 * How a receipt is suggested for open invoices (DESIGN section 4b), a pure function:
 * first the invoices whose number the remittance names, in the order it names them; then
 * an invoice whose outstanding equals what is left; then the oldest due first, until the
 * receipt is used up. Never more than an invoice's outstanding, never more than the
 * receipt.
 */
final class AllocationSuggester {

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\-_/.]+");

	private static final int MAX_TOKENS = 50;

	private AllocationSuggester() {
	}

	/**
	 * The words of a remittance text that could be invoice numbers (those with a digit),
	 * in capitals, in the order written.
	 */
	static List<String> candidateNumbers(String remittance) {
		Set<String> tokens = new LinkedHashSet<>();
		if (remittance == null) {
			return List.of();
		}
		for (String raw : SEPARATORS.split(remittance)) {
			String token = raw.replaceAll("^[\\-_/.]+|[\\-_/.]+$", "").toUpperCase(Locale.ROOT);
			if (token.length() >= 2 && token.chars().anyMatch(Character::isDigit) && tokens.size() < MAX_TOKENS) {
				tokens.add(token);
			}
		}
		return List.copyOf(tokens);
	}

	/**
	 * @param rest what is left of the receipt to apply
	 * @param remittance the remittance text, for the order the numbers are named in
	 * @param named the open invoices whose number the remittance names (of one payer)
	 * @param open the payer's open invoices, oldest due first
	 */
	static List<SuggestedAllocation> suggest(Money rest, String remittance, List<OpenInvoice> named,
			List<OpenInvoice> open) {
		List<SuggestedAllocation> suggested = new ArrayList<>();
		Set<Long> used = new HashSet<>();
		List<String> order = candidateNumbers(remittance);
		List<OpenInvoice> byMention = new ArrayList<>(named);
		byMention.sort((a, b) -> Integer.compare(order.indexOf(a.number().toUpperCase(Locale.ROOT)),
				order.indexOf(b.number().toUpperCase(Locale.ROOT))));
		for (OpenInvoice invoice : byMention) {
			if (!rest.isPositive()) {
				break;
			}
			if (used.add(invoice.invoiceId())) {
				Money amount = rest.min(invoice.outstanding());
				suggested
					.add(new SuggestedAllocation(invoice, amount, SuggestedAllocation.Reason.NUMBER_IN_REMITTANCE));
				rest = rest.minus(amount);
			}
		}
		if (rest.isPositive()) {
			for (OpenInvoice invoice : open) {
				if (!used.contains(invoice.invoiceId()) && invoice.outstanding().equals(rest)) {
					used.add(invoice.invoiceId());
					suggested.add(new SuggestedAllocation(invoice, rest, SuggestedAllocation.Reason.EXACT_AMOUNT));
					rest = Money.ZERO;
					break;
				}
			}
		}
		for (OpenInvoice invoice : open) {
			if (!rest.isPositive()) {
				break;
			}
			if (used.add(invoice.invoiceId())) {
				Money amount = rest.min(invoice.outstanding());
				suggested.add(new SuggestedAllocation(invoice, amount, SuggestedAllocation.Reason.OLDEST_DUE));
				rest = rest.minus(amount);
			}
		}
		return List.copyOf(suggested);
	}

}
