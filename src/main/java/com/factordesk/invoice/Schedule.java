package com.factordesk.invoice;

import java.time.Instant;

import com.factordesk.client.Client;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A batch of invoices a client submits for funding at once.
 */
@Entity
public class Schedule {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "client_id")
	private Client client;

	private String number;

	private Instant submittedAt;

	private String submittedBy;

	protected Schedule() {
	}

	public Schedule(Client client, String number, Instant submittedAt, String submittedBy) {
		this.client = client;
		this.number = number;
		this.submittedAt = submittedAt;
		this.submittedBy = submittedBy;
	}

	public Long getId() {
		return this.id;
	}

	public Client getClient() {
		return this.client;
	}

	public String getNumber() {
		return this.number;
	}

	public Instant getSubmittedAt() {
		return this.submittedAt;
	}

	public String getSubmittedBy() {
		return this.submittedBy;
	}

}
