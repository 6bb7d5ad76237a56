package com.factordesk.security;

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
				user.getCreatedAt());
	}

}
