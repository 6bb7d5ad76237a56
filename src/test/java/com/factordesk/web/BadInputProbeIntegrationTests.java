package com.factordesk.web;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The net under every form and endpoint: each handler of every handler mapping in the
 * context (so that a new endpoint is probed without being listed here), for each of its
 * HTTP methods, gets each kind of bad input over real HTTP, logged in with a role that
 * reaches it and anonymously: a malformed multipart body, NUL bytes in each parameter's
 * name and value, numbers too big or not numbers, overlong text, dates outside the
 * database's range or the calendar, form field paths that do not exist, path variables
 * that are huge, negative or garbage, malformed percent-encoding, and a generated set of
 * mixed junk from a fixed seed. No answer may be a 5xx or a 409, and nothing may be
 * written: every business table is the same before and after, to the row.
 *
 * <p>
 * Parameter names come from the handler methods: {@code @RequestParam} and
 * {@code @PathVariable} names, and the properties of {@code @ModelAttribute} form beans
 * (rows of a list as {@code bands[0].scoreFrom}, keys of a map as
 * {@code bureauScales[PAYDEX]}). A request to a handler that writes also carries a
 * "poison" field that no converter reads, so that even a value that happens to be valid
 * cannot be saved.
 */
@OverRealHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputProbeIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(BadInputProbeIntegrationTests.class);

	/**
	 * The tables a probe may change: sessions and the event registry; and the figures
	 * kept from other tables, which a background compaction rewrites from their changes
	 * at any time: the clients' reserve balances (V056) and held reserves (V060), the
	 * open books (V059) and the book's sales per day (V064); and the changes behind the
	 * kept flags (V062), which a compaction deletes. What they are kept from,
	 * {@code reserve_entry}, {@code invoice} and {@code advance}, is fingerprinted.
	 */
	private static final Set<String> NOT_FINGERPRINTED = Set.of("spring_session", "spring_session_attributes",
			"event_publication", "flyway_schema_history", "shedlock", "client_reserve_balance",
			"client_reserve_balance_change", "client_reserve_held", "client_reserve_held_change", "pair_book",
			"pair_book_change", "sales_day", "sales_day_change", "flag_scope_change", "flag_scope_horizon");

	private static final List<String> NUMBERS = List.of("1E+999999999", "1E+50", "1E+20000000", "-1E+999999999",
			"1E-999999999", "99999999999999999999", "-99999999999999999999", "9223372036854775808", "2147483648", "-1",
			"-0", "0", "NaN", "Infinity", "-Infinity", "0x10", "1_000", "2,5", "1.2.3", "１２", "", " ");

	private static final List<String> TEXTS = List.of("\u0000", "a\u0000b", "\u0007bell", "\u001b[31m",
			"x".repeat(10_000), "é".repeat(5_000), "<script>alert(1)</script>", "' OR '1'='1", "\uFFFF\uFFFE",
			"𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "%00", "${7*7}", "__${T(java.lang.Runtime)}__");

	private static final List<String> DATES = List.of("99999-12-31", "+1000000-01-01", "0000-01-01", "-0001-01-01",
			"2026-02-30", "2026-13-01", "1899-12-31", "3000-01-01", "2026-1-1", "20261125");

	private static final List<String> FIELD_PATHS = List.of("bands[256].scoreFrom", "bands[-1].x",
			"bands[-1].scoreFrom", "bands[99999999999].scoreFrom", "bands[0].scoreFrom.x", "roles[0]",
			"roles[99999999999]", "points[999999].x", "bureauScales[NOPE]", "bureauScales[]",
			"class.module.classLoader", "form.name", "[0]", "a]b[", "bands[0]..x");

	// an over-long value stays under Tomcat's 8 KB request line, so that the app answers
	// it: a longer one gets Tomcat's 400, or a connection reset when it had a body
	private static final List<String> PATH_VALUES = List.of("99999999999999999999", "-1", "0", "1E+999999999", "abc",
			"%00", "%25ZZ", "..%2F..%2Fetc%2Fpasswd", "x".repeat(7_000), "%C3%28", "1;x=1", "%20");

	/**
	 * The values that also go to each field alone.
	 */
	private static final List<String> EACH_FIELD = List.of("1E+50", "99999999999999999999", "-1", "NaN", "0x10",
			"x".repeat(10_000), "99999-12-31", "0000-01-01", "2026-02-30");

	private static final String POISON = "\u00bf";

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * How many probes run side by side, each with sessions of its own (one session is
	 * never used by two at once).
	 */
	private static final int THREADS = 3;

	private final List<Map<String, DeskClient>> sessions = new ArrayList<>();

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private int requests;

	@BeforeAll
	void logIn() {
		for (int i = 0; i < THREADS; i++) {
			Map<String, DeskClient> clients = new LinkedHashMap<>();
			clients.put("anonymous", DeskClient.anonymous(this.port));
			for (String user : List.of("underwriter", "manager", "admin")) {
				clients.put(user, DeskClient.loggedIn(this.port, user));
			}
			this.sessions.add(clients);
		}
	}

	@Test
	void noBadInputEndsInA5xxOrA409OrWritesAnything() throws Exception {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).as("handlers found").hasSizeGreaterThan(15);
		List<Map.Entry<Endpoint, String>> probes = new ArrayList<>();
		endpoints
			.forEach((endpoint) -> endpoint.methods().forEach((method) -> probes.add(Map.entry(endpoint, method))));
		Map<String, String> before = fingerprint();
		long started = System.nanoTime();
		List<String> unreached = Collections.synchronizedList(new ArrayList<>());
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				int first = thread;
				done.add(executor.submit(() -> {
					for (int i = first; i < probes.size(); i += THREADS) {
						Endpoint endpoint = probes.get(i).getKey();
						String method = probes.get(i).getValue();
						// a fixed seed per probe: the same junk whichever thread sends it
						if (!probe(endpoint, method, new Random(20261202L + i), this.sessions.get(first))) {
							unreached.add(method + " " + endpoint.pattern() + " (" + endpoint.handler() + ")");
						}
					}
				}));
			}
			for (Future<?> each : done) {
				each.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, String> after = fingerprint();
		long methods = endpoints.stream().mapToLong((endpoint) -> endpoint.methods().size()).sum();
		String summary = String.format(Locale.ROOT,
				"Bad input probe: %d handlers (%d handler-method pairs) probed with %d requests in %d s; statuses %s",
				endpoints.size(), methods, this.requests, (System.nanoTime() - started) / 1_000_000_000L,
				this.statuses);
		logger.info(summary);
		System.out.println(summary);
		assertThat(this.failures).as("answers that were a 5xx or a 409").isEmpty();
		assertThat(unreached).as("handlers that no role of the probe reached: give the probe a role that may")
			.isEmpty();
		before.forEach(
				(table, print) -> assertThat(after.get(table)).as("table " + table + " unchanged").isEqualTo(print));
	}

	/**
	 * Sends every kind of bad input to one handler method.
	 * @return whether the role chosen for it reached it
	 */
	private boolean probe(Endpoint endpoint, String method, Random random, Map<String, DeskClient> clients) {
		DeskClient user = clients.get(roleFor(endpoint.pattern()));
		DeskClient anonymous = clients.get("anonymous");
		boolean writes = !"GET".equals(method) && !"HEAD".equals(method);
		String path = endpoint.path(writes);
		Map<String, String> poison = writes ? endpoint.poison() : Map.of();
		// the handler answers the role (not a login page, not a 403): a baseline
		HttpResponse<String> baseline = send(user, endpoint, method, path, poison);
		boolean reached = baseline.statusCode() != 401 && baseline.statusCode() != 403
				&& !baseline.headers().firstValue("Location").orElse("").contains("/login");
		for (DeskClient client : List.of(user, anonymous)) {
			// a malformed multipart body, as a POST and as the body of the method itself
			multipart(client, endpoint, "POST", path);
			multipart(client, endpoint, method, path);
			// NUL bytes in every parameter's name and value
			for (String name : endpoint.parameters()) {
				send(client, endpoint, method, path, with(poison, name + "\u0000", "1"));
				send(client, endpoint, method, path, with(poison, name, "1\u0000"));
			}
			// malformed percent-encoding in a form body (java.net.URI refuses it in a
			// query)
			if (!"GET".equals(method)) {
				HttpRequest request = client.request(path)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.method(method,
							HttpRequest.BodyPublishers
								.ofString("_csrf=" + DeskClient.encode(client.csrf()) + "&x=%ZZ&y=%C3%28&%=1&lang=%"))
					.build();
				record(endpoint, client, request, client.send(request));
			}
		}
		// each bad value in every field at once (the binder reads each field on its own),
		// and the worst of them in each field alone
		List<String> values = new ArrayList<>();
		values.addAll(NUMBERS);
		values.addAll(TEXTS);
		values.addAll(DATES);
		for (String value : values) {
			Map<String, String> fields = new LinkedHashMap<>(poison);
			endpoint.parameters()
				.stream()
				.filter((name) -> !name.equals(endpoint.poisonField()))
				.forEach((name) -> fields.put(name, value));
			send(user, endpoint, method, path, fields);
		}
		for (String name : endpoint.parameters()) {
			for (String value : EACH_FIELD) {
				if (name.equals(endpoint.poisonField()) || poison.isEmpty()) {
					send(user, endpoint, method, path, Map.of(name, value));
				}
				else {
					send(user, endpoint, method, path, with(poison, name, value));
				}
			}
		}
		for (String field : FIELD_PATHS) {
			send(user, endpoint, method, path, with(poison, field, "1"));
		}
		if (!endpoint.pathVariables().isEmpty()) {
			for (String value : PATH_VALUES) {
				send(user, endpoint, method, endpoint.path(value), poison);
			}
		}
		// a generated set of mixed junk, from a fixed seed
		List<String> names = new ArrayList<>(endpoint.parameters());
		names.addAll(FIELD_PATHS);
		for (int i = 0; i < 25; i++) {
			Map<String, String> fields = new LinkedHashMap<>(poison);
			int count = 1 + random.nextInt(4);
			for (int j = 0; j < count; j++) {
				String name = random.nextInt(5) == 0 ? junk(random) : names.get(random.nextInt(names.size()));
				if (!name.equals(endpoint.poisonField())) {
					fields.put(name, junk(random));
				}
			}
			String target = (!endpoint.pathVariables().isEmpty() && random.nextInt(3) == 0)
					? endpoint.path(DeskClient.encode(junk(random))) : path;
			send(random.nextInt(4) == 0 ? anonymous : user, endpoint, method, target, fields);
		}
		return reached;
	}

	private static Map<String, String> with(Map<String, String> poison, String name, String value) {
		Map<String, String> fields = new LinkedHashMap<>(poison);
		fields.put(name, value);
		return fields;
	}

	private void multipart(DeskClient client, Endpoint endpoint, String method, String path) {
		HttpRequest request = client.request(path)
			.header("Content-Type", "multipart/form-data; boundary=x")
			.header("X-CSRF-TOKEN", client.csrf())
			.method(method, HttpRequest.BodyPublishers.ofString("--x\r\nab"))
			.build();
		record(endpoint, client, request, client.send(request));
	}

	private HttpResponse<String> send(DeskClient client, Endpoint endpoint, String method, String path,
			Map<String, String> fields) {
		String form = fields.entrySet()
			.stream()
			.map((field) -> DeskClient.encode(field.getKey()) + "=" + DeskClient.encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder;
		if ("GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method) || "OPTIONS".equals(method)) {
			String query = form.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + form;
			builder = client.request(path + query).method(method, HttpRequest.BodyPublishers.noBody());
			if (!"GET".equals(method) && !"HEAD".equals(method)) {
				builder.header("X-CSRF-TOKEN", client.csrf());
			}
		}
		else {
			String body = "_csrf=" + DeskClient.encode(client.csrf()) + (form.isEmpty() ? "" : "&" + form);
			builder = client.request(path)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		if (endpoint.pattern().startsWith("/api/") && "anonymous".equals(client.user())) {
			builder.header("X-API-Key", "fd-demo-integration-key");
		}
		HttpRequest request = builder.build();
		HttpResponse<String> response = client.send(request);
		record(endpoint, client, request, response);
		return response;
	}

	private synchronized void record(Endpoint endpoint, DeskClient client, HttpRequest request,
			HttpResponse<String> response) {
		this.requests++;
		this.statuses.merge(response.statusCode(), 1, Integer::sum);
		if (response.statusCode() >= 500 || response.statusCode() == 409) {
			String uri = request.uri().toString();
			this.failures.add(response.statusCode() + " for " + client.user() + ": " + request.method() + " "
					+ ((uri.length() > 300) ? uri.substring(0, 300) + "..." : uri) + " (" + endpoint.handler() + ")");
		}
	}

	/**
	 * A role that may reach a handler at this address; the API is probed with the demo
	 * integration key when anonymous.
	 */
	private static String roleFor(String pattern) {
		if (pattern.startsWith("/api/v1/imports")) {
			// no role imports through the API: the demo key does
			return "anonymous";
		}
		// the actuator's metrics and build for admins (and read keys); health for anyone
		if (pattern.startsWith("/admin") || pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger-ui")
				|| pattern.startsWith("/actuator")) {
			return "admin";
		}
		if (pattern.startsWith("/api/v1/risk/backtest") || pattern.startsWith("/api/v1/portfolio")
				|| pattern.equals("/debtors/{ref}/merge")) {
			return "manager";
		}
		if (pattern.startsWith("/queue") || pattern.startsWith("/invoices") || pattern.startsWith("/debtors")
				|| pattern.startsWith("/clients") || pattern.startsWith("/api/")) {
			return "underwriter";
		}
		return "manager";
	}

	private static String junk(Random random) {
		StringBuilder text = new StringBuilder();
		int parts = 1 + random.nextInt(4);
		for (int i = 0; i < parts; i++) {
			switch (random.nextInt(12)) {
				case 0 -> text.append(random.nextLong());
				case 1 -> text.append(random.nextInt(10))
					.append("E")
					.append(random.nextBoolean() ? "+" : "-")
					.append(Math.abs(random.nextLong()) % 10_000_000_000L);
				case 2 -> text.append((char) random.nextInt(0x20));
				case 3 ->
					text.append(String.valueOf((char) (0x80 + random.nextInt(0xD000))).repeat(1 + random.nextInt(50)));
				case 4 -> text.append(random.nextInt(200_000) - 100_000)
					.append('-')
					.append(random.nextInt(15))
					.append('-')
					.append(random.nextInt(40));
				case 5 -> text.append("[").append(random.nextInt() % 1000).append("]");
				case 6 -> text.append("x".repeat(random.nextInt(3000)));
				case 7 -> text.append(random.nextDouble() * Math.pow(10, random.nextInt(40)));
				case 8 -> text.append("%").append(Integer.toHexString(random.nextInt(256)));
				case 9 -> text.append(List.of("NaN", "Infinity", "null", "true", "ADMIN", "0x1F", ":", ",", ".", "..")
					.get(random.nextInt(10)));
				case 10 -> text.append(LocalDate.of(1900, 1, 1).plusDays(random.nextInt(400_000)));
				default -> text.append(random.nextInt(101)).append(':').append(random.nextInt(1000) - 500);
			}
		}
		return text.toString();
	}

	/**
	 * Every handler of every request mapping (pages, the API, the error page, the
	 * actuator).
	 */
	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (RequestMappingInfoHandlerMapping mapping : this.context
			.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				RequestMappingInfo info = entry.getKey();
				Set<String> methods = new LinkedHashSet<>();
				info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
				if (methods.isEmpty()) {
					methods.addAll(List.of("GET", "POST"));
				}
				for (String pattern : info.getPatternValues()) {
					endpoints.add(new Endpoint(pattern, List.copyOf(methods), entry.getValue(), this.jdbc));
				}
			}
		}
		return endpoints;
	}

	/**
	 * Each business table's row count and a digest of its rows; an API key's last use is
	 * left out (a probe with a valid key uses it, and that is no write of the input's).
	 */
	private Map<String, String> fingerprint() {
		Map<String, String> prints = new TreeMap<>();
		for (String table : this.jdbc.queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
				String.class)) {
			if (NOT_FINGERPRINTED.contains(table.toLowerCase(Locale.ROOT))) {
				continue;
			}
			prints.put(table, this.jdbc.queryForObject(
					"SELECT COUNT(*) || ':' || COALESCE(md5(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(t) - 'last_used_at')::text)), '') FROM \""
							+ table + "\" t",
					String.class));
		}
		return prints;
	}

	/**
	 * One handler at one address, with the names of what it reads.
	 */
	static final class Endpoint {

		private final String pattern;

		private final List<String> methods;

		private final HandlerMethod handler;

		private final List<String> parameters = new ArrayList<>(List.of("lang"));

		private final List<String> pathVariables = new ArrayList<>();

		private final Map<String, String> poison = new LinkedHashMap<>();

		private final String validId;

		private final String validRef;

		Endpoint(String pattern, List<String> methods, HandlerMethod handler, JdbcTemplate jdbc) {
			this.pattern = pattern.replace("{*", "{").replace("/**", "/x");
			this.methods = methods;
			this.handler = handler;
			this.validId = String
				.valueOf(jdbc.queryForObject(
						this.pattern.startsWith("/admin/users") ? "SELECT MIN(id) FROM app_user"
								: this.pattern.startsWith("/admin/api-keys")
										? "SELECT COALESCE(MIN(id), 1) FROM api_key" : "SELECT MIN(id) FROM invoice",
						Long.class));
			this.validRef = jdbc.queryForObject("SELECT MIN(ref) FROM debtor", String.class);
			for (Parameter parameter : handler.getMethod().getParameters()) {
				read(parameter);
			}
		}

		private void read(Parameter parameter) {
			Class<?> type = parameter.getType();
			RequestParam param = parameter.getAnnotation(RequestParam.class);
			PathVariable variable = parameter.getAnnotation(PathVariable.class);
			if (variable != null) {
				this.pathVariables.add(name(variable.name(), parameter));
			}
			else if (param != null) {
				this.parameters.add(name(param.name(), parameter));
			}
			else if (parameter.getAnnotation(ModelAttribute.class) != null
					|| (!BeanUtils.isSimpleProperty(type) && !framework(type))) {
				form(type, "", 0);
			}
			else if (BeanUtils.isSimpleProperty(type) && !framework(type)) {
				this.parameters.add(parameter.getName());
			}
		}

		private static boolean framework(Class<?> type) {
			return Model.class.isAssignableFrom(type) || Errors.class.isAssignableFrom(type)
					|| RedirectAttributes.class.isAssignableFrom(type) || Principal.class.isAssignableFrom(type)
					|| Authentication.class.isAssignableFrom(type) || ServletRequest.class.isAssignableFrom(type)
					|| ServletResponse.class.isAssignableFrom(type) || Locale.class.isAssignableFrom(type)
					|| type.getName().startsWith("java.") || type.getName().startsWith("jakarta.")
					|| type.getName().startsWith("org.springframework.");
		}

		/**
		 * The fields of a form bean: its properties, a list's rows, a map's keys.
		 */
		private void form(Class<?> type, String prefix, int depth) {
			if (depth > 2) {
				return;
			}
			for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
				Method setter = property.getWriteMethod();
				if (setter == null) {
					continue;
				}
				String name = prefix + property.getName();
				Class<?> propertyType = property.getPropertyType();
				ResolvableType resolvable = ResolvableType.forMethodParameter(setter, 0);
				if (List.class.isAssignableFrom(propertyType)
						&& !BeanUtils.isSimpleProperty(resolvable.getGeneric(0).resolve(Object.class))) {
					form(resolvable.getGeneric(0).resolve(Object.class), name + "[0].", depth + 1);
					form(resolvable.getGeneric(0).resolve(Object.class), name + "[1].", depth + 1);
				}
				else if (Map.class.isAssignableFrom(propertyType)) {
					Class<?> key = resolvable.getGeneric(0).resolve(Object.class);
					Object[] keys = key.isEnum() ? key.getEnumConstants() : new Object[] { "key" };
					for (Object each : keys) {
						this.parameters.add(name + "[" + each + "]");
					}
				}
				else {
					this.parameters.add(name);
					if (this.poison.isEmpty() && depth == 0 && (!String.class.equals(propertyType))) {
						// a value no converter reads: the form cannot be saved
						this.poison.put(name, POISON);
					}
				}
			}
		}

		private static String name(String declared, Parameter parameter) {
			return declared.isEmpty() ? parameter.getName() : declared;
		}

		String pattern() {
			return this.pattern;
		}

		List<String> methods() {
			return this.methods;
		}

		String handler() {
			return this.handler.getShortLogMessage();
		}

		Collection<String> parameters() {
			return this.parameters;
		}

		List<String> pathVariables() {
			return this.pathVariables;
		}

		Map<String, String> poison() {
			return this.poison;
		}

		String poisonField() {
			return this.poison.isEmpty() ? null : this.poison.keySet().iterator().next();
		}

		/**
		 * The address with valid path variables for a handler that only reads, and with
		 * ids that do not exist for one that writes.
		 */
		String path(boolean writes) {
			String path = this.pattern;
			for (String variable : this.pathVariables) {
				String value = writes ? "999999999" : (variable.equals("ref") ? this.validRef : this.validId);
				if (!writes && this.pattern.startsWith("/portfolio/export/")) {
					// a table that exists: its date and references are probed, not only
					// its
					// name
					value = "open-items";
				}
				path = path.replaceAll("\\{" + variable + "(:[^}]*)?\\}", value);
			}
			return path.replaceAll("\\{[^}]*\\}", "x");
		}

		/**
		 * The address with every path variable set to this (already encoded) value.
		 */
		String path(String value) {
			return this.pattern.replaceAll("\\{[^}]*\\}", java.util.regex.Matcher.quoteReplacement(value));
		}

	}

}
