package com.factordesk.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.factordesk.client.Enforcement;
import com.factordesk.shared.Money;
import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one exposure engine (DESIGN sections 1 and 4): the only writer of the exposure rows
 * of debtors (across all clients) and facilities. A transition that changes exposure
 * first locks the rows it touches, always in the same order (debtors by ascending id,
 * then facilities by ascending client id), checks the limits on the locked figures and
 * changes them in the transaction of the transition: two transactions on one debtor or
 * one facility wait for each other, so no limit is ever breached by a race.
 */
@Component
class ExposureEngine {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final EntityManager entityManager;

	ExposureEngine(JdbcClient jdbc, Clock clock, EntityManager entityManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.entityManager = entityManager;
	}

	/**
	 * Locks the exposure rows of these debtors and these clients' facilities (creating
	 * the missing ones at zero) for the rest of the transaction, debtors first.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Exposures lock(Collection<Long> debtorIds, Collection<Long> clientIds) {
		return rows(debtorIds, clientIds, true);
	}

	/**
	 * The exposure rows of these debtors and facilities as they stand, without locking
	 * them (a missing row reads as zero): for pages, never for a decision.
	 */
	Exposures read(Collection<Long> debtorIds, Collection<Long> clientIds) {
		return rows(debtorIds, clientIds, false);
	}

	private Exposures rows(Collection<Long> debtorIds, Collection<Long> clientIds, boolean lock) {
		// a limit changed earlier in this transaction is read as changed
		this.entityManager.flush();
		List<Long> debtors = new ArrayList<>(new TreeSet<>(debtorIds));
		List<Long> clients = new ArrayList<>(new TreeSet<>(clientIds));
		Map<Long, Exposure> debtorRows = new HashMap<>();
		Map<Long, Exposure> facilityRows = new HashMap<>();
		Map<Long, Exposures.DebtorLimits> debtorLimits = new HashMap<>();
		Map<Long, Exposures.FacilityLimits> facilityLimits = new HashMap<>();
		if (!debtors.isEmpty()) {
			if (lock) {
				this.jdbc.sql("""
						INSERT INTO debtor_exposure (debtor_id)
						SELECT id FROM debtor WHERE id IN (:ids) ORDER BY id
						ON CONFLICT (debtor_id) DO NOTHING
						""").param("ids", debtors).update();
			}
			// the rows are locked in the order of the ORDER BY: ascending debtor id
			this.jdbc.sql(lock ? """
					SELECT d.id, e.funded, e.reserved, d.credit_limit, d.insurer_limit, d.insurer_limit_expires_on
					FROM debtor_exposure e JOIN debtor d ON d.id = e.debtor_id
					WHERE e.debtor_id IN (:ids) ORDER BY e.debtor_id FOR UPDATE OF e
					""" : """
					SELECT d.id, COALESCE(e.funded, 0) AS funded, COALESCE(e.reserved, 0) AS reserved, d.credit_limit,
					       d.insurer_limit, d.insurer_limit_expires_on
					FROM debtor d LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
					WHERE d.id IN (:ids)
					""").param("ids", debtors).query((ResultSet rs) -> {
				debtorRows.put(rs.getLong("id"), exposure(rs));
				debtorLimits.put(rs.getLong("id"),
						new Exposures.DebtorLimits(Money.of(rs.getBigDecimal("credit_limit")),
								(rs.getBigDecimal("insurer_limit") != null)
										? Money.of(rs.getBigDecimal("insurer_limit")) : null,
								rs.getObject("insurer_limit_expires_on", LocalDate.class)));
			});
		}
		if (!clients.isEmpty()) {
			if (lock) {
				this.jdbc.sql("""
						INSERT INTO facility_exposure (client_id)
						SELECT id FROM client WHERE id IN (:ids) ORDER BY id
						ON CONFLICT (client_id) DO NOTHING
						""").param("ids", clients).update();
			}
			this.jdbc.sql(lock ? """
					SELECT f.client_id, e.funded, e.reserved, f.facility_limit, f.enforcement
					FROM facility_exposure e JOIN facility_terms f ON f.client_id = e.client_id
					WHERE e.client_id IN (:ids) ORDER BY e.client_id FOR UPDATE OF e
					""" : """
					SELECT f.client_id, COALESCE(e.funded, 0) AS funded, COALESCE(e.reserved, 0) AS reserved,
					       f.facility_limit, f.enforcement
					FROM facility_terms f LEFT JOIN facility_exposure e ON e.client_id = f.client_id
					WHERE f.client_id IN (:ids)
					""").param("ids", clients).query((ResultSet rs) -> {
				facilityRows.put(rs.getLong("client_id"), exposure(rs));
				facilityLimits.put(rs.getLong("client_id"),
						new Exposures.FacilityLimits(Money.of(rs.getBigDecimal("facility_limit")),
								Enforcement.valueOf(rs.getString("enforcement"))));
			});
		}
		if (debtorLimits.size() != debtors.size() || facilityLimits.size() != clients.size()) {
			throw new IllegalArgumentException("Unknown debtor or client among " + debtors + " / " + clients);
		}
		return new Exposures(debtorRows, facilityRows, debtorLimits, facilityLimits);
	}

