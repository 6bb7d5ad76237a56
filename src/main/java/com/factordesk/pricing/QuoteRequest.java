package com.factordesk.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import com.factordesk.risk.Grade;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * What a quote for one invoice is priced from.
 *
 * @param face the invoice's face amount
 * @param issueDate the invoice date
 * @param dueDate the due date; the payment terms are the days from issue to due
 * @param fundingDate the day we would pay the advance
 * @param score the debtor's current score 0-100
 * @param grade the debtor's grade
 * @param debtorAdbtDays the debtor's average days beyond terms (0 or more), expected on
 * this invoice too
 * @param bandSet the pricing bands in force
 * @param facilityAdvanceRate the facility agreement's advance rate: the most we advance
 * on this client, whatever the band says
 * @param concentrationLimit the largest share of the client's book one debtor may owe
 * @param concentration what the debtor would owe and the client's book, with this invoice
 * @param clientDiscount a negotiated discount off the fee rate, zero if none
 * @param feeStructure how the facility charges its fee
 */
public record QuoteRequest(Money face, LocalDate issueDate, LocalDate dueDate, LocalDate fundingDate, BigDecimal score,
		Grade grade, BigDecimal debtorAdbtDays, PricingBandSet bandSet, Rate facilityAdvanceRate,
		Rate concentrationLimit, Concentration concentration, Rate clientDiscount, FeeStructure feeStructure) {

	public QuoteRequest {
		Objects.requireNonNull(face, "face");
		Objects.requireNonNull(issueDate, "issueDate");
		Objects.requireNonNull(dueDate, "dueDate");
		Objects.requireNonNull(fundingDate, "fundingDate");
		Objects.requireNonNull(score, "score");
		Objects.requireNonNull(grade, "grade");
		Objects.requireNonNull(debtorAdbtDays, "debtorAdbtDays");
		Objects.requireNonNull(bandSet, "bandSet");
		Objects.requireNonNull(facilityAdvanceRate, "facilityAdvanceRate");
		Objects.requireNonNull(concentrationLimit, "concentrationLimit");
		Objects.requireNonNull(concentration, "concentration");
		Objects.requireNonNull(clientDiscount, "clientDiscount");
		Objects.requireNonNull(feeStructure, "feeStructure");
		if (!face.isPositive()) {
			throw new IllegalArgumentException("An invoice's face amount must be positive, got " + face);
		}
		if (dueDate.isBefore(issueDate)) {
			throw new IllegalArgumentException(
					"An invoice cannot fall due (" + dueDate + ") before it is issued (" + issueDate + ")");
		}
		if (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalArgumentException("A score is 0-100, got " + score.toPlainString());
		}
		if (clientDiscount.fraction().signum() < 0) {
			throw new IllegalArgumentException("A client discount cannot be negative, got " + clientDiscount);
		}
	}

	/**
	 * The debtor's share of the client's funded, open book, counting this invoice.
	 *
	 * @param debtorOwed what the debtor would owe the client on funded, open invoices,
	 * this one included
	 * @param clientBook the client's funded, open book, this invoice included
	 */
	public record Concentration(Money debtorOwed, Money clientBook) {

		public Concentration {
			Objects.requireNonNull(debtorOwed, "debtorOwed");
			Objects.requireNonNull(clientBook, "clientBook");
			if (debtorOwed.isNegative() || debtorOwed.isGreaterThan(clientBook)) {
				throw new IllegalArgumentException("A debtor owes between nothing and the client's whole book, got "
						+ debtorOwed + " of " + clientBook);
			}
		}

		/**
		 * The concentration of an invoice that would be the client's whole book.
		 */
		public static Concentration whole(Money face) {
			return new Concentration(face, face);
		}

		/**
		 * What the debtor would owe above the limit: owed - book x limit, at least zero.
		 */
		public Money above(Rate limit) {
			Money allowed = this.clientBook.times(limit);
			return this.debtorOwed.isGreaterThan(allowed) ? this.debtorOwed.minus(allowed) : Money.ZERO;
		}

	}

}
