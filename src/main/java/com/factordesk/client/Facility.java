package com.factordesk.client;

import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import jakarta.persistence.Entity;
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

	private String feeStructure = "TIERED";

	private int feePeriodDays = 30;

	private String dayCount = "ACT_360";

	private Rate clientFeeDiscount = Rate.ZERO;

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
	 * How the client pays the discount fee: {@code TIERED} (per started period of
	 * {@link #getFeePeriodDays()} days), {@code FLAT} or {@code DAILY} (on the funds in
	 * use, day count {@link #getDayCount()}).
	 */
	public String getFeeStructure() {
		return this.feeStructure;
	}

	public int getFeePeriodDays() {
		return this.feePeriodDays;
	}

	/**
	 * {@code ACT_360} or {@code ACT_365}.
	 */
	public String getDayCount() {
		return this.dayCount;
	}

	/**
	 * The discount on the fee rate negotiated with the client.
	 */
	public Rate getClientFeeDiscount() {
		return this.clientFeeDiscount;
	}

	public String getCurrency() {
		return this.currency;
	}

}