	/**
	 * The limits an invoice of this debtor and client would use if exposure rose by
	 * {@code raise} (advances) and the insured open face by {@code faceRaise}: the
	 * debtor's credit limit, its insurer limit while in force, and the facility limit.
	 */
	List<LimitUse> uses(Exposures locked, long debtorId, long clientId, Money raise, Money faceRaise) {
		List<LimitUse> uses = new ArrayList<>(3);
		Exposures.DebtorLimits debtorLimits = locked.debtorLimits(debtorId);
		Money debtorTotal = locked.debtor(debtorId).total();
		uses.add(
				new LimitUse(LimitKind.CREDIT_LIMIT, debtorLimits.creditLimit(), debtorTotal, debtorTotal.plus(raise)));
		LocalDate today = LocalDate.now(this.clock);
		debtorLimits.insurerLimitOn(today).ifPresent((insurerLimit) -> {
			Money insured = insuredOpenFace(debtorId, today);
			uses.add(new LimitUse(LimitKind.INSURER_LIMIT, insurerLimit, insured, insured.plus(faceRaise)));
		});
		Money facilityTotal = locked.facility(clientId).total();
		uses.add(new LimitUse(LimitKind.FACILITY_LIMIT, locked.facilityLimits(clientId).facilityLimit(), facilityTotal,
				facilityTotal.plus(raise)));
		return uses;
	}

	/**
	 * Approvals reserve (a positive delta) or release (a negative one) exposure on the
	 * debtor and the facility.
	 */
	void reserve(Exposures locked, long debtorId, long clientId, Money delta) {
		change(locked, debtorId, clientId, Money.ZERO, delta);
	}

	/**
	 * An approved advance is paid: what it reserved is now funded.
	 */
	void fund(Exposures locked, long debtorId, long clientId, Money advance) {
		change(locked, debtorId, clientId, advance, Money.ZERO.minus(advance));
	}

	/**
	 * Collections repay advances (a positive amount lowers what is funded); a reversed
	 * collection raises it again (a negative amount).
	 */
	void repay(Exposures locked, long debtorId, long clientId, Money amount) {
		change(locked, debtorId, clientId, Money.ZERO.minus(amount), Money.ZERO);
	}

	private void change(Exposures locked, long debtorId, long clientId, Money fundedDelta, Money reservedDelta) {
		if (!locked.holds(debtorId, clientId)) {
			throw new IllegalStateException(
					"Exposure of debtor " + debtorId + " and client " + clientId + " changed without its lock");
		}
		Exposure debtor = locked.debtor(debtorId);
		Exposure facility = locked.facility(clientId);
		Exposure nextDebtor = new Exposure(debtor.funded().plus(fundedDelta), debtor.reserved().plus(reservedDelta));
		Exposure nextFacility = new Exposure(facility.funded().plus(fundedDelta),
				facility.reserved().plus(reservedDelta));
		if (nextDebtor.funded().isNegative() || nextDebtor.reserved().isNegative() || nextFacility.funded().isNegative()
				|| nextFacility.reserved().isNegative()) {
			throw new IllegalStateException("Exposure of debtor " + debtorId + " and client " + clientId
					+ " would fall below zero: " + nextDebtor + " / " + nextFacility);
		}
		this.jdbc.sql("UPDATE debtor_exposure SET funded = :funded, reserved = :reserved WHERE debtor_id = :id")
			.param("funded", nextDebtor.funded().amount())
			.param("reserved", nextDebtor.reserved().amount())
			.param("id", debtorId)
			.update();
		this.jdbc.sql("UPDATE facility_exposure SET funded = :funded, reserved = :reserved WHERE client_id = :id")
			.param("funded", nextFacility.funded().amount())
			.param("reserved", nextFacility.reserved().amount())
			.param("id", clientId)
			.update();
		locked.put(debtorId, clientId, nextDebtor, nextFacility);
	}

	/**
	 * Whether the debtor's insured open face today is above its insurer limit in force
	 * (false when it has none in force).
	 */
	boolean overInsurerLimit(Exposures locked, long debtorId) {
		LocalDate today = LocalDate.now(this.clock);
		return locked.debtorLimits(debtorId)
			.insurerLimitOn(today)
			.map((limit) -> insuredOpenFace(debtorId, today).isGreaterThan(limit))
			.orElse(false);
	}

	/**
	 * The face an insurer covers on a debtor today: what it owes on funded, open invoices
	 * and the face of its approvals awaiting funding or a second approval.
	 */
	private Money insuredOpenFace(long debtorId, LocalDate today) {
		return Money.of(this.jdbc.sql("""
				SELECT (SELECT COALESCE(SUM(outstanding), 0) FROM open_receivable(:today) WHERE debtor_id = :debtorId)
				     + (SELECT COALESCE(SUM(amount), 0) FROM invoice
				        WHERE debtor_id = :debtorId AND status IN ('APPROVED', 'AWAITING_SECOND_APPROVAL'))
				""").param("today", today).param("debtorId", debtorId).query(java.math.BigDecimal.class).single());
	}

	private static Exposure exposure(ResultSet rs) throws SQLException {
		return new Exposure(Money.of(rs.getBigDecimal("funded")), Money.of(rs.getBigDecimal("reserved")));
	}

}
