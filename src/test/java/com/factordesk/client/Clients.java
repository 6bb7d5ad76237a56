package com.factordesk.client;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;

/**
 * Test data: a client with a signed facility, by default a Dutch transport company with a
 * non-recourse, notified facility of 1,000,000 at 80 % advance. Every client gets a
 * reference and registration number of its own, so that tests never share one.
 */
public final class Clients {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private String ref;

	private String legalName = "Test Logistics B.V.";

	private String industry = "transport";

	private LocalDate onboardedOn = LocalDate.of(2024, 1, 1);

	private FacilityTerms terms = new FacilityTerms(Money.of("1000000.00"), Rate.percent("80"), null, true,
			Rate.percent("25"));

	private Clients() {
		this.ref = "TC" + sequence.incrementAndGet();
	}

	public static Clients aClient() {
		return new Clients();
	}

	public Clients ref(String ref) {
		this.ref = ref;
		return this;
	}

	public Clients named(String legalName) {
		this.legalName = legalName;
		return this;
	}

	public Clients industry(String industry) {
		this.industry = industry;
		return this;
	}

	public Clients onboardedOn(LocalDate onboardedOn) {
		this.onboardedOn = onboardedOn;
		return this;
	}

	public Clients facility(FacilityTerms terms) {
		this.terms = terms;
		return this;
	}

	/**
	 * The client, its facility signed; not yet saved (the facility is saved with it).
	 */
	public Client build() {
		Client client = new Client(this.ref, this.legalName, "REG-" + this.ref, "NL", this.industry, this.onboardedOn);
		client.signFacility(this.terms);
		return client;
	}

}
