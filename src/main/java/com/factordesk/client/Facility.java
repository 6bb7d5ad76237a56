package com.factordesk.client;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;

/**
 * A client's facility agreement: its limit, advance rate, recourse and notification
 * terms.
 */
@Entity
public class Facility {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@OneToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "client_id")
	private Client client;

	private Money facilityLimit;

	private Rate defaultAdvanceRate;

	private boolean recourse;

	private Integer recourseDays;

	private boolean notification;

	private Rate concentrationLimit;

	private String currency = Money.CURRENCY;

	@Enumerated(EnumType.STRING)
	private FeeKind feeStructure = FeeTerms.STANDARD.kind();

	private int feePeriodDays = FeeTerms.STANDARD.periodDays();

	@Enumerated(EnumType.STRING)
	private DayCount dayCount = FeeTerms.STANDARD.dayCount();

	private Rate clientFeeDiscount = FeeTerms.STANDARD.clientDiscount();

	@Enumerated(EnumType.STRING)
	private Enforcement enforcement = Enforcement.HOLD;

	/**
	 * The version of the terms in force ({@link FacilityTermsAgreements}); 1 for the
	 * terms the facility started with.
	 */
	private int termsVersion = 1;

	@Version
	private long version;

	protected Facility() {
	}

	Facility(Client client, FacilityTerms terms) {
		this.client = client;
		this.facilityLimit = terms.limit();
		this.defaultAdvanceRate = terms.defaultAdvanceRate();
		this.recourse = terms.recourse();
		this.recourseDays = terms.recourseDays();
		this.notification = terms.notification();
		this.concentrationLimit = terms.concentrationLimit();
	}

	public Long getId() {
		return this.id;
	}

	public Client getClient() {
		return this.client;
	}

	public Money getFacilityLimit() {
		return this.facilityLimit;
	}

	public Rate getDefaultAdvanceRate() {
		return this.defaultAdvanceRate;
	}

	public boolean isRecourse() {
		return this.recourse;
	}

	public Integer getRecourseDays() {
		return this.recourseDays;
	}

	public boolean isNotification() {
		return this.notification;
	}

	public Rate getConcentrationLimit() {
		return this.concentrationLimit;
	}

	/**
	 * The client agrees new fee terms: from now on its invoices are priced with them.
	 */
	public void agreeFeeTerms(FeeTerms terms) {
		this.feeStructure = terms.kind();
		this.feePeriodDays = terms.periodDays();
		this.dayCount = terms.dayCount();
		this.clientFeeDiscount = terms.clientDiscount();
	}

	/**
	 * How the client pays the discount fee: per started period, flat or daily on the
	 * funds in use, and the discount negotiated on the fee rate.
	 */
	public FeeTerms getFeeTerms() {
		return new FeeTerms(this.feeStructure, this.feePeriodDays, this.dayCount, this.clientFeeDiscount);
	}

	/**
	 * What the exposure engine does with an approval over a limit.
	 */
	public Enforcement getEnforcement() {
		return this.enforcement;
	}

	/**
	 * The desk changes how strictly this facility's limits are enforced.
	 */
	public void enforce(Enforcement enforcement) {
		this.enforcement = java.util.Objects.requireNonNull(enforcement);
	}

	/**
	 * A credit decision sets a new facility limit.
	 */
	public void setLimit(Money limit) {
		if (!limit.isPositive()) {
			throw new IllegalArgumentException("A facility limit must be positive");
		}
		this.facilityLimit = limit;
	}

	/**
	 * The version of the terms in force, recorded on the advances made under them.
	 */
	public int getTermsVersion() {
		return this.termsVersion;
	}

	public String getCurrency() {
		return this.currency;
	}

}
