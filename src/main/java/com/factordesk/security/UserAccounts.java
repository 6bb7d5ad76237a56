package com.factordesk.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.factordesk.audit.AuditTrail;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The admin console's user management: create users, change their roles, disable and
 * enable them. An administrator cannot disable themselves or change their own roles, so
 * the desk is never left without one and nobody grants themselves a role; no account
 * holds ADMIN together with a desk role (separation of duties, checked by
 * {@link AppUser}). Every change is recorded in the audit trail.
 */
@Service
public class UserAccounts {

	/**
	 * How the audit trail names a user: by id, as {@code user} {@code 42}.
	 */
	public static final String SUBJECT = "user";

	/**
	 * The only authority of a user who must choose a new password.
	 */
	public static final String PASSWORD_MUST_CHANGE = "PASSWORD_MUST_CHANGE";

	/**
	 * Where a user chooses their own password.
	 */
	public static final String PASSWORD_PAGE = "/account/password";

	private static final String ONE_TIME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private static final int ONE_TIME_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AppUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	UserAccounts(AppUserRepository users, PasswordEncoder passwordEncoder, Clock clock,
			ObjectProvider<FindByIndexNameSessionRepository<?>> sessions, AuditTrail audit,
			ApplicationEventPublisher events) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.sessions = sessions;
		this.audit = audit;
		this.events = events;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public List<UserSummary> list() {
		return this.users.findAllWithRoles().stream().map(this::summary).toList();
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional(readOnly = true)
	public UserSummary find(long id) {
		return summary(load(id));
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public UserSummary create(CreateUser command) {
		return summary(register(command));
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void changeRoles(long id, String fullName, Set<Role> roles, String actingUsername) {
		AppUser user = load(id);
		Set<Role> before = new TreeSet<>(user.getRoles());
		user.changeRoles(roles, actingUsername);
		user.rename(fullName);
		if (!before.equals(user.getRoles())) {
			this.audit.record("user.roles-changed", SUBJECT, subjectRef(user), Map.of("roles", before),
					Map.of("roles", new TreeSet<>(roles)));
			endSessionsOf(user.getUsername());
		}
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void disable(long id, String actingUsername) {
		AppUser user = load(id);
		if (user.getUsername().equalsIgnoreCase(actingUsername)) {
			throw BusinessRefusal.of("user.disable.self", "You cannot disable yourself");
		}
		boolean before = user.isEnabled();
		user.disable();
		this.audit.record("user.disabled", SUBJECT, subjectRef(user), Map.of("enabled", before),
				Map.of("enabled", false));
		endSessionsOf(user.getUsername());
	}

	private void endSessionsOf(String username) {
		this.events.publishEvent(new SessionsToEnd(username));
	}

	/**
	 * Logs a user out everywhere, once the change is committed (a login in between would
	 * otherwise keep the old roles): a disabled user, or one whose roles changed, must
	 * not go on working with what their open sessions still hold. The next request of
	 * such a session goes to the login page.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void endSessions(SessionsToEnd event) {
		this.sessions.ifAvailable((repository) -> repository.findByPrincipalName(event.username())
			.keySet()
			.forEach(repository::deleteById));
	}

	/**
	 * Gives a user a new one-time password, returned here and kept nowhere but as a hash:
	 * it lets them sign in only to choose their own (until then the account holds no
	 * role), and every session they have open ends. An administrator changes their own
	 * password as every user does, with the current one.
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public String resetPassword(long id, String actingUsername) {
		AppUser user = load(id);
		if (user.getUsername().equalsIgnoreCase(actingUsername)) {
			throw BusinessRefusal.of("user.reset.self",
					"Change your own password on the Password page, with your current one");
		}
		boolean before = user.isPasswordMustChange();
		String password = oneTimePassword();
		user.resetPassword(this.passwordEncoder.encode(password));
		this.audit.record("user.password-reset", SUBJECT, subjectRef(user), Map.of("mustChange", before),
				Map.of("mustChange", true));
		endSessionsOf(user.getUsername());
		return password;
	}

	/**
	 * The signed-in user's new password, given with their current one. Every session they
	 * have open ends, this one too: they sign in again with the new password (and, after
	 * a reset, with their roles).
	 */
	@PreAuthorize("isAuthenticated()")
	@Transactional
	public void changeOwnPassword(String username, String current, String next) {
		AppUser user = this.users.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new NotFoundException("User", username));
		if (!this.passwordEncoder.matches(current, user.getPasswordHash())) {
			throw BusinessRefusal.onField("currentPassword", "user.password.wrong",
					"This is not your current password");
		}
		if (next.equals(current)) {
			throw BusinessRefusal.onField("newPassword", "user.password.same",
					"The new password must differ from the current one");
		}
		boolean before = user.isPasswordMustChange();
		user.changePassword(this.passwordEncoder.encode(next), this.clock.instant());
		this.audit.record("user.password-changed", SUBJECT, subjectRef(user), Map.of("mustChange", before),
				Map.of("mustChange", false));
		endSessionsOf(user.getUsername());
	}

	/**
	 * Whether the signed-in user must choose a password before anything else (and holds
	 * no role until then).
	 */
	public static boolean mustChoosePassword(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> PASSWORD_MUST_CHANGE.equals(authority.getAuthority()));
	}

	/**
	 * Sixteen characters of an alphabet without look-alikes (no 0/O, 1/l/I): about 93
	 * bits.
	 */
	private static String oneTimePassword() {
		StringBuilder password = new StringBuilder(ONE_TIME_LENGTH);
		for (int i = 0; i < ONE_TIME_LENGTH; i++) {
			password.append(ONE_TIME_ALPHABET.charAt(RANDOM.nextInt(ONE_TIME_ALPHABET.length())));
		}
		return password.toString();
	}

	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public void enable(long id) {
		AppUser user = load(id);
		boolean before = user.isEnabled();
		user.enable();
		this.audit.record("user.enabled", SUBJECT, subjectRef(user), Map.of("enabled", before),
				Map.of("enabled", true));
	}

	/**
	 * Registers a user without an administrator at the keyboard: the first administrator
	 * at start-up and the demo users. Not reachable from the web.
	 */
	@Transactional
	AppUser register(CreateUser command) {
		if (this.users.existsByUsernameIgnoreCase(command.username())) {
			throw BusinessRefusal.onField("username", "user.username.taken",
					"User name " + command.username() + " is taken");
		}
		AppUser.checkRoles(command.roles());
		AppUser user = this.users.save(new AppUser(command.username(), command.fullName(),
				this.passwordEncoder.encode(command.password()), command.roles(), this.clock.instant()));
		this.audit.record("user.created", SUBJECT, subjectRef(user), null, Map.of("username", user.getUsername(),
				"roles", new TreeSet<>(user.getRoles()), "enabled", user.isEnabled()));
		return user;
	}

	@Transactional(readOnly = true)
	boolean exists(String username) {
		return this.users.existsByUsernameIgnoreCase(username);
	}

	@Transactional(readOnly = true)
	boolean anyEnabledAdmin() {
		return this.users.anyEnabledAdmin();
	}

	private AppUser load(long id) {
		return this.users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
	}

	private static String subjectRef(AppUser user) {
		return String.valueOf(user.getId());
	}

	private UserSummary summary(AppUser user) {
		return new UserSummary(user.getId(), user.getUsername(), user.getFullName(), user.getRoles(), user.isEnabled(),
				user.getCreatedAt(), user.isPasswordMustChange(), user.getPasswordChangedAt());
	}

}
