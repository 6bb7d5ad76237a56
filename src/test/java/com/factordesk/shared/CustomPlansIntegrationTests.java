package com.factordesk.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pooled connection plans each execution of a statement with its parameters'
 * values: a scope filter "(CAST(? AS bigint) IS NULL OR client_id = ?)" executed over and
 * over on one connection still folds to the scope it is given. With PostgreSQL's default
 * the sixth execution of a server-prepared statement may get a generic plan that keeps
 * both branches for every row (the portfolio page at 1,000,000 invoices took 21 s instead
 * of 13 s).
 */
@IntegrationTest
class CustomPlansIntegrationTests {

	private static final String SCOPED = "SELECT count(*) FROM invoice i"
			+ " WHERE (CAST(? AS bigint) IS NULL OR i.client_id = ?)";

	@Autowired
	private DataSource dataSource;

	@Test
	void everyConnectionOfThePoolPlansWithTheParametersValues() throws SQLException {
		List<Connection> held = new ArrayList<>();
		try {
			// three connections at once: three of the pool's, each set up by it
			for (int i = 0; i < 3; i++) {
				held.add(this.dataSource.getConnection());
			}
			for (Connection connection : held) {
				try (PreparedStatement show = connection.prepareStatement("SHOW plan_cache_mode");
						ResultSet rs = show.executeQuery()) {
					rs.next();
					assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
				}
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

	@Test
	void aScopedStatementExecutedOverAndOverOnOneConnectionIsNeverPlannedGenerically() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement scoped = connection.prepareStatement(SCOPED)) {
			// the driver prepares it on the server from its fifth execution on;
			// PostgreSQL
			// would go generic from that statement's sixth
			for (int run = 1; run <= 15; run++) {
				scoped.setObject(1, null, Types.BIGINT);
				scoped.setObject(2, null, Types.BIGINT);
				try (ResultSet rs = scoped.executeQuery()) {
					rs.next();
				}
			}
			try (PreparedStatement plans = connection.prepareStatement(
					"SELECT custom_plans, generic_plans FROM pg_prepared_statements WHERE statement LIKE ?")) {
				plans.setString(1, "%client_id = $2)%");
				try (ResultSet rs = plans.executeQuery()) {
					assertThat(rs.next()).as("the statement is prepared on the server").isTrue();
					assertThat(rs.getLong("custom_plans")).isGreaterThanOrEqualTo(6);
					assertThat(rs.getLong("generic_plans")).isZero();
				}
			}
		}
	}

}
