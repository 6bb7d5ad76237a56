package com.factordesk.approval;

import java.util.Optional;

import com.factordesk.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A debtor named by its reference and the clients it owes invoices to: what the debtor
 * page's forms (a notice of assignment, a related party) check a chosen client against.
 */
@Component
class DebtorClients {

	private final JdbcClient jdbc;

	DebtorClients(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The debtor's id.
	 * @throws NotFoundException when no debtor has that reference
	 */
	long debtorId(String debtorRef) {
		return this.jdbc.sql("SELECT id FROM debtor WHERE ref = :ref")
			.param("ref", debtorRef)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("Debtor", debtorRef));
	}

	/**
	 * The reference of the client with this id when the debtor owes it invoices; empty
	 * otherwise, or when no client was chosen.
	 */
	Optional<String> clientOf(Long clientId, long debtorId) {
		if (clientId == null) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("""
					SELECT c.ref FROM client c
					WHERE c.id = :clientId AND EXISTS (SELECT 1 FROM invoice i WHERE i.client_id = c.id AND i.debtor_id = :debtorId)
					""")
			.param("clientId", clientId)
			.param("debtorId", debtorId)
			.query(String.class)
			.optional();
	}

}
