package com.factordesk.client;

import java.time.LocalDate;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;

/**
 * A seller who factors its invoices with us, under one {@link Facility}.
 */
@Entity
public class Client {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String ref;

	private String legalName;

	private String registrationNumber;

	private String country;

	private String industry;

	private LocalDate onboardedOn;

	private String iban;

	private String bic;

	@OneToOne(mappedBy = "client", fetch = FetchType.LAZY, cascade = CascadeType.ALL)
	private Facility facility;

	@Version
	private long version;

	protected Client() {
	}

	public Client(String ref, String legalName, String registrationNumber, String country, String industry,
			LocalDate onboardedOn) {
		this.ref = ref;
		this.legalName = legalName;
		this.registrationNumber = registrationNumber;
		this.country = country;
		this.industry = industry;
		this.onboardedOn = onboardedOn;
	}

	/**
	 * Signs the facility agreement under which this client factors.
	 */
	public Facility signFacility(FacilityTerms terms) {
		if (this.facility != null) {
			throw new IllegalStateException("Client " + this.ref + " already has a facility");
		}
		this.facility = new Facility(this, terms);
		return this.facility;
	}

	/**
	 * The account the client's advances and rebates are paid to.
	 */
	public void payTo(String iban, String bic) {
		this.iban = iban;
		this.bic = bic;
	}

	/**
	 * The IBAN advances are paid to; {@code null} until the client gave one.
	 */
	public String getIban() {
		return this.iban;
	}

	/**
	 * The BIC of the client's bank; {@code null} when not given (not needed in SEPA).
	 */
	public String getBic() {
		return this.bic;
	}

	public Long getId() {
		return this.id;
	}

	public String getRef() {
		return this.ref;
	}

	public String getLegalName() {
		return this.legalName;
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

	public LocalDate getOnboardedOn() {
		return this.onboardedOn;
	}

	public Facility getFacility() {
		return this.facility;
	}

}
