package com.factordesk.client;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.Money;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the clients an import names for the first time: known by their ref only (the ref
 * stands for the name until someone records it), on the facility template in use
 * ({@link FacilityTemplates}), each audited in the import's transaction.
 */
@Service
@EnableConfigurationProperties(NewClientFacility.class)
public class ClientIntake {

	private final ClientRepository clients;

	private final FacilityTemplates templates;

	private final AuditTrail audit;

	private final Clock clock;

	ClientIntake(ClientRepository clients, FacilityTemplates templates, AuditTrail audit, Clock clock) {
		this.clients = clients;
		this.templates = templates;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens a client with the template's facility for each ref.
	 * @return the new clients' ids by ref
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<String, Long> open(Collection<String> refs) {
		LocalDate today = LocalDate.now(this.clock);
		Map<String, Long> opened = new LinkedHashMap<>();
		FacilityTemplates.Template template = refs.isEmpty() ? null : this.templates.current();
		for (String ref : refs) {
			Client client = new Client(ref, ref, null, null, null, today);
			client.signFacility(template.facilityTerms()).agreeFeeTerms(template.terms().feeTerms());
			this.clients.save(client);
			opened.put(ref, client.getId());
			this.audit.record("client.opened-by-import", "client", ref, null,
					Map.of("template", template.version(), "facilityLimit", template.limit().amount(), "advanceRate",
							template.terms().advanceRate().fraction()));
		}
		this.clients.flush();
		return opened;
	}

	/**
	 * The currency of the facility a new client gets.
	 */
	public String newFacilityCurrency() {
		return Money.CURRENCY;
	}

}
