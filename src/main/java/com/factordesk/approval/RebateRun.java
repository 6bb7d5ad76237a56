package com.factordesk.approval;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.factordesk.client.Client;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/**
 * The payout of a client's rebates due on one day (DESIGN section 4b): what its reserve
 * releases, paid to the client's account by one SEPA credit transfer (as a funding run),
 * recorded in the reserve ledger as a REBATE_PAID entry, and marked paid once the bank
 * confirms it.
 */
@Entity
public class RebateRun {

	private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "client_id")
	private Client client;

	private LocalDate runOn;

	private Money total;

	private String createdBy;

	private Instant createdAt;

	private String paidBy;

	private Instant paidAt;

	@Version
	private long version;

	protected RebateRun() {
	}

	/**
	 * A run that pays the client this much today.
	 */
	RebateRun(Client client, Money total, String createdBy, Clock clock) {
		if (!total.isPositive()) {
			throw new IllegalArgumentException("A rebate run pays a positive amount, got " + total);
		}
		this.client = client;
		this.total = total;
		this.runOn = LocalDate.now(clock);
		this.createdBy = createdBy;
		this.createdAt = clock.instant();
	}

	/**
	 * The bank confirmed the payout; only once.
	 */
	void markPaid(String actor, Clock clock) {
		if (this.paidAt != null) {
			String at = PAID_AT.format(this.paidAt.atZone(clock.getZone()));
			throw BusinessRefusal.of("rebate.paid.already",
					"Rebate run " + this.id + " was already marked paid by " + this.paidBy + " at " + at,
					String.valueOf(this.id), this.paidBy, at);
		}
		this.paidBy = actor;
		this.paidAt = clock.instant();
	}

	public Long getId() {
		return this.id;
	}

	public Client getClient() {
		return this.client;
	}

	public LocalDate getRunOn() {
		return this.runOn;
	}

	public Money getTotal() {
		return this.total;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getPaidBy() {
		return this.paidBy;
	}

	public Instant getPaidAt() {
		return this.paidAt;
	}

	public boolean isPaid() {
		return this.paidAt != null;
	}

}
