package com.factordesk.debtor;

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
	 * A debtor to register: its ref and name, its registration number and country when
	 * known ({@code null} otherwise).
	 */
	public record NewDebtor(String ref, String name, String registrationNumber, String country) {
	}

}
