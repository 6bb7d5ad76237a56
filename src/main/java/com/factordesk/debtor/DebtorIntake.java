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
