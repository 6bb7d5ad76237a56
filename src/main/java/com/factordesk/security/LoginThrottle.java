package com.factordesk.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing without giving the guesser any power over the account:
 * attempts are counted per (user name, client address), so an address that keeps guessing
 * waits longer and longer before it may try again, while the account's owner logs in from
 * their own address as ever. The wait is a refusal until a time, kept in the database (no
 * thread sleeps, so a flood of attempts cannot exhaust the server's threads), and every
 * instance on the database counts together: each attempt is one atomic upsert. An attempt
 * is counted before its password is checked, so that parallel attempts cannot slip past
 * the count; a success resets the count of its address.
 * <p>
 * User names are counted as typed (lower-cased), whether such an account exists or not,
 * so the throttle tells nothing about accounts. IPv6 clients are counted per /64 network,
 * the block a single subscriber usually holds.
 */
@Component
class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%]+");

	/** At most this many forgotten rows are deleted per attempt: cleaning stays cheap. */
	private static final int CLEANUP_BATCH = 100;

	private static final int MAX_KEY = 64;

	/**
	 * The user name of an address's count across all user names: no account can have it.
	 */
	static final String ANY_USER = "*";

	private final JdbcClient jdbc;

	private final SecurityProperties.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, SecurityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.settings = properties.loginThrottle();
		this.clock = clock;
	}

	/**
	 * Counts an attempt to log in as {@code username} from {@code clientAddress}.
	 * @return empty when the attempt may go on to check its password; otherwise the time
	 * until which this address may not try this user name (nothing is counted then)
	 */
	@Transactional
	public Optional<Instant> attempt(String username, String clientAddress) {
		Instant now = this.clock.instant();
		String address = addressKey(clientAddress);
		Optional<Instant> blocked = count(ANY_USER, address, this.settings.addressFreeAttempts(), now);
		if (blocked.isEmpty()) {
			blocked = count(userKey(username), address, this.settings.freeAttempts(), now);
		}
		forgetOldCounts(now);
		return blocked;
	}

	/**
	 * Counts one attempt of {@code address} for {@code user} ({@link #ANY_USER} for the
	 * address's count across all user names).
	 * @return empty when the attempt may go on, else the time until which it may not
	 */
	private Optional<Instant> count(String user, String address, int freeAttempts, Instant now) {
		Optional<Integer> attempts = this.jdbc.sql("""
				INSERT INTO login_throttle AS t (username, client_address, failures, last_failure_at)
				VALUES (:username, :address, 1, :now)
				ON CONFLICT (username, client_address) DO UPDATE
				SET failures = CASE WHEN t.last_failure_at < :forgetBefore THEN 1 ELSE t.failures + 1 END,
				    last_failure_at = :now, blocked_until = NULL
				WHERE t.blocked_until IS NULL OR t.blocked_until <= :now
				RETURNING failures
				""")
			.param("username", user)
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("forgetBefore", Timestamp.from(now.minus(this.settings.forgetAfter())))
			.query(Integer.class)
			.optional();
		if (attempts.isEmpty()) {
			return Optional.of(blockedUntil(user, address));
		}
		Duration block = this.settings.blockAfter(attempts.get(), freeAttempts);
		if (!block.isZero()) {
			this.jdbc.sql(
					"UPDATE login_throttle SET blocked_until = :until WHERE username = :username AND client_address = :address")
				.param("until", Timestamp.from(now.plus(block)))
				.param("username", user)
				.param("address", address)
				.update();
			if (attempts.get() == freeAttempts) {
				logger.warn("Login attempts for user name {} from {} throttled after {} attempts without a success",
						user, address, attempts.get());
			}
		}
		return Optional.empty();
	}

	/**
	 * The password was right: the address's count starts again.
	 */
	@Transactional
	public void succeeded(String username, String clientAddress) {
		this.jdbc
			.sql("DELETE FROM login_throttle WHERE username IN (:username, :anyUser) AND client_address = :address")
			.param("username", userKey(username))
			.param("anyUser", ANY_USER)
			.param("address", addressKey(clientAddress))
			.update();
	}

	private Instant blockedUntil(String user, String address) {
		return this.jdbc
			.sql("SELECT blocked_until FROM login_throttle WHERE username = :username AND client_address = :address")
			.param("username", user)
			.param("address", address)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElseGet(this.clock::instant);
	}

	private void forgetOldCounts(Instant now) {
		this.jdbc.sql("""
				DELETE FROM login_throttle WHERE ctid = ANY (ARRAY (
				    SELECT ctid FROM login_throttle WHERE last_failure_at < :forgetBefore
				    LIMIT :batch FOR UPDATE SKIP LOCKED))
				""")
			.param("forgetBefore", Timestamp.from(now.minus(this.settings.forgetAfter())))
			.param("batch", CLEANUP_BATCH)
			.update();
	}

	static String userKey(String username) {
		String user = (username != null) ? username.replaceAll("\\p{Cntrl}", "").trim().toLowerCase(Locale.ROOT) : "";
		return (user.length() > MAX_KEY) ? user.substring(0, MAX_KEY) : user;
	}

	/**
	 * The address as counted: IPv4 as it is, IPv6 by its /64 network.
	 */
	static String addressKey(String clientAddress) {
		if (clientAddress == null || clientAddress.isBlank()) {
			return "unknown";
		}
		String address = clientAddress.trim();
		if (address.indexOf(':') >= 0 && IP_LITERAL.matcher(address).matches()) {
			try {
				InetAddress parsed = InetAddress.getByName(address);
				if (parsed instanceof Inet4Address) {
					// an IPv4-mapped IPv6 address (::ffff:192.0.2.1) counts as its IPv4
					// address
					return parsed.getHostAddress();
				}
				byte[] bytes = parsed.getAddress();
				if (bytes.length == 16) {
					StringBuilder network = new StringBuilder();
					for (int i = 0; i < 8; i += 2) {
						network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
							.append(':');
					}
					return network.append(":/64").toString();
				}
			}
			catch (UnknownHostException ex) {
				// not an address after all: counted as typed
			}
		}
		return (address.length() > MAX_KEY) ? address.substring(0, MAX_KEY) : address;
	}

}
