package com.factordesk.debtor;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * Someone at a debtor the desk reached, e.g. to verify an invoice: kept on the debtor
 * from then on, for the next verification and for collections.
 */
@Entity
public class DebtorContact {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long debtorId;

	private String name;

	private String email;

	private String phone;

	private String addedBy;

	private Instant addedAt;

	private Instant erasedAt;

	private String erasedBy;

	protected DebtorContact() {
	}

	/**
	 * A contact with a name and an e-mail address, a phone number or both.
	 */
	public DebtorContact(long debtorId, String name, String email, String phone, String addedBy, Instant addedAt) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A contact has a name");
		}
		if (isBlank(email) && isBlank(phone)) {
			throw new IllegalArgumentException("A contact has an e-mail address or a phone number");
		}
		this.debtorId = debtorId;
		this.name = name.strip();
		this.email = isBlank(email) ? null : email.strip();
		this.phone = isBlank(phone) ? null : phone.strip();
		this.addedBy = addedBy;
		this.addedAt = addedAt;
	}

	/**
	 * Erases the person's name, e-mail address and phone number on their request: the
	 * contact stays, so that the verifications that reached it keep their reference, but
	 * nothing in it says who it was. Erasing an erased contact changes nothing.
	 * @return whether this call erased it
	 */
	public boolean erase(String by, Instant at) {
		if (isErased()) {
			return false;
		}
		this.name = null;
		this.email = null;
		this.phone = null;
		this.erasedBy = by;
		this.erasedAt = at;
		return true;
	}

	public boolean isErased() {
		return this.erasedAt != null;
	}

	public Instant getErasedAt() {
		return this.erasedAt;
	}

	public String getErasedBy() {
		return this.erasedBy;
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	public Long getId() {
		return this.id;
	}

	public Long getDebtorId() {
		return this.debtorId;
	}

	public String getName() {
		return this.name;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPhone() {
		return this.phone;
	}

	public String getAddedBy() {
		return this.addedBy;
	}

	public Instant getAddedAt() {
		return this.addedAt;
	}

}
