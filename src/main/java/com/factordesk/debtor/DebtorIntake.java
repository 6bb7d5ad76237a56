package com.factordesk.debtor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the debtors an import names for the first time (DESIGN section 7): with the
 * name, registration number and country the file gives (the others unknown) and a credit
 * limit of 0, so that their invoices show "over debtor limit" until a limit is decided.
 * One statement for all of them, in the import's transaction.
 */
@Service
public class DebtorIntake {

	private final JdbcClient jdbc;

	DebtorIntake(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Registers these debtors.
	 * @return their ids by ref
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<String, Long> register(List<NewDebtor> debtors) {
		Map<String, Long> ids = new LinkedHashMap<>();
		if (debtors.isEmpty()) {
			return ids;
		}
		this.jdbc.sql("""
				INSERT INTO debtor (ref, name, registration_number, country, industry, credit_limit)
				SELECT n.ref, n.name, n.registration_number, n.country, NULL, 0
				FROM unnest(CAST(:refs AS varchar[]), CAST(:names AS varchar[]), CAST(:registrations AS varchar[]),
				            CAST(:countries AS varchar[])) AS n(ref, name, registration_number, country)
				RETURNING id, ref
				""")
			.param("refs", debtors.stream().map(NewDebtor::ref).toArray(String[]::new))
			.param("names", debtors.stream().map(NewDebtor::name).toArray(String[]::new))
			.param("registrations", debtors.stream().map(NewDebtor::registrationNumber).toArray(String[]::new))
			.param("countries", debtors.stream().map(NewDebtor::country).toArray(String[]::new))
			.query((java.sql.ResultSet rs) -> {
				ids.put(rs.getString("ref"), rs.getLong("id"));
			});
		return ids;
	}

	/**
	 * The likely duplicates of these debtors: each pair of one of them and another debtor
	 * whose names are alike once their legal forms, case, spaces and punctuation are left
	 * out ({@code debtor_name_key}), in one country or where either has none; a pair of
	 * two of them once. At most {@code limit} pairs, by ref.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<LikelyDuplicate> likelyDuplicates(Collection<String> refs, int limit) {
		if (refs.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT n.ref, n.name, o.ref AS like_ref, o.name AS like_name
				FROM debtor n
				JOIN debtor o ON debtor_name_key(o.name) = debtor_name_key(n.name) AND o.id <> n.id
				 AND (n.country IS NULL OR o.country IS NULL OR n.country = o.country)
				WHERE n.ref = ANY(:refs) AND debtor_name_key(n.name) <> ''
				  AND n.merged_into_id IS NULL AND o.merged_into_id IS NULL
				  AND NOT (o.ref = ANY(:refs) AND o.ref < n.ref)
				ORDER BY n.ref, o.ref
				LIMIT :limit
				""")
			.param("refs", refs.toArray(String[]::new))
			.param("limit", limit)
			.query((rs, row) -> new LikelyDuplicate(rs.getString("ref"), rs.getString("name"), rs.getString("like_ref"),
					rs.getString("like_name")))
			.list();
	}

	/**
	 * Merges the record {@code fromId} into {@code toId}, two records of one legal
	 * entity: the record kept takes the registration number and country of the other
	 * where it has none, its bureau readings (but a reading of the same bureau and day it
	 * has already) and its contacts; the record merged away keeps its ref and history,
	 * names the record it was merged into (as do the records merged into it before) and
	 * loses its registration number, so that the number finds the record kept.
	 * @return the registration number the merged record had, or {@code null}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String mergeInto(long fromId, long toId, java.time.Instant at) {
		String registration = this.jdbc.sql("SELECT registration_number FROM debtor WHERE id = :from")
			.param("from", fromId)
			.query(String.class)
			.optional()
			.orElse(null);
		this.jdbc.sql(
				"UPDATE debtor SET registration_number = NULL, merged_into_id = :to, merged_at = :at, version = version + 1 WHERE id = :from")
			.param("from", fromId)
			.param("to", toId)
			.param("at", java.sql.Timestamp.from(at))
			.update();
		this.jdbc.sql("UPDATE debtor SET merged_into_id = :to WHERE merged_into_id = :from")
			.param("from", fromId)
			.param("to", toId)
			.update();
		this.jdbc
			.sql("""
					UPDATE debtor a SET registration_number = COALESCE(a.registration_number, CAST(:registration AS varchar)),
					                    country = COALESCE(a.country, b.country), version = a.version + 1
					FROM debtor b WHERE a.id = :to AND b.id = :from
					""")
			.param("registration", registration)
			.param("to", toId)
			.param("from", fromId)
			.update();
		this.jdbc.sql("""
				UPDATE bureau_score s SET debtor_id = :to
				WHERE s.debtor_id = :from AND NOT EXISTS (SELECT 1 FROM bureau_score k
				    WHERE k.debtor_id = :to AND k.provider = s.provider AND k.as_of = s.as_of)
				""").param("from", fromId).param("to", toId).update();
		this.jdbc.sql("UPDATE debtor_contact SET debtor_id = :to WHERE debtor_id = :from")
			.param("from", fromId)
			.param("to", toId)
			.update();
		return registration;
	}

	/**
	 * The ref of the record a debtor was merged into, when it was.
	 */
	public java.util.Optional<String> mergedInto(String ref) {
		return this.jdbc.sql("SELECT k.ref FROM debtor d JOIN debtor k ON k.id = d.merged_into_id WHERE d.ref = :ref")
			.param("ref", ref)
			.query(String.class)
			.optional();
	}

	/**
	 * A debtor and another that is likely the same legal entity.
	 */
	public record LikelyDuplicate(String ref, String name, String likeRef, String likeName) {
	}

	/**
	 * A debtor to register: its ref and name, its registration number and country when
	 * known ({@code null} otherwise).
	 */
	public record NewDebtor(String ref, String name, String registrationNumber, String country) {
	}

}
