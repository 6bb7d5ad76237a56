package com.factordesk.approval;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.debtor.DebtorInputsChanged;
import com.factordesk.debtor.DebtorIntake;
import com.factordesk.invoice.InvoiceDebtors;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import com.factordesk.shared.Violation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges two debtor records of one legal entity (issue 12), a manager's audited decision:
 * the record kept takes the other's invoices and payments (their allocations follow),
 * bureau readings, contacts, promises to pay, notices of assignment and related-party
 * marks (where it has none for that client), its exposure, and its registration number
 * and country where it has none; the record merged away keeps its ref and history (its
 * scores, limit decisions and collection notes), and every ref lookup of an import or a
 * page follows it to the record kept, which is re-scored after the commit. Two records
 * with different registration numbers or countries are two legal entities and are not
 * merged.
 */
@Service
public class DebtorMerges {

	private final JdbcClient jdbc;

	private final InvoiceDebtors invoices;

	private final DebtorIntake debtors;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DebtorMerges(JdbcClient jdbc, InvoiceDebtors invoices, DebtorIntake debtors, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.invoices = invoices;
		this.debtors = debtors;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The two records side by side, as they would be merged.
	 * @throws NotFoundException when either ref is not a debtor's
	 * @throws BusinessRefusal when the two cannot be merged
	 */
	@PreAuthorize("hasRole('MANAGER')")
	@Transactional(readOnly = true)
	public Preview preview(String keptRef, String mergedRef) {
		Record kept = record(keptRef);
		Record merged = record(mergedRef);
		List<Violation> violations = check(kept, merged);
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		return new Preview(kept, merged);
	}

	/**
	 * Merges {@code mergedRef} into {@code keptRef}.
	 * @param reason why the two are one legal entity, kept in the audit trail
	 * @return how many invoices moved
	 */
	@PreAuthorize("hasRole('MANAGER')")
	@Transactional
	public int merge(String keptRef, String mergedRef, String reason) {
		if (reason == null || reason.isBlank()) {
			throw new BusinessRefusal(List.of(Violation.onField("reason", "merge.reason",
					"Say why the two records are one legal entity: the merge cannot be undone")));
		}
		Record first = record(keptRef);
		Record second = record(mergedRef);
		// both records and their exposure rows, in id order as the exposure engine takes
		// them
		this.jdbc.sql("SELECT id FROM debtor WHERE id IN (:ids) ORDER BY id FOR UPDATE")
			.param("ids", List.of(first.id(), second.id()))
			.query(Long.class)
			.list();
		this.jdbc.sql("SELECT debtor_id FROM debtor_exposure WHERE debtor_id IN (:ids) ORDER BY debtor_id FOR UPDATE")
			.param("ids", List.of(first.id(), second.id()))
			.query(Long.class)
			.list();
		// read again under the locks: a concurrent merge may have taken one of them
		Record kept = record(keptRef);
		Record merged = record(mergedRef);
		List<Violation> violations = check(kept, merged);
		if (!violations.isEmpty()) {
			throw new BusinessRefusal(violations);
		}
		int moved = this.invoices.move(merged.id(), kept.id());
		this.debtors.mergeInto(merged.id(), kept.id(), this.clock.instant());
		this.jdbc
			.sql("""
					INSERT INTO debtor_exposure (debtor_id, funded, reserved)
					SELECT :kept, funded, reserved FROM debtor_exposure WHERE debtor_id = :merged
					ON CONFLICT (debtor_id) DO UPDATE
					SET funded = debtor_exposure.funded + EXCLUDED.funded, reserved = debtor_exposure.reserved + EXCLUDED.reserved
					""")
			.param("kept", kept.id())
			.param("merged", merged.id())
			.update();
		this.jdbc.sql("UPDATE debtor_exposure SET funded = 0, reserved = 0 WHERE debtor_id = :merged")
			.param("merged", merged.id())
			.update();
		for (String table : List.of("notice_of_assignment", "related_party")) {
			this.jdbc
				.sql("UPDATE " + table + " t SET debtor_id = :kept WHERE t.debtor_id = :merged "
						+ "AND NOT EXISTS (SELECT 1 FROM " + table
						+ " k WHERE k.debtor_id = :kept AND k.client_id = t.client_id)")
				.param("kept", kept.id())
				.param("merged", merged.id())
				.update();
		}
		this.jdbc.sql("UPDATE promise_to_pay SET debtor_id = :kept WHERE debtor_id = :merged")
			.param("kept", kept.id())
			.param("merged", merged.id())
			.update();
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("kept", kept.ref());
		before.put("keptRegistration", kept.registrationNumber());
		before.put("merged", merged.ref());
		before.put("mergedRegistration", merged.registrationNumber());
		before.put("mergedInvoices", merged.invoices());
		before.put("mergedExposure", merged.exposure().amount());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("kept", kept.ref());
		after.put("mergedInto", kept.ref());
		after.put("invoicesMoved", moved);
		after.put("reason", reason.strip());
		this.audit.record("debtor.merged", "debtor", merged.ref(), before, after);
		this.events.publishEvent(new DebtorInputsChanged(kept.id(), "debtor record merged"));
		return moved;
	}

	/**
	 * The ref of the record a debtor was merged into, when it was.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public Optional<String> mergedInto(String ref) {
		return this.debtors.mergedInto(ref);
	}

	/**
	 * Other records whose names match this debtor's once legal forms, case and
	 * punctuation are left out, in one country: likely the same legal entity.
	 */
	@PreAuthorize("hasAnyRole('UNDERWRITER', 'MANAGER')")
	@Transactional(readOnly = true)
	public List<DebtorIntake.LikelyDuplicate> likelyDuplicates(String ref) {
		return this.debtors.likelyDuplicates(List.of(ref), 10);
	}

	private List<Violation> check(Record kept, Record merged) {
		List<Violation> violations = new ArrayList<>();
		if (kept.id() == merged.id()) {
			violations.add(Violation.onField("mergedRef", "merge.same",
					"A record cannot be merged into itself: give the ref of the other record", merged.ref()));
			return violations;
		}
		if (merged.mergedInto() != null) {
			violations.add(Violation.onField("mergedRef", "merge.alreadyMerged",
					"Debtor " + merged.ref() + " was merged into " + merged.mergedInto() + " already", merged.ref(),
					merged.mergedInto()));
		}
		if (kept.mergedInto() != null) {
			violations.add(Violation.of("merge.keptMerged",
					"Debtor " + kept.ref() + " was merged into " + kept.mergedInto() + ": merge into that record",
					kept.ref(), kept.mergedInto()));
		}
		if (kept.registrationNumber() != null && merged.registrationNumber() != null
				&& !normalised(kept.registrationNumber()).equals(normalised(merged.registrationNumber()))) {
			violations.add(Violation.onField("mergedRef", "merge.otherEntity",
					"Debtor " + merged.ref() + " has registration number " + merged.registrationNumber() + " and "
							+ kept.ref() + " " + kept.registrationNumber() + ": two legal entities",
					merged.ref(), merged.registrationNumber(), kept.ref(), kept.registrationNumber()));
		}
		if (kept.country() != null && merged.country() != null && !kept.country().equals(merged.country())) {
			violations.add(Violation.onField("mergedRef", "merge.otherCountry",
					"Debtor " + merged.ref() + " is in " + merged.country() + " and " + kept.ref() + " in "
							+ kept.country() + ": two legal entities",
					merged.ref(), merged.country(), kept.ref(), kept.country()));
		}
		return violations;
	}

	private static String normalised(String registration) {
		return registration.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
	}

	private Record record(String ref) {
		return this.jdbc.sql("""
				SELECT d.id, d.ref, d.name, d.registration_number, d.country, d.credit_limit, m.ref AS merged_into,
				       (SELECT COUNT(*) FROM invoice i WHERE i.debtor_id = d.id) AS invoices,
				       COALESCE(e.funded + e.reserved, 0) AS exposure
				FROM debtor d
				LEFT JOIN debtor m ON m.id = d.merged_into_id
				LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
				WHERE d.ref = :ref
				""")
			.param("ref", ref)
			.query((rs, row) -> new Record(rs.getLong("id"), rs.getString("ref"), rs.getString("name"),
					rs.getString("registration_number"), rs.getString("country"),
					Money.of(rs.getBigDecimal("credit_limit")), rs.getLong("invoices"),
					Money.of(rs.getBigDecimal("exposure")), rs.getString("merged_into")))
			.optional()
			.orElseThrow(() -> new NotFoundException("Debtor", ref));
	}

	/**
	 * One debtor record as a merge shows it.
	 *
	 * @param id its id
	 * @param ref its ref
	 * @param name its name
	 * @param registrationNumber its registration number, or {@code null}
	 * @param country its country, or {@code null}
	 * @param creditLimit its credit limit
	 * @param invoices how many invoices it has
	 * @param exposure its exposure: funded and reserved
	 * @param mergedInto the ref of the record it was merged into, or {@code null}
	 */
	public record Record(long id, String ref, String name, String registrationNumber, String country, Money creditLimit,
			long invoices, Money exposure, String mergedInto) {
	}

	/**
	 * The record kept and the record merged into it.
	 */
	public record Preview(Record kept, Record merged) {
	}

}
