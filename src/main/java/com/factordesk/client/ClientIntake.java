package com.factordesk.client;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Violation;
import com.factordesk.shared.Money;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.security.access.prepost.PreAuthorize;
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
	 * An admin opens a client with its name and registration, on the facility template in
	 * use; its terms are then agreed on its facility page, its limit decided on the
	 * workbench. Audited.
	 * @return the new client's id
	 * @throws BusinessRefusal when the ref or the registration number is another client's
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public long create(NewClient client) {
		List<Violation> violations = new ArrayList<>();
		if (this.clients.findByRef(client.ref()).isPresent()) {
			violations.add(Violation.onField("ref", "client.refTaken",
					"Client ref " + client.ref() + " is another client's already", client.ref()));
		}
		if (client.registrationNumber() != null
				&& this.clients.existsByRegistrationNumber(client.registrationNumber())) {
			violations.add(Violation.onField("registrationNumber", "client.registrationTaken",
					"Registration number " + client.registrationNumber() + " is another client's already",
					client.registrationNumber()));
		}
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		FacilityTemplates.Template template = this.templates.current();
		Client opened = new Client(client.ref(), client.legalName(), client.registrationNumber(), client.country(),
				client.industry(), LocalDate.now(this.clock));
		opened.signFacility(template.facilityTerms()).agreeFeeTerms(template.terms().feeTerms());
		this.clients.saveAndFlush(opened);
		Map<String, Object> after = new java.util.LinkedHashMap<>();
		after.put("ref", client.ref());
		after.put("legalName", client.legalName());
		after.put("template", template.version());
		after.put("facilityLimit", template.limit().amount());
		this.audit.record("client.created", "client", client.ref(), null, after);
		return opened.getId();
	}

	/**
	 * A client an admin opens: its ref, legal name, and its registration number, country
	 * and industry when known ({@code null} otherwise).
	 */
	public record NewClient(String ref, String legalName, String registrationNumber, String country, String industry) {
	}

	/**
	 * The currency of the facility a new client gets.
	 */
	public String newFacilityCurrency() {
		return Money.CURRENCY;
	}

}
