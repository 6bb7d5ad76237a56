package com.factordesk.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.factordesk.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail is written in the transaction of the change, by whoever is logged in,
 * and can only grow: the database refuses to change or remove an entry.
 */
@IntegrationTest
class AuditTrailIntegrationTests {

	@Autowired
	private AuditTrail audit;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JsonMapper json;

	@Test
	@WithMockUser(username = "auditor", roles = "ADMIN")
	void recordsWhoWhatAndTheReferencesBeforeAndAfterAsJson() {
		String ref = uniqueRef();
		this.transactions.executeWithoutResult((status) -> this.audit.record("test.changed", "test", ref,
				Map.of("roles", List.of("MANAGER")), Map.of("roles", List.of("UNDERWRITER", "MANAGER"))));
		List<AuditEntry> entries = this.audit.forSubject("test", ref);
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo("auditor");
			assertThat(entry.action()).isEqualTo("test.changed");
			assertThat(entry.subjectType()).isEqualTo("test");
			assertThat(entry.subjectRef()).isEqualTo(ref);
			assertThat(entry.occurredAt()).isNotNull();
			assertThat(this.json.readTree(entry.before())).isEqualTo(this.json.readTree("{\"roles\":[\"MANAGER\"]}"));
			assertThat(this.json.readTree(entry.after()))
				.isEqualTo(this.json.readTree("{\"roles\":[\"UNDERWRITER\",\"MANAGER\"]}"));
		});
	}

	@Test
	void aChangeWithNobodyLoggedInIsTheSystems() {
		SecurityContextHolder.clearContext();
		String ref = uniqueRef();
		this.transactions.executeWithoutResult((status) -> this.audit.record("test.created", "test", ref, null, 1));
		assertThat(this.audit.forSubject("test", ref)).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo(AuditTrail.SYSTEM);
			assertThat(entry.before()).isNull();
			assertThat(entry.after()).isEqualTo("1");
		});
	}

	@Test
	@WithMockUser(username = "auditor", roles = "ADMIN")
	void aChangeRolledBackLeavesNoEntry() {
		String ref = uniqueRef();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.audit.record("test.changed", "test", ref, null, Map.of("version", 2));
			throw new IllegalStateException("the change fails after its audit entry");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(this.audit.forSubject("test", ref)).isEmpty();
	}

	@Test
	@WithMockUser(username = "auditor", roles = "ADMIN")
	void anEntryIsOnlyWrittenInTheTransactionOfAChange() {
		String ref = uniqueRef();
		assertThatThrownBy(() -> this.audit.record("test.changed", "test", ref, null, Map.of("version", 2)))
			.isInstanceOf(IllegalTransactionStateException.class);
		assertThat(this.audit.forSubject("test", ref)).isEmpty();
	}

	@Test
	@WithMockUser(username = "auditor", roles = "ADMIN")
	void theDatabaseRefusesToChangeOrRemoveAnEntry() {
		String ref = uniqueRef();
		this.transactions
			.executeWithoutResult((status) -> this.audit.record("test.changed", "test", ref, null, Map.of("v", 1)));
		assertThatThrownBy(
				() -> this.jdbc.update("UPDATE audit_entry SET actor = 'someone-else' WHERE subject_ref = ?", ref))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM audit_entry WHERE subject_ref = ?", ref))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("audit_entry is append-only: DELETE is not allowed");
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE audit_entry"))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("audit_entry is append-only: TRUNCATE is not allowed");
		assertThat(this.audit.forSubject("test", ref)).singleElement()
			.satisfies((entry) -> assertThat(entry.actor()).isEqualTo("auditor"));
	}

	private static String uniqueRef() {
		return UUID.randomUUID().toString();
	}

}
