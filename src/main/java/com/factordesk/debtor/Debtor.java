package com.factordesk.debtor;

import java.time.LocalDate;

import com.factordesk.shared.Money;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * One legal entity that owes invoices to one or more of our clients. Its credit limit
 * caps our exposure on it across all clients.
 */
@Entity
public class Debtor {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String ref;

	private String name;

	private String registrationNumber;

	private String country;

	private String industry;

	private Money creditLimit;

	private Money insurerLimit;

	private LocalDate insurerLimitExpiresOn;

	private LocalDate creditLimitReviewOn;

	@Version
	private long version;

	protected Debtor() {
	}

	public Debtor(String ref, String name, String registrationNumber, String country, String industry,
			Money creditLimit) {
		if (creditLimit.isNegative()) {
			throw new IllegalArgumentException("A credit limit cannot be negative");
		}
		this.ref = ref;
		this.name = name;
		this.registrationNumber = registrationNumber;
		this.country = country;
		this.industry = industry;
		this.creditLimit = creditLimit;
	}

	/**
	 * A credit decision sets the most we may have in use on this debtor, to be reviewed
	 * by the given day.
	 */
	public void setCreditLimit(Money limit, LocalDate reviewOn) {
		if (limit.isNegative()) {
			throw new IllegalArgumentException("A credit limit cannot be negative");
		}
		this.creditLimit = limit;
		this.creditLimitReviewOn = reviewOn;
	}

	/**
	 * The day the credit limit is due for review; {@code null} when none was set.
	 */
	public LocalDate getCreditLimitReviewOn() {
		return this.creditLimitReviewOn;
	}

	/**
	 * Records the limit a credit insurer covers on this debtor, until it expires.
	 */
	public void insure(Money limit, LocalDate expiresOn) {
		if (limit.isNegative()) {
			throw new IllegalArgumentException("An insurer limit cannot be negative");
		}
		this.insurerLimit = limit;
		this.insurerLimitExpiresOn = expiresOn;
	}

	public boolean isInsuredOn(LocalDate date) {
		return this.insurerLimit != null && !date.isAfter(this.insurerLimitExpiresOn);
	}

	public Long getId() {
		return this.id;
	}

	public String getRef() {
		return this.ref;
	}

	public String getName() {
		return this.name;
	}

	public String getRegistrationNumber() {
		return this.registrationNumber;
	}

	public String getCountry() {
		return this.country;
	}

	public String getIndustry() {
		return this.industry;
	}

	public Money getCreditLimit() {
		return this.creditLimit;
	}

	public Money getInsurerLimit() {
		return this.insurerLimit;
	}

	public LocalDate getInsurerLimitExpiresOn() {
		return this.insurerLimitExpiresOn;
	}

}
