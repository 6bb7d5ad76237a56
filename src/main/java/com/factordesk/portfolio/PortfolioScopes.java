package com.factordesk.portfolio;

import java.time.Clock;
import java.time.LocalDate;

import com.factordesk.client.Client;
import com.factordesk.client.ClientRepository;
import com.factordesk.debtor.Debtor;
import com.factordesk.debtor.DebtorRepository;
import com.factordesk.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the references a page or an API call names into a {@link PortfolioScope}: an
 * unknown reference is a 404; no date means today (from the clock), a date after today is
 * today.
 */
@Service
@Transactional(readOnly = true)
public class PortfolioScopes {

	private final ClientRepository clients;

	private final DebtorRepository debtors;

	private final Clock clock;

	PortfolioScopes(ClientRepository clients, DebtorRepository debtors, Clock clock) {
		this.clients = clients;
		this.debtors = debtors;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * @param asOf the day asked for, or {@code null} for today
	 * @param clientRef a client's reference, or {@code null} or blank for every client
	 * @param debtorRef a debtor's reference, or {@code null} or blank for every debtor
	 * @return the scope
	 * @throws NotFoundException when a reference names no client or debtor
	 */
	public PortfolioScope resolve(LocalDate asOf, String clientRef, String debtorRef) {
		LocalDate today = today();
		LocalDate day = (asOf == null || asOf.isAfter(today)) ? today : asOf;
		Client client = blank(clientRef) ? null : this.clients.findByRef(clientRef.strip())
			.orElseThrow(() -> new NotFoundException("Client", clientRef.strip()));
		Debtor debtor = blank(debtorRef) ? null : this.debtors.findByRef(debtorRef.strip())
			.orElseThrow(() -> new NotFoundException("Debtor", debtorRef.strip()));
		return new PortfolioScope(day, (client != null) ? client.getId() : null,
				(client != null) ? client.getRef() : null, (client != null) ? client.getLegalName() : null,
				(debtor != null) ? debtor.getId() : null, (debtor != null) ? debtor.getRef() : null,
				(debtor != null) ? debtor.getName() : null);
	}

	private static boolean blank(String ref) {
		return ref == null || ref.isBlank();
	}

}
