package com.factordesk.debtor;

import java.util.concurrent.atomic.AtomicLong;

import com.factordesk.shared.Money;

/**
 * Test data: a debtor, by default a German wholesaler with a credit limit of 100,000 and
 * no insurance. Every debtor gets a reference and registration number of its own.
 */
public final class Debtors {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private String ref;

	private String name = "Buyer AG";

	private String country = "DE";

	private String industry = "wholesale";

	private Money creditLimit = Money.of("100000.00");

	private Debtors() {
		this.ref = "TD" + sequence.incrementAndGet();
	}

	public static Debtors aDebtor() {
		return new Debtors();
	}

	public Debtors ref(String ref) {
		this.ref = ref;
		return this;
	}

	public Debtors named(String name) {
		this.name = name;
		return this;
	}

	public Debtors country(String country) {
		this.country = country;
		return this;
	}

	public Debtors creditLimit(String creditLimit) {
		this.creditLimit = Money.of(creditLimit);
		return this;
	}

	/**
	 * The debtor, not yet saved.
	 */
	public Debtor build() {
		return new Debtor(this.ref, this.name, "REG-" + this.ref, this.country, this.industry, this.creditLimit);
	}

}
