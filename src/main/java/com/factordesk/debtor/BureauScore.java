package com.factordesk.debtor;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/**
 * A debtor's score at one credit bureau, as of a date.
 */
@Entity
@EntityListeners(DebtorInputsListener.class)
public class BureauScore implements FeedsDebtorScore {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "debtor_id")
	private Debtor debtor;

	@Enumerated(EnumType.STRING)
	private BureauProvider provider;

	private int score;

	private LocalDate asOf;

	protected BureauScore() {
	}

	public BureauScore(Debtor debtor, BureauProvider provider, int score, LocalDate asOf) {
		if (score < 0 || score > 100) {
			throw new IllegalArgumentException("A bureau score is 0-100, got " + score);
		}
		this.debtor = debtor;
		this.provider = provider;
		this.score = score;
		this.asOf = asOf;
	}

	public Long getId() {
		return this.id;
	}

	public Debtor getDebtor() {
		return this.debtor;
	}

	public BureauProvider getProvider() {
		return this.provider;
	}

	public int getScore() {
		return this.score;
	}

	public LocalDate getAsOf() {
		return this.asOf;
	}

	@Override
	public DebtorInputsChanged scoreInputChange(boolean inserted) {
		return new DebtorInputsChanged(this.debtor.getId(),
				inserted ? "bureau score recorded" : "bureau score changed");
	}

}
