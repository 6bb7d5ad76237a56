package com.factordesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API keys of integrations, kept as SHA-256 hashes (a key is long and random, so a
 * fast hash is safe, and it is checked on every request). A key with read rights may call
 * what {@link #READ} allows, one with import rights what {@link #IMPORT} allows; a key is
 * never a user, so it can open no page.
 */
@Component
public class ApiKeys {

	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern
		.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{1,99}");

	private final java.security.SecureRandom random = new java.security.SecureRandom();

	/**
	 * The request header that carries the key.
	 */
	static final String HEADER = "X-API-Key";

	/**
	 * The authority of a key with read rights.
	 */
	static final String READ = "ROLE_API_READ";

	/**
	 * The authority of a key with import rights.
	 */
	static final String IMPORT = "ROLE_API_IMPORT";

	/**
	 * How the audit trail names a key: by id, as {@code api-key} {@code 7}.
	 */
	public static final String SUBJECT = "api-key";

	/**
	 * How stale a key's recorded last use may be.
	 */
	static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditTrail audit;

	ApiKeys(JdbcClient jdbc, Clock clock, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * The integration a key belongs to, with its rights, or nothing for an unknown or
	 * revoked key. The key's last use is recorded to the minute: written only when the
	 * one on record is a minute old or more, so that a busy integration does not write a
	 * row on every call.
	 */
	@Transactional
	public Optional<Authentication> authenticate(String key) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				SELECT id, name, can_read, can_import, last_used_at FROM api_key
				WHERE key_hash = :hash AND revoked_at IS NULL
				""").param("hash", hash(key)).query((rs, row) -> {
			Timestamp lastUsed = rs.getTimestamp("last_used_at");
			if (lastUsed == null || !lastUsed.toInstant().isAfter(now.minus(LAST_USE_PRECISION))) {
				this.jdbc
					.sql("UPDATE api_key SET last_used_at = :now WHERE id = :id AND "
							+ "(last_used_at IS NULL OR last_used_at < :now)")
					.param("now", Timestamp.from(now))
					.param("id", rs.getLong("id"))
					.update();
			}
			return (Authentication) new ApiKeyAuthentication(rs.getString("name"), rs.getBoolean("can_read"),
					rs.getBoolean("can_import"));
		}).optional();
	}

	/**
	 * Every key ever issued, newest first, without the keys themselves (only their hashes
	 * are kept).
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<ApiKeySummary> list() {
		return this.jdbc.sql("""
				SELECT id, name, can_read, can_import, created_at, created_by, revoked_at, revoked_by, last_used_at
				FROM api_key ORDER BY created_at DESC, id DESC
				""")
			.query((rs, row) -> new ApiKeySummary(rs.getLong("id"), rs.getString("name"), rs.getBoolean("can_read"),
					rs.getBoolean("can_import"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
					(rs.getTimestamp("revoked_at") != null) ? rs.getTimestamp("revoked_at").toInstant() : null,
					rs.getString("revoked_by"),
					(rs.getTimestamp("last_used_at") != null) ? rs.getTimestamp("last_used_at").toInstant() : null))
			.list();
	}

	/**
	 * Issues a new random key for an integration. The key is returned this once: only its
	 * hash is stored.
	 * @throws BusinessRefusal when the name is taken or malformed, or no right is given
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public IssuedApiKey issue(String name, boolean canRead, boolean canImport, String actor) {
		if (!NAME.matcher(name).matches()) {
			throw BusinessRefusal.onField("name", "apiKey.name.pattern",
					"A name is 2-100 letters, digits, spaces, dots, dashes or underscores");
		}
		if (!canRead && !canImport) {
			throw BusinessRefusal.onField("canRead", "apiKey.rights.empty",
					"A key needs read or import rights, or both");
		}
		if (exists(name)) {
			throw BusinessRefusal.onField("name", "apiKey.name.taken", "A key named " + name + " exists already");
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String key = "fd_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		try {
			register(name, key, canRead, canImport, actor);
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			// issued at the same moment by another admin
			throw BusinessRefusal.onField("name", "apiKey.name.taken", "A key named " + name + " exists already");
		}
		return new IssuedApiKey(name, key);
	}

	/**
	 * Revokes a key: it no longer authenticates from the next request on.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public String revoke(long id, String actor) {
		String name = this.jdbc.sql("""
				UPDATE api_key SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL
				RETURNING name
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("by", actor)
			.param("id", id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> BusinessRefusal.of("apiKey.revoke.none", "No active key with id " + id));
		this.audit.record("api-key.revoked", SUBJECT, String.valueOf(id), Map.of("revoked", false),
				Map.of("revoked", true));
		return name;
	}

	@Transactional(readOnly = true)
	public boolean exists(String name) {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_key WHERE name = :name")
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records a key under a name; only its hash is stored.
	 * @return the key's id
	 */
	@Transactional
	long register(String name, String key, boolean canRead, boolean canImport, String createdBy) {
		long id = this.jdbc.sql("""
				INSERT INTO api_key (name, key_hash, can_read, can_import, created_at, created_by)
				VALUES (:name, :hash, :read, :import, :at, :by) RETURNING id
				""")
			.param("name", name)
			.param("hash", hash(key))
			.param("read", canRead)
			.param("import", canImport)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("by", createdBy)
			.query(Long.class)
			.single();
		this.audit.record("api-key.issued", SUBJECT, String.valueOf(id), null,
				Map.of("name", name, "canRead", canRead, "canImport", canImport));
		return id;
	}

	/**
	 * A key as the admin console lists it.
	 */
	public record ApiKeySummary(long id, String name, boolean canRead, boolean canImport, Instant createdAt,
			String createdBy, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

		public boolean active() {
			return this.revokedAt == null;
		}

	}

	/**
	 * A newly issued key, shown to the admin once.
	 */
	public record IssuedApiKey(String name, String key) {
	}

	static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * An integration authenticated by its API key.
	 */
	static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

		private final String name;

		ApiKeyAuthentication(String name, boolean canRead, boolean canImport) {
			super(authorities(canRead, canImport));
			this.name = name;
			setAuthenticated(true);
		}

		private static List<GrantedAuthority> authorities(boolean canRead, boolean canImport) {
			List<GrantedAuthority> authorities = new ArrayList<>();
			if (canRead) {
				authorities.add(new SimpleGrantedAuthority(READ));
			}
			if (canImport) {
				authorities.add(new SimpleGrantedAuthority(IMPORT));
			}
			return authorities;
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return "api-key:" + this.name;
		}

		@Override
		public String getName() {
			return "api-key:" + this.name;
		}

	}

}
