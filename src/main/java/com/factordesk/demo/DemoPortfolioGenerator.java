package com.factordesk.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Generates a living factoring portfolio into an empty FactorDesk schema: clients and
 * their facilities, debtors shared by several clients with a payment-behaviour archetype
 * each, two years of invoices with their full lifecycle (schedules, transitions, payments
 * and allocations, disputes, credit notes), bureau scores that follow the behaviour, and
 * a queue of submitted invoices waiting for the underwriters.
 * <p>
 * Everything derives from one seed: the same seed, scale and business date give the same
 * rows, byte for byte. Rows are streamed with PostgreSQL {@code COPY} in batches of about
 * 50,000 invoices (with their dependent rows), built on the calling thread while the
 * previous batch is copied on a second one, all in one transaction; ids are assigned
 * here, the identity sequences moved past them at the end, then the tables analysed.
 * Money is kept in whole cents ({@code long}) and written as decimals with two places.
 */
public class DemoPortfolioGenerator {

	private static final String[] UNDERWRITERS = { "underwriter", "j.devries", "m.jansen" };

	private static final String SYSTEM = "system";

	private static final int HISTORY_DAYS = 730;

	private static final int INVOICES_PER_BATCH = 50_000;

	private static final int ROWS_PER_BATCH = 250_000;

	private static final int QUEUE_SUBMISSION_DAYS = 10;

	private static final int QUEUE_ISSUE_DAYS = 20;

	private static final double MEDIAN_AMOUNT = 4_000;

	private static final double AMOUNT_SIGMA = 1.0;

	private static final long MIN_AMOUNT_CENTS = 25_00;

	private static final long MAX_AMOUNT_CENTS = 250_000_00;

	private static final int NONE = Integer.MIN_VALUE;

	private final DataSource dataSource;

	public DemoPortfolioGenerator(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
	}

	/**
	 * Generates the portfolio of the given scale as it stands at the end of {@code today}
	 * into a database without business data (users are left alone).
	 * @param scale how many clients, debtors and invoices
	 * @param today the business date: invoices are issued over the two years before it
	 * @param seed the random seed everything derives from
	 * @return the rows written and the time taken
	 * @throws IllegalStateException when the database already holds business data or the
	 * load fails (nothing is written then)
	 */
	public GenerationReport generate(DemoScale scale, LocalDate today, long seed) {
		Objects.requireNonNull(scale, "scale");
		Objects.requireNonNull(today, "today");
		long started = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			Portfolio portfolio;
			connection.setAutoCommit(false);
			try {
				requireNoBusinessData(connection);
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				try (Loader loader = new Loader(copy)) {
					portfolio = new Portfolio(scale, today, seed, loader);
					portfolio.generate();
				}
				resetSequences(connection);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			analyze(connection);
			connection.setAutoCommit(autoCommit);
			return portfolio.report(Duration.ofNanos(System.nanoTime() - started));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not generate the demo portfolio", ex);
		}
	}

	private static void requireNoBusinessData(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM client) "
						+ "OR EXISTS (SELECT 1 FROM debtor) OR EXISTS (SELECT 1 FROM invoice)")) {
			rows.next();
			if (rows.getBoolean(1)) {
				throw new IllegalStateException(
						"The database already holds clients, debtors or invoices: the demo portfolio needs an empty one");
			}
		}
	}

	private static void resetSequences(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (Table table : Table.values()) {
				statement.execute("SELECT setval(pg_get_serial_sequence('" + table.table + "', 'id'), "
						+ "(SELECT COALESCE(MAX(id), 1) FROM " + table.table + "))");
			}
		}
	}

	private static void analyze(Connection connection) throws SQLException {
		StringBuilder sql = new StringBuilder("ANALYZE ");
		for (Table table : Table.values()) {
			sql.append(table.ordinal() == 0 ? "" : ", ").append(table.table);
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql.toString());
		}
	}

	/**
	 * The tables in the order their rows are copied (parents first), with the columns
	 * written.
	 */
	enum Table {

		CLIENT("client", "id, ref, legal_name, registration_number, country, industry, onboarded_on"),

		FACILITY("facility",
				"id, client_id, facility_limit, default_advance_rate, recourse, recourse_days, notification, "
						+ "concentration_limit, currency"),

		DEBTOR("debtor",
				"id, ref, name, registration_number, country, industry, credit_limit, insurer_limit, "
						+ "insurer_limit_expires_on"),

		BUREAU_SCORE("bureau_score", "id, debtor_id, provider, score, as_of"),

		SCHEDULE("schedule", "id, client_id, number, submitted_at, submitted_by"),

		INVOICE("invoice",
				"id, client_id, debtor_id, schedule_id, number, issue_date, due_date, amount, currency, status, "
						+ "submitted_at, funded_on, closed_on"),

		INVOICE_TRANSITION("invoice_transition",
				"id, invoice_id, from_status, to_status, changed_by, changed_at, reason"),

		DISPUTE("dispute", "id, invoice_id, reason, opened_on, amount, resolved_on, outcome"),

		CREDIT_NOTE("credit_note", "id, invoice_id, dispute_id, issued_on, amount, reason"),

		PAYMENT("payment", "id, debtor_id, received_on, amount, reference"),

		PAYMENT_ALLOCATION("payment_allocation", "id, payment_id, invoice_id, amount, received_on");

		final String table;

		final String copy;

		Table(String table, String columns) {
			this.table = table;
			this.copy = "COPY " + table + " (" + columns + ") FROM STDIN";
		}

	}

	/**
	 * Payment behaviour of a debtor, across all its clients.
	 */
	enum Archetype {

		/** Pays on time, sometimes a few days early. */
		PUNCTUAL(0.35),
		/** Pays 10 to 25 days late, steadily. */
		STEADY_SLOW(0.25),
		/** On time, except late in summer and the fourth quarter. */
		SEASONAL(0.10),
		/** On time a year ago, later and later since. */
		DETERIORATING(0.10),
		/** Disputes about a quarter of its invoices. */
		SERIAL_DISPUTER(0.08),
		/** Stopped paying four to eight months ago. */
		DEFAULTER(0.05),
		/** No clear pattern. */
		MIXED(0.07);

		final double share;

		Archetype(double share) {
			this.share = share;
		}

	}

	// ---------------------------------------------------------------------------------
	// The portfolio: planning, then per client invoices and their lifecycle
	// ---------------------------------------------------------------------------------

	private static final class Portfolio {

		private static final String[] CLIENT_INDUSTRIES = { "transport", "staffing", "wholesale food", "metal",
				"packaging", "construction supply", "IT services", "printing" };

		private static final double[] CLIENT_INDUSTRY_AMOUNT = { 0.0, 0.2, -0.4, 0.3, 0.0, 0.2, 0.3, -0.3 };

		private static final String[] DEBTOR_INDUSTRIES = { "retail", "construction", "manufacturing", "automotive",
				"healthcare", "hospitality", "wholesale", "logistics", "energy", "chemicals", "agriculture",
				"facility services" };

		private static final String[] COUNTRIES = { "NL", "BE", "DE", "FR" };

		private static final double[] CLIENT_COUNTRY_SHARES = { 0.45, 0.25, 0.15, 0.15 };

		private static final double[] DEBTOR_COUNTRY_SHARES = { 0.40, 0.20, 0.25, 0.15 };

		private static final int[] TERMS = { 14, 30, 45, 60 };

		private static final double[] DECISION_DELAY_SHARES = { 0.50, 0.35, 0.15 };

		/**
		 * Weekdays (Monday first) clients submit schedules on: every working day (the
		 * biggest clients), Monday-Wednesday-Friday, Monday-Thursday, Tuesday-Friday.
		 */
		private static final boolean[][] SUBMISSION_CADENCES = { { true, true, true, true, true, false, false },
				{ true, false, true, false, true, false, false }, { true, false, false, true, false, false, false },
				{ false, true, false, false, true, false, false } };

		private static final double[] TERMS_SHARES = { 0.10, 0.50, 0.20, 0.20 };

		private static final String[] PROVIDERS = { "PAYDEX", "INTELLISCORE", "CREDITSAFE", "GRAYDON" };

		private static final int[] PROVIDER_BIAS = { 4, 0, -2, 1 };

		private static final String[] DISPUTE_REASONS = { "PRICE", "QUANTITY", "QUALITY", "NOT_DELIVERED", "DUPLICATE",
				"OTHER" };

		private static final double[] DISPUTE_REASON_SHARES = { 0.30, 0.20, 0.20, 0.10, 0.08, 0.12 };

		private static final String[] DISPUTE_LABELS = { "price", "quantity", "quality", "goods not delivered",
				"duplicate invoice", "other" };

		private static final String[] DISPUTE_CREDIT_TEXTS = { "Price correction agreed with the debtor",
				"Short delivery credited", "Quality complaint settled with a partial credit",
				"Goods not delivered: credited", "Duplicate invoicing credited", "Dispute settlement" };

		private static final String[] CREDIT_NOTE_TEXTS = { "Volume discount", "Returned goods",
				"Early payment discount", "Price correction", "Year-end bonus agreement", "Damaged goods credited" };

		private static final String[] REJECTION_REASONS = { "Debtor over credit limit", "Duplicate invoice suspected",
				"Goods not yet delivered", "Concentration limit exceeded", "Debtor could not confirm the invoice",
				"Invoice assigned to another financier" };

		private static final long[] FACILITY_LIMITS = { 250_000, 300_000, 400_000, 500_000, 600_000, 750_000, 1_000_000,
				1_250_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000, 4_500_000, 5_000_000 };

		private static final long[] CREDIT_LIMITS = { 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000,
				75_000, 100_000, 125_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 600_000, 750_000,
				1_000_000 };

		private final DemoScale scale;

		private final DeskCalendar calendar;

		private final int today;

		private final int firstIssueDay;

		private final Loader loader;

		private final SplittableRandom random;

		private final CompanyNames names;

		private Batch batch;

		private DebtorPlan[] debtors;

		private ClientPlan[] clients;

		private final List<Recent> recent = new ArrayList<>();

		private long scheduleIds;

		private long invoiceIds;

		private long transitionIds;

		private long disputeIds;

		private long creditNoteIds;

		private long paymentIds;

		private long allocationIds;

		private long bureauScoreIds;

		private long submittedInQueue;

		Portfolio(DemoScale scale, LocalDate today, long seed, Loader loader) {
			this.scale = scale;
			this.calendar = new DeskCalendar(today);
			this.today = (int) today.toEpochDay();
			this.firstIssueDay = this.today - HISTORY_DAYS;
			this.loader = loader;
			this.random = new SplittableRandom(seed);
			this.names = new CompanyNames(this.random.split());
			this.batch = new Batch(this.calendar);
		}

		void generate() {
			SplittableRandom debtorRandom = this.random.split();
			SplittableRandom clientRandom = this.random.split();
			SplittableRandom relationRandom = this.random.split();
			SplittableRandom bureauRandom = this.random.split();
			SplittableRandom invoiceRandom = this.random.split();
			planDebtors(debtorRandom);
			planClients(clientRandom);
			planRelations(relationRandom);
			writeClientsAndDebtors();
			writeBureauScores(bureauRandom);
			for (ClientPlan client : this.clients) {
				generateInvoices(client, invoiceRandom.split());
				if (this.batch.invoices >= INVOICES_PER_BATCH) {
					flush();
				}
			}
			flush();
		}

		GenerationReport report(Duration elapsed) {
			return new GenerationReport(this.clients.length, this.debtors.length, this.invoiceIds, this.paymentIds,
					this.allocationIds, this.disputeIds, this.creditNoteIds, this.bureauScoreIds, this.transitionIds,
					this.submittedInQueue, this.clients.length, this.scheduleIds, elapsed);
		}

		private void flush() {
			if (!this.batch.isEmpty()) {
				this.loader.load(this.batch);
				this.batch = new Batch(this.calendar);
			}
		}

		// planning: debtors

		private void planDebtors(SplittableRandom r) {
			int count = this.scale.debtors();
			Archetype[] archetypes = archetypes(count, r);
			int[] ranks = shuffledRange(count, r);
			this.debtors = new DebtorPlan[count];
			for (int i = 0; i < count; i++) {
				DebtorPlan debtor = new DebtorPlan();
				debtor.index = i;
				debtor.id = i + 1;
				debtor.ref = String.format(Locale.ROOT, "D%05d", debtor.id);
				debtor.country = COUNTRIES[pick(DEBTOR_COUNTRY_SHARES, r)];
				debtor.industry = DEBTOR_INDUSTRIES[r.nextInt(DEBTOR_INDUSTRIES.length)];
				debtor.name = this.names.company(debtor.country, debtor.industry);
				debtor.registration = this.names.registration(debtor.country);
				debtor.rank = ranks[i];
				double size = 1.0 - (debtor.rank + 0.5) / count;
				debtor.size = size;
				debtor.creditLimitCents = niceAtLeast(CREDIT_LIMITS, 10_000 * Math
					.exp(Math.log(100) * (Math.pow(size, 2.5) * r.nextDouble(0.7, 1.0) + r.nextDouble(0.0, 0.15))))
						* 100;
				if (r.nextDouble() < 0.30) {
					debtor.insurerLimitCents = niceAtLeast(CREDIT_LIMITS,
							debtor.creditLimitCents / 100 * r.nextDouble(0.4, 1.1)) * 100;
					debtor.insurerExpiresOn = this.today + r.nextInt(-45, 366);
				}
				debtor.archetype = archetypes[i];
				behaviour(debtor, r);
				this.debtors[i] = debtor;
			}
		}

		private Archetype[] archetypes(int count, SplittableRandom r) {
			Archetype[] values = Archetype.values();
			double[] shares = new double[values.length];
			for (int i = 0; i < values.length; i++) {
				shares[i] = values[i].share;
			}
			int[] quota = apportion(count, shares);
			Archetype[] archetypes = new Archetype[count];
			int next = 0;
			for (int i = 0; i < values.length; i++) {
				for (int j = 0; j < quota[i]; j++) {
					archetypes[next++] = values[i];
				}
			}
			for (int i = count - 1; i > 0; i--) {
				int j = r.nextInt(i + 1);
				Archetype swap = archetypes[i];
				archetypes[i] = archetypes[j];
				archetypes[j] = swap;
			}
			return archetypes;
		}

		private void behaviour(DebtorPlan debtor, SplittableRandom r) {
			switch (debtor.archetype) {
				case PUNCTUAL -> {
					debtor.baseLate = 0;
					debtor.scoreHigh = r.nextInt(75, 91);
				}
				case STEADY_SLOW -> {
					debtor.baseLate = r.nextDouble(10, 25);
					debtor.scoreHigh = r.nextInt(55, 71);
				}
				case SEASONAL -> {
					debtor.baseLate = r.nextDouble(0, 5);
					debtor.seasonalLate = r.nextDouble(15, 35);
					debtor.scoreHigh = r.nextInt(60, 76);
				}
				case DETERIORATING -> {
					debtor.baseLate = r.nextDouble(0, 3);
					debtor.maxLate = r.nextDouble(45, 80);
					debtor.scoreHigh = r.nextInt(72, 83);
					debtor.scoreLow = r.nextInt(35, 46);
				}
				case SERIAL_DISPUTER -> {
					debtor.baseLate = r.nextDouble(3, 15);
					debtor.scoreHigh = r.nextInt(55, 71);
				}
				case DEFAULTER -> {
					debtor.baseLate = r.nextDouble(8, 20);
					debtor.stopDay = this.today - r.nextInt(120, 241);
					debtor.scoreHigh = r.nextInt(55, 69);
					debtor.scoreLow = r.nextInt(20, 36);
				}
				case MIXED -> {
					debtor.baseLate = r.nextDouble(0, 15);
					debtor.scoreHigh = r.nextInt(50, 81);
				}
			}
			debtor.disputeShare = switch (debtor.archetype) {
				case SERIAL_DISPUTER -> 0.25;
				case DEFAULTER -> 0.05;
				default -> 0.013;
			};
			if (debtor.archetype != Archetype.DEFAULTER && r.nextDouble() < 0.25) {
				debtor.paymentRunDay = r.nextInt(1, 14);
			}
		}

		// planning: clients and facilities

		private void planClients(SplittableRandom r) {
			int count = this.scale.clients();
			this.clients = new ClientPlan[count];
			double[] sizes = new double[count];
			for (int i = 0; i < count; i++) {
				sizes[i] = Math.exp(0.6 * r.nextGaussian());
			}
			int queueTotal = (int) Math.min(this.scale.invoices() / 2,
					Math.max(1, Math.round(this.scale.invoices() * 0.005)));
			int[] invoices = apportion(this.scale.invoices() - queueTotal, sizes);
			int[] queue = apportion(queueTotal, sizes);
			for (int i = 0; i < count; i++) {
				ClientPlan client = new ClientPlan();
				client.index = i;
				client.id = i + 1;
				client.ref = String.format(Locale.ROOT, "C%04d", client.id);
				client.submitter = "client:" + client.ref;
				client.country = COUNTRIES[pick(CLIENT_COUNTRY_SHARES, r)];
				int industry = r.nextInt(CLIENT_INDUSTRIES.length);
				client.industry = CLIENT_INDUSTRIES[industry];
				client.name = this.names.company(client.country, client.industry);
				client.registration = this.names.registration(client.country);
				client.onboardedOn = this.today - HISTORY_DAYS - r.nextInt(0, 4 * 365 + 1);
				client.size = sizes[i];
				client.invoices = invoices[i];
				client.queue = queue[i];
				client.faceMu = Math.log(MEDIAN_AMOUNT) + CLIENT_INDUSTRY_AMOUNT[industry] + 0.25 * r.nextGaussian();
				client.defaultTerms = TERMS[pick(TERMS_SHARES, r)];
				client.submitsOn = SUBMISSION_CADENCES[(client.size > 2.0) ? 0 : 1 + r.nextInt(3)];
				facility(client, r);
				this.clients[i] = client;
			}
			assignSuspiciousQueueInvoices(queueTotal, r);
		}

		private void facility(ClientPlan client, SplittableRandom r) {
			double meanFace = Math.exp(client.faceMu + 0.6);
			double openBook = client.invoices / (double) HISTORY_DAYS * meanFace * 50;
			client.facilityLimit = niceAtLeast(FACILITY_LIMITS, openBook * 0.85 * r.nextDouble(1.5, 2.5));
			double advanceDraw = r.nextDouble();
			client.advanceRate = (advanceDraw < 0.25) ? "0.800000" : (advanceDraw < 0.70) ? "0.850000" : "0.900000";
			client.recourse = r.nextDouble() < 0.70;
			if (client.recourse) {
				double days = r.nextDouble();
				client.recourseDays = (days < 0.70) ? 90 : (days < 0.85) ? 60 : 120;
			}
			client.notification = r.nextDouble() < 0.75;
			double concentration = r.nextDouble();
			client.concentrationLimit = (concentration < 0.70) ? "0.250000"
					: (concentration < 0.85) ? "0.200000" : "0.300000";
		}

		/**
		 * About 3 % of the queue (at least one invoice when there are two clients)
		 * pledges an invoice another client has already pledged: same debtor, amount and
		 * issue date. Only clients after the first can copy, as they copy what came
		 * before.
		 */
		private void assignSuspiciousQueueInvoices(int queueTotal, SplittableRandom r) {
			List<ClientPlan> candidates = new ArrayList<>();
			for (ClientPlan client : this.clients) {
				if (client.index > 0 && client.queue > 0) {
					candidates.add(client);
				}
			}
			if (candidates.isEmpty()) {
				return;
			}
			int suspicious = (int) Math.max(1, Math.round(queueTotal * 0.03));
			for (int attempts = 0; suspicious > 0 && attempts < 100 * queueTotal; attempts++) {
				ClientPlan client = candidates.get(r.nextInt(candidates.size()));
				if (client.suspicious < client.queue) {
					client.suspicious++;
					suspicious--;
				}
			}
		}

		// planning: which client buys from which debtor

		private void planRelations(SplittableRandom r) {
			int debtorCount = this.debtors.length;
			int[] slots = new int[this.clients.length];
			long totalSlots = 0;
			for (ClientPlan client : this.clients) {
				int wanted = (int) Math.round(95 * Math.sqrt(client.size) * r.nextDouble(0.8, 1.2));
				int slotsOfClient = Math.max(40, Math.min(150, wanted));
				slotsOfClient = Math.min(slotsOfClient, Math.max(1, client.invoices / 4));
				slots[client.index] = Math.min(debtorCount, slotsOfClient);
				totalSlots += slots[client.index];
			}
			// every debtor has a "home" client when there are enough slots; the other
			// slots go to debtors drawn by popularity (Zipf), so big debtors are shared
			double[] slotWeights = new double[slots.length];
			for (int i = 0; i < slots.length; i++) {
				slotWeights[i] = slots[i];
			}
			int[] home = apportion((int) Math.min(debtorCount, totalSlots), slotWeights);
			int[] homeOrder = shuffledRange(debtorCount, r);
			double[] zipf = new double[debtorCount];
			double cumulative = 0;
			for (DebtorPlan debtor : this.debtors) {
				cumulative += 1.0 / Math.pow(debtor.rank + 1, 0.95);
				zipf[debtor.index] = cumulative;
			}
			int[] byRank = new int[debtorCount];
			for (DebtorPlan debtor : this.debtors) {
				byRank[debtor.rank] = debtor.index;
			}
			int[] mark = new int[debtorCount];
			int nextHome = 0;
			for (ClientPlan client : this.clients) {
				int stamp = client.index + 1;
				int count = slots[client.index];
				int[] chosen = new int[count];
				int n = 0;
				for (int h = 0; h < Math.min(home[client.index], count); h++) {
					int debtor = homeOrder[nextHome++];
					mark[debtor] = stamp;
					chosen[n++] = debtor;
				}
				for (int attempts = 0; n < count && attempts < 50 * count; attempts++) {
					int debtor = sample(zipf, r);
					if (mark[debtor] != stamp) {
						mark[debtor] = stamp;
						chosen[n++] = debtor;
					}
				}
				for (int rank = 0; n < count; rank++) {
					int debtor = byRank[rank];
					if (mark[debtor] != stamp) {
						mark[debtor] = stamp;
						chosen[n++] = debtor;
					}
				}
				relations(client, chosen, r);
			}
			divergence(r);
		}

		private void relations(ClientPlan client, int[] chosen, SplittableRandom r) {
			int count = chosen.length;
			client.debtors = chosen;
			client.pairCumulative = new double[count];
			client.pairTerms = new int[count];
			client.pairFaceMu = new double[count];
			client.pairOffset = new int[count];
			client.openDispute = new boolean[count];
			double cumulative = 0;
			for (int p = 0; p < count; p++) {
				DebtorPlan debtor = this.debtors[chosen[p]];
				debtor.clients++;
				cumulative += (0.3 + debtor.size) * Math.exp(0.7 * r.nextGaussian());
				client.pairCumulative[p] = cumulative;
				client.pairTerms[p] = (r.nextDouble() < 0.7) ? client.defaultTerms : TERMS[pick(TERMS_SHARES, r)];
				client.pairFaceMu[p] = 0.3 * r.nextGaussian();
			}
		}

		/**
		 * About 15 % of the shared debtors pay some of their clients clearly differently:
		 * a prompt payer is 30 to 50 days late with one client, a slow payer on time with
		 * another.
		 */
		private void divergence(SplittableRandom r) {
			for (DebtorPlan debtor : this.debtors) {
				debtor.divergent = debtor.clients >= 2 && debtor.archetype != Archetype.DEFAULTER
						&& r.nextDouble() < 0.15;
			}
			int[] seen = new int[this.debtors.length];
			for (ClientPlan client : this.clients) {
				for (int p = 0; p < client.debtors.length; p++) {
					DebtorPlan debtor = this.debtors[client.debtors[p]];
					if (!debtor.divergent) {
						continue;
					}
					seen[debtor.index]++;
					if (seen[debtor.index] == 1 || (seen[debtor.index] > 2 && r.nextDouble() < 0.5)) {
						continue;
					}
					boolean prompt = debtor.archetype == Archetype.PUNCTUAL || debtor.archetype == Archetype.SEASONAL
							|| debtor.archetype == Archetype.DETERIORATING || debtor.baseLate < 10;
					client.pairOffset[p] = prompt ? r.nextInt(30, 51) : -(int) Math.round(debtor.baseLate);
				}
			}
		}

		// clients, facilities, debtors, bureau scores

		private void writeClientsAndDebtors() {
			Rows clientRows = this.batch.rows(Table.CLIENT);
			Rows facilityRows = this.batch.rows(Table.FACILITY);
			for (ClientPlan client : this.clients) {
				clientRows.id(client.id)
					.text(client.ref)
					.text(client.name)
					.text(client.registration)
					.text(client.country)
					.text(client.industry)
					.date(client.onboardedOn)
					.end();
				facilityRows.id(client.id)
					.id(client.id)
					.money(client.facilityLimit * 100)
					.text(client.advanceRate)
					.bool(client.recourse)
					.number(client.recourse ? client.recourseDays : NONE)
					.bool(client.notification)
					.text(client.concentrationLimit)
					.text("EUR")
					.end();
			}
			Rows debtorRows = this.batch.rows(Table.DEBTOR);
			for (DebtorPlan debtor : this.debtors) {
				debtorRows.id(debtor.id)
					.text(debtor.ref)
					.text(debtor.name)
					.text(debtor.registration)
					.text(debtor.country)
					.text(debtor.industry)
					.money(debtor.creditLimitCents)
					.money((debtor.insurerExpiresOn != NONE) ? debtor.insurerLimitCents : -1)
					.date(debtor.insurerExpiresOn)
					.end();
			}
		}

		/**
		 * One or two providers per debtor (none for about 7 %), a score about every 90
		 * days that follows the debtor's behaviour; for about 10 % the newest score is
		 * more than 180 days old.
		 */
		private void writeBureauScores(SplittableRandom r) {
			for (DebtorPlan debtor : this.debtors) {
				if (r.nextDouble() < 0.07) {
					continue;
				}
				int providers = (r.nextDouble() < 0.6) ? 1 : 2;
				int first = r.nextInt(PROVIDERS.length);
				int second = (first + 1 + r.nextInt(PROVIDERS.length - 1)) % PROVIDERS.length;
				int lastDay = (r.nextDouble() < 0.10) ? this.today - r.nextInt(181, 420) : this.today;
				for (int p = 0; p < providers; p++) {
					int provider = (p == 0) ? first : second;
					Rows rows = this.batch.rows(Table.BUREAU_SCORE);
					for (int day = this.firstIssueDay + r.nextInt(90); day <= lastDay; day += 80 + r.nextInt(21)) {
						int score = (int) Math
							.round(score(debtor, day) + PROVIDER_BIAS[provider] + 3 * r.nextGaussian());
						rows.id(++this.bureauScoreIds)
							.id(debtor.id)
							.text(PROVIDERS[provider])
							.number(Math.max(0, Math.min(100, score)))
							.date(day)
							.end();
					}
				}
				if (this.batch.rows(Table.BUREAU_SCORE).count >= ROWS_PER_BATCH) {
					flush();
				}
			}
		}

		private double score(DebtorPlan debtor, int day) {
			return switch (debtor.archetype) {
				case DETERIORATING -> {
					int age = this.today - day;
					yield (age >= 365) ? debtor.scoreHigh
							: debtor.scoreHigh - (365 - age) / 365.0 * (debtor.scoreHigh - debtor.scoreLow);
				}
				case DEFAULTER -> {
					int decline = debtor.stopDay - 150;
					if (day <= decline) {
						yield debtor.scoreHigh;
					}
					yield (day >= debtor.stopDay) ? debtor.scoreLow
							: debtor.scoreHigh - (day - decline) / 150.0 * (debtor.scoreHigh - debtor.scoreLow);
				}
				default -> debtor.scoreHigh;
			};
		}

		// invoices, per client

		private void generateInvoices(ClientPlan client, SplittableRandom r) {
			List<Invoice> invoices = new ArrayList<>(client.invoices + client.queue);
			ScheduleTimes times = new ScheduleTimes();
			for (int i = 0; i < client.invoices; i++) {
				invoices.add(drawInvoice(client, r));
			}
			for (Invoice invoice : invoices) {
				invoice.submittedAt = times.at(invoice.submittedOn, r);
				live(client, invoice, r);
			}
			addQueue(client, invoices, times, r);
			invoices.sort(Comparator.comparingInt((Invoice invoice) -> invoice.issueDay));
			number(invoices);
			writeSchedules(client, invoices, times);
			writePayments(invoices);
			writeInvoices(client, invoices);
			for (Invoice invoice : invoices) {
				if (invoice.issueDay >= this.today - QUEUE_ISSUE_DAYS && !invoice.copy) {
					this.recent.add(new Recent(invoice.debtor, invoice.issueDay, invoice.dueDay, invoice.cents));
				}
			}
			this.batch.invoices += invoices.size();
		}

		private Invoice drawInvoice(ClientPlan client, SplittableRandom r) {
			Invoice invoice = new Invoice();
			invoice.pair = sample(client.pairCumulative, r);
			invoice.debtor = this.debtors[client.debtors[invoice.pair]];
			invoice.issueDay = issueDay(r);
			invoice.terms = client.pairTerms[invoice.pair];
			invoice.dueDay = invoice.issueDay + invoice.terms;
			invoice.cents = amount(client.faceMu + client.pairFaceMu[invoice.pair], r);
			invoice.submittedOn = Math.min(submissionDay(client, invoice.issueDay, r), this.today - 1);
			return invoice;
		}

		/**
		 * The client's next submission day (its weekly cadence leaves at most three days
		 * between issue and submission); about one invoice in twenty goes in an extra
		 * schedule on another working day.
		 */
		private static int submissionDay(ClientPlan client, int issueDay, SplittableRandom r) {
			if (r.nextDouble() < 0.05) {
				int day = issueDay + r.nextInt(4);
				while (DeskCalendar.weekend(day)) {
					day++;
				}
				return day;
			}
			int day = issueDay;
			while (!client.submitsOn[DeskCalendar.dayOfWeek(day)]) {
				day++;
			}
			return day;
		}

		/**
		 * Issued on a working day (mostly) in the two years before today; volume grows a
		 * little over time.
		 */
		private int issueDay(SplittableRandom r) {
			while (true) {
				int offset = r.nextInt(HISTORY_DAYS);
				int day = this.firstIssueDay + offset;
				if (DeskCalendar.weekend(day) && r.nextDouble() < 0.9) {
					continue;
				}
				if (r.nextDouble() < 0.2 * (1.0 - offset / (double) HISTORY_DAYS)) {
					continue;
				}
				return day;
			}
		}

		private static long amount(double mu, SplittableRandom r) {
			while (true) {
				long cents = cents(Math.exp(mu + AMOUNT_SIGMA * r.nextGaussian()));
				if (cents >= MIN_AMOUNT_CENTS && cents <= MAX_AMOUNT_CENTS) {
					return cents;
				}
			}
		}

		/**
		 * The lifecycle of a submitted invoice up to today: decision, funding, disputes,
		 * credit notes, payments, and for defaulters chargeback or write-off.
		 */
		private void live(ClientPlan client, Invoice invoice, SplittableRandom r) {
			DebtorPlan debtor = invoice.debtor;
			int yesterday = this.today - 1;
			invoice.transition(null, Status.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
			int decision = Math.min(yesterday, invoice.submittedOn + pick(DECISION_DELAY_SHARES, r));
			long decidedAt = (decision == invoice.submittedOn) ? invoice.submittedAt + 60L * r.nextInt(20, 180)
					: this.calendar.at(decision, 9 * 60 + r.nextInt(150));
			String underwriter = UNDERWRITERS[r.nextInt(UNDERWRITERS.length)];
			boolean stoppedPaying = debtor.archetype == Archetype.DEFAULTER
					&& invoice.submittedOn > debtor.stopDay + 45;
			if (r.nextDouble() < (stoppedPaying ? 0.5 : 0.035)) {
				String reason = stoppedPaying && r.nextBoolean() ? "Debtor has items more than 60 days past due"
						: REJECTION_REASONS[r.nextInt(REJECTION_REASONS.length)];
				invoice.transition(Status.SUBMITTED, Status.REJECTED, underwriter, decidedAt, reason, r);
				invoice.status = Status.REJECTED;
				invoice.closedOn = decision;
				return;
			}
			invoice.transition(Status.SUBMITTED, Status.APPROVED, underwriter, decidedAt, null, r);
			invoice.transition(Status.APPROVED, Status.FUNDED, SYSTEM, decidedAt + 60L * r.nextInt(15, 120), null, r);
			invoice.fundedOn = decision;
			Status status = Status.FUNDED;

			int late = (int) Math.round(lateness(debtor, invoice.dueDay, r)) + client.pairOffset[invoice.pair];
			if (debtor.archetype != Archetype.DEFAULTER) {
				late = Math.min(late, client.recourse ? client.recourseDays - 3 : 85);
			}
			int payDay = invoice.dueDay + late;
			if (debtor.paymentRunDay > 0) {
				payDay = paymentRun(debtor.paymentRunDay, payDay);
			}
			payDay = Math.max(payDay, Math.max(invoice.dueDay - 10, invoice.fundedOn + 1));
			boolean defaults = debtor.archetype == Archetype.DEFAULTER && payDay >= debtor.stopDay;
			long collectable = invoice.cents;
			int lastEvent = decision;

			if (r.nextDouble() < debtor.disputeShare) {
				int earliest = Math.max(invoice.fundedOn + 1, invoice.issueDay + 3);
				int latest = Math.min(yesterday,
						defaults ? invoice.dueDay + 30 : Math.min(payDay - 1, invoice.dueDay + 20));
				if (earliest <= latest) {
					int opened = r.nextInt(earliest, latest + 1);
					Dispute dispute = new Dispute();
					int reason = pick(DISPUTE_REASON_SHARES, r);
					dispute.reason = reason;
					dispute.openedOn = opened;
					dispute.cents = (r.nextDouble() < 0.4) ? invoice.cents
							: Math.max(100, cents(invoice.cents / 100.0 * r.nextDouble(0.1, 0.6)));
					invoice.dispute = dispute;
					invoice.transition(status, Status.DISPUTED, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
							this.calendar.at(opened, business(r)),
							"Debtor disputes the invoice: " + DISPUTE_LABELS[reason], r);
					status = Status.DISPUTED;
					lastEvent = opened;
					int resolved = opened + 3 + (int) Math.min(150, -Math.log(1 - r.nextDouble()) * 25);
					if (resolved > yesterday) {
						client.openDispute[invoice.pair] = true;
						invoice.status = status;
						return;
					}
					dispute.resolvedOn = resolved;
					String resolution;
					if (r.nextDouble() < 0.45) {
						dispute.outcome = "WITHDRAWN";
						resolution = "Dispute withdrawn by the debtor";
					}
					else {
						dispute.outcome = "CREDIT_NOTE";
						long credit = (r.nextDouble() < 0.6) ? dispute.cents
								: Math.max(1, cents(dispute.cents / 100.0 * r.nextDouble(0.3, 0.9)));
						credit = Math.min(credit, invoice.cents * 95 / 100);
						invoice.creditNote(dispute, resolved, credit, DISPUTE_CREDIT_TEXTS[reason]);
						collectable -= credit;
						resolution = "Dispute settled by credit note";
					}
					invoice.transition(status, Status.FUNDED, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
							this.calendar.at(resolved, business(r)), resolution, r);
					status = Status.FUNDED;
					lastEvent = resolved;
					payDay = Math.max(payDay, resolved + 2 + r.nextInt(14));
				}
			}

			if (invoice.dispute == null && r.nextDouble() < 0.01) {
				int issued = invoice.fundedOn + 3 + r.nextInt(40);
				if (issued < payDay && issued <= yesterday) {
					long credit = Math.max(100, cents(collectable / 100.0 * r.nextDouble(0.01, 0.08)));
					invoice.creditNote(null, issued, credit, CREDIT_NOTE_TEXTS[r.nextInt(CREDIT_NOTE_TEXTS.length)]);
					collectable -= credit;
				}
			}

			long partial = 0;
			if (invoice.dispute == null) {
				int partialDay = NONE;
				if (!defaults && r.nextDouble() < 0.04) {
					partialDay = payDay - 7 - r.nextInt(24);
				}
				else if (defaults && r.nextDouble() < 0.25 && debtor.stopDay - 1 > invoice.fundedOn + 5) {
					partialDay = r.nextInt(invoice.fundedOn + 5, debtor.stopDay - 1);
				}
				if (partialDay > invoice.fundedOn && partialDay <= this.today) {
					partial = Math.max(1, cents(collectable / 100.0 * r.nextDouble(0.25, 0.75)));
					invoice.partial = new Allocation(invoice, partial);
					invoice.transition(status, Status.PARTIALLY_PAID, SYSTEM, this.calendar.at(partialDay, bankRun(r)),
							"Partial payment ", r);
					invoice.partialPayment = new Payment(debtor, partialDay);
					invoice.partialPayment.allocations.add(invoice.partial);
					invoice.lastTransition().payment = invoice.partialPayment;
					status = Status.PARTIALLY_PAID;
					lastEvent = partialDay;
				}
			}

			if (!defaults && payDay <= this.today) {
				invoice.settlement = new Allocation(invoice, collectable - partial);
				invoice.settledOn = payDay;
				invoice.transition(status, Status.PAID, SYSTEM, this.calendar.at(payDay, bankRun(r)), "Payment ", r);
				status = Status.PAID;
				invoice.closedOn = payDay;
			}
			else if (defaults) {
				if (client.recourse) {
					int day = invoice.dueDay + client.recourseDays + 1 + r.nextInt(20);
					if (day <= yesterday && day > lastEvent && r.nextDouble() < 0.6) {
						invoice.transition(status, Status.CHARGED_BACK, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
								this.calendar.at(day, business(r)), "Recourse period of " + client.recourseDays
										+ " days exceeded: charged back to the client",
								r);
						status = Status.CHARGED_BACK;
						invoice.closedOn = day;
					}
				}
				else {
					int day = invoice.dueDay + 150 + r.nextInt(90);
					if (day <= yesterday && day > lastEvent && r.nextDouble() < 0.4) {
						invoice.transition(status, Status.WRITTEN_OFF, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
								this.calendar.at(day, business(r)),
								"Debtor insolvent: claim filed with the administrator, written off", r);
						status = Status.WRITTEN_OFF;
						invoice.closedOn = day;
					}
				}
			}
			invoice.status = status;
		}

		/**
		 * Days paid after the due date (negative: early), before any per-client offset.
		 */
		private double lateness(DebtorPlan debtor, int dueDay, SplittableRandom r) {
			return switch (debtor.archetype) {
				case PUNCTUAL -> {
					double u = r.nextDouble();
					if (u < 0.20) {
						yield -r.nextInt(1, 8);
					}
					yield (u < 0.25) ? r.nextInt(5, 21) : Math.max(-2, 0.5 + 2 * r.nextGaussian());
				}
				case STEADY_SLOW -> Math.max(0, debtor.baseLate + 5 * r.nextGaussian());
				case SEASONAL -> {
					int month = this.calendar.month(dueDay);
					boolean busy = month == 7 || month == 8 || month >= 10;
					double extra = busy ? debtor.seasonalLate + 5 * r.nextGaussian() : 0;
					yield Math.max(-2, debtor.baseLate + 3 * r.nextGaussian() + extra);
				}
				case DETERIORATING -> {
					int age = this.today - dueDay;
					double drift = (age >= 365) ? 0 : (365 - age) / 365.0 * debtor.maxLate;
					yield Math.max(-2, debtor.baseLate + drift + ((age >= 365) ? 3 : 5) * r.nextGaussian());
				}
				case SERIAL_DISPUTER -> Math.max(-3, debtor.baseLate + 6 * r.nextGaussian());
				case DEFAULTER -> {
					int rampStart = debtor.stopDay - 150;
					double ramp = (dueDay > rampStart) ? (dueDay - rampStart) / 150.0 * 35 : 0;
					yield Math.max(0, debtor.baseLate + ramp + 6 * r.nextGaussian());
				}
				case MIXED -> Math.max(-5, debtor.baseLate + 8 * r.nextGaussian());
			};
		}

		/**
		 * The debtor's payment run (twice a month) nearest to the day it would pay.
		 */
		private int paymentRun(int runDay, int payDay) {
			LocalDate target = LocalDate.ofEpochDay(payDay);
			int best = payDay;
			int bestDistance = Integer.MAX_VALUE;
			for (int month = -1; month <= 1; month++) {
				LocalDate first = target.plusMonths(month).withDayOfMonth(1);
				for (int run : new int[] { runDay, runDay + 15 }) {
					int day = (int) first.withDayOfMonth(run).toEpochDay();
					int distance = Math.abs(day - payDay);
					if (distance < bestDistance || (distance == bestDistance && day > best)) {
						best = day;
						bestDistance = distance;
					}
				}
			}
			return best;
		}

		/**
		 * The underwriter queue: invoices issued in the last 20 days, submitted in the
		 * last 10, still SUBMITTED; some large, some on debtors with an open dispute, a
		 * few pledged before by another client.
		 */
		private void addQueue(ClientPlan client, List<Invoice> invoices, ScheduleTimes times, SplittableRandom r) {
			if (client.queue == 0) {
				return;
			}
			List<Integer> cadence = new ArrayList<>();
			for (int day = this.today - QUEUE_SUBMISSION_DAYS; day < this.today; day++) {
				if (client.submitsOn[DeskCalendar.dayOfWeek(day)]) {
					cadence.add(day);
				}
			}
			int[] days = new int[1 + r.nextInt(3)];
			for (int i = 0; i < days.length; i++) {
				days[i] = cadence.get(r.nextInt(cadence.size()));
			}
			List<Integer> disputed = new ArrayList<>();
			for (int p = 0; p < client.openDispute.length; p++) {
				if (client.openDispute[p]) {
					disputed.add(p);
				}
			}
			for (int i = 0; i < client.queue; i++) {
				Invoice invoice = new Invoice();
				if (i < client.suspicious && !this.recent.isEmpty()) {
					Recent source = this.recent.get(r.nextInt(this.recent.size()));
					invoice.copy = true;
					invoice.debtor = source.debtor();
					invoice.issueDay = source.issueDay();
					invoice.dueDay = source.dueDay();
					invoice.cents = source.cents();
					invoice.submittedOn = Math.max(source.issueDay(), days[r.nextInt(days.length)]);
				}
				else {
					invoice.pair = (!disputed.isEmpty() && r.nextDouble() < 0.08)
							? disputed.get(r.nextInt(disputed.size())) : sample(client.pairCumulative, r);
					invoice.debtor = this.debtors[client.debtors[invoice.pair]];
					invoice.submittedOn = days[r.nextInt(days.length)];
					invoice.issueDay = Math.max(this.today - QUEUE_ISSUE_DAYS, invoice.submittedOn - r.nextInt(11));
					invoice.dueDay = invoice.issueDay + client.pairTerms[invoice.pair];
					invoice.cents = (r.nextDouble() < 0.08) ? cents(r.nextDouble(50_000, 400_000))
							: amount(client.faceMu + client.pairFaceMu[invoice.pair], r);
				}
				invoice.submittedAt = times.at(invoice.submittedOn, r);
				invoice.transition(null, Status.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
				invoice.status = Status.SUBMITTED;
				invoices.add(invoice);
				this.submittedInQueue++;
			}
		}

		private void number(List<Invoice> invoices) {
			int year = Integer.MIN_VALUE;
			int sequence = 0;
			for (Invoice invoice : invoices) {
				invoice.id = ++this.invoiceIds;
				int issueYear = this.calendar.year(invoice.issueDay);
				if (issueYear != year) {
					year = issueYear;
					sequence = 0;
				}
				invoice.number = String.format(Locale.ROOT, "INV-%d-%06d", year, ++sequence);
			}
		}

		private void writeSchedules(ClientPlan client, List<Invoice> invoices, ScheduleTimes times) {
			TreeMap<Integer, long[]> schedules = new TreeMap<>();
			for (Invoice invoice : invoices) {
				schedules.put(invoice.submittedOn, null);
			}
			Rows rows = this.batch.rows(Table.SCHEDULE);
			for (Map.Entry<Integer, long[]> schedule : schedules.entrySet()) {
				int day = schedule.getKey();
				long id = ++this.scheduleIds;
				schedule.setValue(new long[] { id });
				rows.id(id)
					.id(client.id)
					.text("S-" + client.ref + "-" + this.calendar.compactDate(day))
					.timestamp(times.at(day, null))
					.text(client.submitter)
					.end();
			}
			for (Invoice invoice : invoices) {
				invoice.scheduleId = schedules.get(invoice.submittedOn)[0];
			}
		}

		/**
		 * Partial payments are paid on their own; settlements of one debtor on one day
		 * are paid together, up to four invoices a payment.
		 */
		private void writePayments(List<Invoice> invoices) {
			List<Payment> payments = new ArrayList<>();
			List<Invoice> settled = new ArrayList<>();
			for (Invoice invoice : invoices) {
				if (invoice.partialPayment != null) {
					payments.add(invoice.partialPayment);
				}
				if (invoice.settlement != null) {
					settled.add(invoice);
				}
			}
			settled.sort(Comparator.comparingLong((Invoice invoice) -> invoice.debtor.id)
				.thenComparingInt((invoice) -> invoice.settledOn)
				.thenComparingLong((invoice) -> invoice.id));
			int start = 0;
			while (start < settled.size()) {
				Invoice first = settled.get(start);
				int end = start + 1;
				while (end < settled.size() && end - start < 4 && settled.get(end).debtor == first.debtor
						&& settled.get(end).settledOn == first.settledOn) {
					end++;
				}
				Payment payment = new Payment(first.debtor, first.settledOn);
				for (int i = start; i < end; i++) {
					Invoice invoice = settled.get(i);
					payment.allocations.add(invoice.settlement);
					invoice.settlementPayment = payment;
				}
				payments.add(payment);
				start = end;
			}
			payments.sort(Comparator.comparingInt((Payment payment) -> payment.receivedOn)
				.thenComparingLong((payment) -> payment.debtor.id)
				.thenComparingLong((payment) -> payment.allocations.get(0).invoice.id));
			Rows paymentRows = this.batch.rows(Table.PAYMENT);
			Rows allocationRows = this.batch.rows(Table.PAYMENT_ALLOCATION);
			for (Payment payment : payments) {
				payment.id = ++this.paymentIds;
				long total = 0;
				for (Allocation allocation : payment.allocations) {
					total += allocation.cents;
				}
				paymentRows.id(payment.id)
					.id(payment.debtor.id)
					.date(payment.receivedOn)
					.money(total)
					.text(payment.reference())
					.end();
				for (Allocation allocation : payment.allocations) {
					allocationRows.id(++this.allocationIds)
						.id(payment.id)
						.id(allocation.invoice.id)
						.money(allocation.cents)
						.date(payment.receivedOn)
						.end();
				}
			}
		}

		private void writeInvoices(ClientPlan client, List<Invoice> invoices) {
			Rows invoiceRows = this.batch.rows(Table.INVOICE);
			Rows transitionRows = this.batch.rows(Table.INVOICE_TRANSITION);
			Rows disputeRows = this.batch.rows(Table.DISPUTE);
			Rows creditNoteRows = this.batch.rows(Table.CREDIT_NOTE);
			for (Invoice invoice : invoices) {
				invoiceRows.id(invoice.id)
					.id(client.id)
					.id(invoice.debtor.id)
					.id(invoice.scheduleId)
					.text(invoice.number)
					.date(invoice.issueDay)
					.date(invoice.dueDay)
					.money(invoice.cents)
					.text("EUR")
					.text(invoice.status.name())
					.timestamp(invoice.submittedAt)
					.date(invoice.fundedOn)
					.date(invoice.closedOn)
					.end();
				for (Transition transition : invoice.transitions) {
					transitionRows.id(++this.transitionIds)
						.id(invoice.id)
						.text((transition.from != null) ? transition.from.name() : null)
						.text(transition.to.name())
						.text(transition.by)
						.timestamp(transition.at)
						.text(transition.reason(invoice))
						.end();
				}
				Dispute dispute = invoice.dispute;
				if (dispute != null) {
					dispute.id = ++this.disputeIds;
					disputeRows.id(dispute.id)
						.id(invoice.id)
						.text(DISPUTE_REASONS[dispute.reason])
						.date(dispute.openedOn)
						.money(dispute.cents)
						.date(dispute.resolvedOn)
						.text(dispute.outcome)
						.end();
				}
				if (invoice.creditNotes != null) {
					for (CreditNote note : invoice.creditNotes) {
						creditNoteRows.id(++this.creditNoteIds)
							.id(invoice.id)
							.id((note.dispute != null) ? note.dispute.id : NONE)
							.date(note.issuedOn)
							.money(note.cents)
							.text(note.reason)
							.end();
					}
				}
			}
		}

		private static int business(SplittableRandom r) {
			return 9 * 60 + r.nextInt(8 * 60);
		}

		private static int bankRun(SplittableRandom r) {
			return 6 * 60 + 30 + r.nextInt(90);
		}

		/**
		 * When each schedule of one client was submitted: one time of day per submission
		 * day, during office hours.
		 */
		private final class ScheduleTimes {

			private final Map<Integer, Long> times = new TreeMap<>();

			long at(int day, SplittableRandom r) {
				Long at = this.times.get(day);
				if (at == null) {
					at = Portfolio.this.calendar.at(day, 8 * 60 + r.nextInt(9 * 60));
					this.times.put(day, at);
				}
				return at;
			}

		}

	}

	// ---------------------------------------------------------------------------------
	// Plans and per-invoice state
	// ---------------------------------------------------------------------------------

	enum Status {

		SUBMITTED, APPROVED, FUNDED, REJECTED, PARTIALLY_PAID, PAID, DISPUTED, CHARGED_BACK, WRITTEN_OFF

	}

	private static final class ClientPlan {

		int index;

		long id;

		String ref;

		String submitter;

		String name;

		String registration;

		String country;

		String industry;

		int onboardedOn;

		double size;

		int invoices;

		int queue;

		int suspicious;

		double faceMu;

		int defaultTerms;

		boolean[] submitsOn;

		long facilityLimit;

		String advanceRate;

		boolean recourse;

		int recourseDays;

		boolean notification;

		String concentrationLimit;

		int[] debtors;

		double[] pairCumulative;

		int[] pairTerms;

		double[] pairFaceMu;

		int[] pairOffset;

		boolean[] openDispute;

	}

	private static final class DebtorPlan {

		int index;

		long id;

		String ref;

		String name;

		String registration;

		String country;

		String industry;

		int rank;

		double size;

		long creditLimitCents;

		long insurerLimitCents;

		int insurerExpiresOn = NONE;

		Archetype archetype;

		double baseLate;

		double seasonalLate;

		double maxLate;

		int stopDay = NONE;

		int scoreHigh;

		int scoreLow;

		double disputeShare;

		int paymentRunDay;

		int clients;

		boolean divergent;

	}

	/**
	 * A recent invoice another client could pledge again.
	 */
	private record Recent(DebtorPlan debtor, int issueDay, int dueDay, long cents) {
	}

	private static final class Invoice {

		long id;

		int pair = -1;

		DebtorPlan debtor;

		String number;

		int issueDay;

		int terms;

		int dueDay;

		long cents;

		int submittedOn;

		long submittedAt;

		long scheduleId;

		boolean copy;

		Status status;

		int fundedOn = NONE;

		int closedOn = NONE;

		final List<Transition> transitions = new ArrayList<>(4);

		Dispute dispute;

		List<CreditNote> creditNotes;

		Allocation partial;

		Payment partialPayment;

		Allocation settlement;

		int settledOn = NONE;

		Payment settlementPayment;

		void transition(Status from, Status to, String by, long at, String reason, SplittableRandom r) {
			if (!this.transitions.isEmpty()) {
				long previous = lastTransition().at;
				if (at <= previous) {
					at = previous + 60 + r.nextInt(540);
				}
			}
			Transition transition = new Transition(from, to, by, at, reason);
			if (to == Status.PAID) {
				transition.settles = true;
			}
			this.transitions.add(transition);
		}

		Transition lastTransition() {
			return this.transitions.get(this.transitions.size() - 1);
		}

		void creditNote(Dispute dispute, int issuedOn, long cents, String reason) {
			if (this.creditNotes == null) {
				this.creditNotes = new ArrayList<>(1);
			}
			this.creditNotes.add(new CreditNote(dispute, issuedOn, cents, reason));
		}

	}

	private static final class Transition {

		final Status from;

		final Status to;

		final String by;

		final long at;

		private final String reason;

		Payment payment;

		boolean settles;

		Transition(Status from, Status to, String by, long at, String reason) {
			this.from = from;
			this.to = to;
			this.by = by;
			this.at = at;
			this.reason = reason;
		}

		String reason(Invoice invoice) {
			if (this.settles) {
				return this.reason + invoice.settlementPayment.reference();
			}
			return (this.payment != null) ? this.reason + this.payment.reference() : this.reason;
		}

	}

	private static final class Dispute {

		long id;

		int reason;

		int openedOn;

		long cents;

		int resolvedOn = NONE;

		String outcome;

	}

	private record CreditNote(Dispute dispute, int issuedOn, long cents, String reason) {
	}

	private static final class Payment {

		long id;

		final DebtorPlan debtor;

		final int receivedOn;

		final List<Allocation> allocations = new ArrayList<>(1);

		Payment(DebtorPlan debtor, int receivedOn) {
			this.debtor = debtor;
			this.receivedOn = receivedOn;
		}

		String reference() {
			return String.format(Locale.ROOT, "PAY-%06d", this.id);
		}

	}

	private record Allocation(Invoice invoice, long cents) {
	}

	// ---------------------------------------------------------------------------------
	// Random helpers
	// ---------------------------------------------------------------------------------

	static long cents(double euros) {
		return BigDecimal.valueOf(euros).setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
	}

	/**
	 * An index drawn with the given shares (summing to about 1).
	 */
	static int pick(double[] shares, SplittableRandom r) {
		double u = r.nextDouble();
		for (int i = 0; i < shares.length - 1; i++) {
			u -= shares[i];
			if (u < 0) {
				return i;
			}
		}
		return shares.length - 1;
	}

	/**
	 * An index drawn in proportion to the weights whose running total is given.
	 */
	static int sample(double[] cumulative, SplittableRandom r) {
		double u = r.nextDouble() * cumulative[cumulative.length - 1];
		int index = Arrays.binarySearch(cumulative, u);
		index = (index >= 0) ? index + 1 : -index - 1;
		return Math.min(index, cumulative.length - 1);
	}

	static int[] shuffledRange(int count, SplittableRandom r) {
		int[] values = new int[count];
		for (int i = 0; i < count; i++) {
			values[i] = i;
		}
		for (int i = count - 1; i > 0; i--) {
			int j = r.nextInt(i + 1);
			int swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
		return values;
	}

	/**
	 * Splits a total in proportion to the weights, whole numbers summing to the total
	 * (largest remainder).
	 */
	static int[] apportion(int total, double[] weights) {
		double sum = 0;
		for (double weight : weights) {
			sum += weight;
		}
		int[] shares = new int[weights.length];
		Integer[] order = new Integer[weights.length];
		double[] remainders = new double[weights.length];
		int given = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = total * weights[i] / sum;
			shares[i] = (int) Math.floor(exact);
			remainders[i] = exact - shares[i];
			given += shares[i];
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparingInt((i) -> i));
		for (int i = 0; given < total; i = (i + 1) % weights.length) {
			shares[order[i]]++;
			given++;
		}
		return shares;
	}

	/**
	 * The smallest round value at least the given one (the largest when none is).
	 */
	static long niceAtLeast(long[] values, double wanted) {
		for (long value : values) {
			if (value >= wanted) {
				return value;
			}
		}
		return values[values.length - 1];
	}

	// ---------------------------------------------------------------------------------
	// Dates and times
	// ---------------------------------------------------------------------------------

	/**
	 * Dates as epoch days with their ISO text cached, and office times in Amsterdam as
	 * UTC epoch seconds.
	 */
	static final class DeskCalendar {

		private static final ZoneId DESK_ZONE = ZoneId.of("Europe/Amsterdam");

		private static final int SPAN = 1_500;

		private final int base;

		private final String[] text;

		private final int[] offsetSeconds;

		private final byte[] months;

		private final short[] years;

		DeskCalendar(LocalDate today) {
			this.base = (int) today.toEpochDay() - SPAN;
			int size = 2 * SPAN;
			this.text = new String[size];
			this.offsetSeconds = new int[size];
			this.months = new byte[size];
			this.years = new short[size];
			ZoneRules rules = DESK_ZONE.getRules();
			for (int i = 0; i < size; i++) {
				LocalDate date = LocalDate.ofEpochDay(this.base + i);
				this.text[i] = date.toString();
				this.offsetSeconds[i] = rules.getOffset(date.atTime(12, 0)).getTotalSeconds();
				this.months[i] = (byte) date.getMonthValue();
				this.years[i] = (short) date.getYear();
			}
		}

		/**
		 * Monday 0 to Sunday 6.
		 */
		static int dayOfWeek(int day) {
			return Math.floorMod(day + 3, 7);
		}

		static boolean weekend(int day) {
			return dayOfWeek(day) >= 5;
		}

		String date(int day) {
			int i = day - this.base;
			return (i >= 0 && i < this.text.length) ? this.text[i] : LocalDate.ofEpochDay(day).toString();
		}

		String compactDate(int day) {
			return date(day).replace("-", "");
		}

		int month(int day) {
			int i = day - this.base;
			return (i >= 0 && i < this.months.length) ? this.months[i] : LocalDate.ofEpochDay(day).getMonthValue();
		}

		int year(int day) {
			int i = day - this.base;
			return (i >= 0 && i < this.years.length) ? this.years[i] : LocalDate.ofEpochDay(day).getYear();
		}

		/**
		 * The instant of a local time of day in Amsterdam (office hours, never in a
		 * daylight-saving gap), as UTC epoch seconds.
		 */
		long at(int day, int minuteOfDay) {
			int i = day - this.base;
			int offset = (i >= 0 && i < this.offsetSeconds.length) ? this.offsetSeconds[i]
					: DESK_ZONE.getRules().getOffset(LocalDate.ofEpochDay(day).atTime(12, 0)).getTotalSeconds();
			return day * 86_400L + minuteOfDay * 60L - offset;
		}

		void appendTimestamp(StringBuilder out, long epochSecond) {
			int day = (int) Math.floorDiv(epochSecond, 86_400L);
			int second = (int) Math.floorMod(epochSecond, 86_400L);
			out.append(date(day)).append(' ');
			twoDigits(out, second / 3600).append(':');
			twoDigits(out, second / 60 % 60).append(':');
			twoDigits(out, second % 60).append("+00");
		}

		private static StringBuilder twoDigits(StringBuilder out, int value) {
			return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
		}

	}

	// ---------------------------------------------------------------------------------
	// COPY: rows in PostgreSQL text format, batches, and the loading thread
	// ---------------------------------------------------------------------------------

	/**
	 * Rows of one table in COPY text format: tab-separated, {@code \N} for NULL.
	 */
	static final class Rows {

		final StringBuilder text = new StringBuilder(1 << 16);

		private final DeskCalendar calendar;

		int count;

		Rows(DeskCalendar calendar) {
			this.calendar = calendar;
		}

		Rows id(long value) {
			if (value == NONE) {
				return nul();
			}
			this.text.append(value).append('\t');
			return this;
		}

		Rows number(int value) {
			if (value == NONE) {
				return nul();
			}
			this.text.append(value).append('\t');
			return this;
		}

		Rows bool(boolean value) {
			this.text.append(value ? 't' : 'f').append('\t');
			return this;
		}

		Rows money(long cents) {
			if (cents < 0) {
				return nul();
			}
			int cent = (int) (cents % 100);
			this.text.append(cents / 100).append('.').append((char) ('0' + cent / 10)).append((char) ('0' + cent % 10));
			this.text.append('\t');
			return this;
		}

		Rows date(int day) {
			if (day == NONE) {
				return nul();
			}
			this.text.append(this.calendar.date(day)).append('\t');
			return this;
		}

		Rows timestamp(long epochSecond) {
			this.calendar.appendTimestamp(this.text, epochSecond);
			this.text.append('\t');
			return this;
		}

		Rows text(String value) {
			if (value == null) {
				return nul();
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> this.text.append("\\\\");
					case '\t' -> this.text.append("\\t");
					case '\n' -> this.text.append("\\n");
					case '\r' -> this.text.append("\\r");
					default -> this.text.append(c);
				}
			}
			this.text.append('\t');
			return this;
		}

		Rows nul() {
			this.text.append("\\N\t");
			return this;
		}

		void end() {
			this.text.setCharAt(this.text.length() - 1, '\n');
			this.count++;
		}

	}

	/**
	 * The rows of every table for about 50,000 invoices, copied together in parent-first
	 * order.
	 */
	static final class Batch {

		private static final Table[] TABLES = Table.values();

		private final DeskCalendar calendar;

		private final Rows[] rows = new Rows[TABLES.length];

		int invoices;

		Batch(DeskCalendar calendar) {
			this.calendar = calendar;
		}

		Rows rows(Table table) {
			Rows rows = this.rows[table.ordinal()];
			if (rows == null) {
				rows = new Rows(this.calendar);
				this.rows[table.ordinal()] = rows;
			}
			return rows;
		}

		boolean isEmpty() {
			for (Rows rows : this.rows) {
				if (rows != null && rows.count > 0) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * Copies batches on a second thread, one at a time, while the next one is built: the
	 * connection is only ever used by one thread at a time.
	 */
	static final class Loader implements AutoCloseable {

		private static final int CHUNK_CHARS = 1 << 16;

		private final CopyManager copyManager;

		private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "demo-portfolio-copy");
			thread.setDaemon(true);
			return thread;
		});

		private Future<?> pending;

		Loader(CopyManager copyManager) {
			this.copyManager = copyManager;
		}

		void load(Batch batch) {
			awaitPending();
			this.pending = this.executor.submit(() -> {
				copy(batch);
				return null;
			});
		}

		@Override
		public void close() {
			try {
				awaitPending();
			}
			finally {
				this.executor.shutdownNow();
			}
		}

		private void awaitPending() {
			if (this.pending == null) {
				return;
			}
			try {
				this.pending.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while copying the demo portfolio", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Could not copy the demo portfolio: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			finally {
				this.pending = null;
			}
		}

		private void copy(Batch batch) throws SQLException {
			for (Table table : Batch.TABLES) {
				Rows rows = batch.rows[table.ordinal()];
				if (rows == null || rows.count == 0) {
					continue;
				}
				CopyIn copy = this.copyManager.copyIn(table.copy);
				try {
					StringBuilder text = rows.text;
					int length = text.length();
					int start = 0;
					while (start < length) {
						int end = Math.min(length, start + CHUNK_CHARS);
						if (end < length && Character.isHighSurrogate(text.charAt(end - 1))) {
							end--;
						}
						byte[] bytes = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
						copy.writeToCopy(bytes, 0, bytes.length);
						start = end;
					}
					copy.endCopy();
				}
				finally {
					if (copy.isActive()) {
						copy.cancelCopy();
					}
				}
			}
		}

	}

	// ---------------------------------------------------------------------------------
	// Company names and registration numbers
	// ---------------------------------------------------------------------------------

	/**
	 * Unique, plausible Dutch, Belgian, German and French company names and registration
	 * numbers, built from word lists.
	 */
	static final class CompanyNames {

		private static final Map<String, String[]> SURNAMES = Map.of("NL",
				new String[] { "Van Dijk", "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer",
						"Mulder", "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer",
						"De Wit", "Dijkstra", "Smits", "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs",
						"De Haan", "Vermeulen", "Van den Berg", "Van der Heijden", "Schouten", "Van Beek", "Willems",
						"Van Vliet", "Van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "Van Dam", "Prins",
						"Blom", "Huisman", "Kuipers", "Veenstra", "Kramer", "Post", "Timmermans", "Scholten",
						"Van Wijk", "Postma" },
				"BE",
				new String[] { "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
						"Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martens", "Leclercq", "Hermans",
						"Michiels", "Desmet", "Lemmens", "Van Damme", "Declercq", "Verstraete", "De Backer",
						"Van den Broeck", "Coppens", "Segers", "Renard", "Lejeune", "Simon", "Laurent", "Vandenberghe",
						"Cools", "Aerts", "Bogaerts", "Pauwels", "Verhaegen", "Wuyts", "Van Acker", "Thys", "Stevens" },
				"DE",
				new String[] { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
						"Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
						"Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann",
						"Köhler", "Maier", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters",
						"Lang", "Scholz", "Möller", "Vogel" },
				"FR",
				new String[] { "Lefèvre", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
						"Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garnier", "David", "Bertrand",
						"Roux", "Vincent", "Fournier", "Morel", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
						"Rousseau", "Mercier", "Blanc", "Guérin", "Faure", "Chevalier", "Gauthier", "Perrin", "Lemaire",
						"Brunet", "Masson", "Marchand", "Caron", "Duval" });

		private static final Map<String, String[]> CITIES = Map.of("NL",
				new String[] { "Rotterdam", "Utrecht", "Eindhoven", "Tilburg", "Breda", "Zwolle", "Venlo", "Arnhem",
						"Nijmegen", "Groningen", "Den Bosch", "Amersfoort", "Apeldoorn", "Enschede", "Almere", "Leiden",
						"Dordrecht", "Haarlem", "Moerdijk", "Waalwijk", "Veenendaal", "Helmond", "Roosendaal",
						"Deventer" },
				"BE",
				new String[] { "Antwerpen", "Gent", "Brugge", "Kortrijk", "Hasselt", "Leuven", "Mechelen", "Aalst",
						"Liège", "Namur", "Charleroi", "Mons", "Genk", "Roeselare", "Wavre", "Turnhout", "Geel",
						"Waregem", "Tournai", "Ninove" },
				"DE",
				new String[] { "Köln", "Düsseldorf", "Duisburg", "Essen", "Dortmund", "Münster", "Bielefeld", "Hamburg",
						"Bremen", "Hannover", "Frankfurt", "Stuttgart", "München", "Nürnberg", "Aachen", "Krefeld",
						"Osnabrück", "Kassel", "Leipzig", "Dresden" },
				"FR",
				new String[] { "Lille", "Lyon", "Nantes", "Rennes", "Bordeaux", "Toulouse", "Strasbourg", "Reims",
						"Rouen", "Amiens", "Metz", "Nancy", "Valenciennes", "Dunkerque", "Roubaix", "Tours", "Orléans",
						"Dijon", "Grenoble", "Marseille" });

		private static final Map<String, String[]> REGIONS = Map.of("NL",
				new String[] { "Twente", "Brabant", "Veluwe", "Zeeland", "Holland", "Noord", "West-Friesland",
						"Achterhoek", "Rijnmond", "Delta", "Limburg", "Friesland" },
				"BE",
				new String[] { "Kempen", "Waasland", "Limburg", "Wallonie", "Brabant", "Ardennes", "Vlaanderen",
						"Westhoek", "Hainaut", "Benelux" },
				"DE",
				new String[] { "Rhein-Ruhr", "Niederrhein", "Westfalen", "Rheinland", "Emsland", "Sauerland", "Franken",
						"Ostfriesland", "Nord", "Süd", "Bergisch Land", "Eifel" },
				"FR",
				new String[] { "du Nord", "de Picardie", "de Normandie", "de Bretagne", "d'Alsace", "de Lorraine",
						"de Champagne", "du Val de Loire", "des Alpes", "de l'Atlantique", "des Flandres",
						"de l'Ouest" });

		private static final String[] DE_COURTS = { "Köln", "Düsseldorf", "München", "Hamburg", "Frankfurt am Main",
				"Stuttgart", "Essen", "Dortmund", "Hannover", "Bremen", "Duisburg", "Münster" };

		/**
		 * Sector words per industry, for NL, BE, DE and FR.
		 */
		private static final Map<String, String[][]> SECTORS = Map.ofEntries(
				Map.entry("transport",
						new String[][] { { "Transport", "Logistics", "Logistiek", "Expeditie" },
								{ "Transport", "Logistics", "Transports" }, { "Spedition", "Logistik", "Transporte" },
								{ "Transports", "Logistique", "Transports Routiers" } }),
				Map.entry("logistics", new String[][] { { "Logistics", "Distributie", "Warehousing" },
						{ "Logistics", "Distribution", "Warehousing" }, { "Logistik", "Lagerlogistik", "Distribution" },
						{ "Logistique", "Entreposage", "Distribution" } }),
				Map.entry("staffing",
						new String[][] { { "Uitzendbureau", "Personeelsdiensten", "Staffing", "Detachering" },
								{ "Interim", "Staffing", "Personeelsdiensten" },
								{ "Personaldienste", "Zeitarbeit", "Personalservice" },
								{ "Intérim", "Travail Temporaire", "Services RH" } }),
				Map.entry("wholesale food",
						new String[][] { { "Groothandel", "Foodservice", "Versgroothandel", "Food" },
								{ "Voeding", "Food Distribution", "Alimentation" },
								{ "Lebensmittel", "Frischdienst", "Feinkost" },
								{ "Distribution Alimentaire", "Primeurs", "Alimentaire" } }),
				Map.entry("metal", new String[][] { { "Metaal", "Metaalbewerking", "Staalbouw", "Constructie" },
						{ "Metaalwerken", "Staalconstructie", "Métal" }, { "Metallbau", "Stahlbau", "Metalltechnik" },
						{ "Métallerie", "Chaudronnerie", "Constructions Métalliques" } }),
				Map.entry("packaging", new String[][] { { "Verpakkingen", "Packaging", "Karton" },
						{ "Emballage", "Verpakking", "Packaging" }, { "Verpackung", "Verpackungen", "Kartonagen" },
						{ "Emballage", "Cartonnage", "Emballages" } }),
				Map.entry("construction supply",
						new String[][] { { "Bouwmaterialen", "Bouwstoffen", "Bouwhandel" },
								{ "Bouwmaterialen", "Matériaux", "Bouwhandel" },
								{ "Baustoffe", "Baustoffhandel", "Bauzentrum" },
								{ "Matériaux", "Négoce de Matériaux", "Bâtiment" } }),
				Map.entry("IT services",
						new String[][] { { "ICT", "IT Solutions", "Software", "Automatisering" },
								{ "IT Solutions", "ICT", "Informatique" }, { "IT-Service", "Systemhaus", "Software" },
								{ "Informatique", "Services Informatiques", "Numérique" } }),
				Map.entry("printing",
						new String[][] { { "Drukkerij", "Print", "Grafisch Bedrijf" },
								{ "Drukkerij", "Imprimerie", "Print" }, { "Druckerei", "Druckhaus", "Medien" },
								{ "Imprimerie", "Impression", "Arts Graphiques" } }),
				Map.entry("retail",
						new String[][] { { "Supermarkten", "Retail", "Winkels", "Warenhuis" },
								{ "Retail", "Supermarchés", "Winkels" }, { "Handel", "Märkte", "Warenhaus" },
								{ "Distribution", "Magasins", "Commerce" } }),
				Map.entry("construction",
						new String[][] { { "Bouw", "Bouwbedrijf", "Aannemers", "Infra" },
								{ "Bouw", "Construct", "Bâtiment" }, { "Bau", "Bauunternehmung", "Hochbau" },
								{ "Construction", "Bâtiment", "Travaux Publics" } }),
				Map.entry("manufacturing",
						new String[][] { { "Industrie", "Machinefabriek", "Techniek", "Productie" },
								{ "Industries", "Machinebouw", "Techniek" }, { "Maschinenbau", "Werke", "Industrie" },
								{ "Industrie", "Mécanique", "Fabrication" } }),
				Map.entry("automotive",
						new String[][] { { "Automotive", "Autogroep", "Carrosserie" },
								{ "Automotive", "Garages", "Autogroep" }, { "Automobil", "Fahrzeugbau", "Autohaus" },
								{ "Automobiles", "Carrosserie", "Auto" } }),
				Map.entry("healthcare",
						new String[][] { { "Zorggroep", "Zorg", "Medical" }, { "Zorg", "Medical", "Santé" },
								{ "Klinikum", "Medizintechnik", "Pflege" }, { "Santé", "Cliniques", "Médical" } }),
				Map.entry("hospitality",
						new String[][] { { "Hotels", "Horeca", "Catering" }, { "Hotels", "Horeca", "Catering" },
								{ "Hotels", "Gastronomie", "Catering" }, { "Hôtels", "Restauration", "Traiteur" } }),
				Map.entry("wholesale", new String[][] { { "Groothandel", "Handelsonderneming", "Trading" },
						{ "Groothandel", "Trading", "Négoce" }, { "Großhandel", "Handelsgesellschaft", "Vertrieb" },
						{ "Négoce", "Distribution", "Commerce de Gros" } }),
				Map.entry("energy",
						new String[][] { { "Energie", "Installatietechniek", "Solar" },
								{ "Energie", "Énergie", "Installaties" }, { "Energie", "Stadtwerke", "Energietechnik" },
								{ "Énergie", "Énergies", "Électricité" } }),
				Map.entry("chemicals",
						new String[][] { { "Chemie", "Coatings", "Kunststoffen" },
								{ "Chemicals", "Chemie", "Plastics" }, { "Chemie", "Kunststoffe", "Lacke" },
								{ "Chimie", "Plastiques", "Peintures" } }),
				Map.entry("agriculture",
						new String[][] { { "Agri", "Kwekerij", "Zuivel" }, { "Agri", "Landbouw", "Zuivel" },
								{ "Agrar", "Landhandel", "Molkerei" }, { "Agricole", "Coopérative", "Laiterie" } }),
				Map.entry("facility services",
						new String[][] { { "Facilitair", "Schoonmaak", "Facility Services" },
								{ "Facility Services", "Schoonmaak", "Nettoyage" },
								{ "Gebäudeservice", "Facility Management", "Gebäudereinigung" },
								{ "Nettoyage", "Services", "Propreté" } }));

		private static final List<String> COUNTRY_ORDER = List.of("NL", "BE", "DE", "FR");

		private final SplittableRandom random;

		private final Set<String> names = new HashSet<>();

		private final Set<String> registrations = new HashSet<>();

		CompanyNames(SplittableRandom random) {
			this.random = random;
		}

		String company(String country, String industry) {
			String[] sector = SECTORS.get(industry)[COUNTRY_ORDER.indexOf(country)];
			for (int attempt = 0;; attempt++) {
				String name = compose(country, sector, attempt) + " " + suffix(country);
				if (this.names.add(name)) {
					return name;
				}
			}
		}

		private String compose(String country, String[] sector, int attempt) {
			SplittableRandom r = this.random;
			String[] surnames = SURNAMES.get(country);
			String word = sector[r.nextInt(sector.length)];
			String surname = surnames[r.nextInt(surnames.length)];
			String other = surnames[r.nextInt(surnames.length)];
			String city = CITIES.get(country)[r.nextInt(CITIES.get(country).length)];
			String region = REGIONS.get(country)[r.nextInt(REGIONS.get(country).length)];
			if (attempt >= 40) {
				return surname + "-" + other + " " + word + " " + city;
			}
			int pattern = r.nextInt(8);
			return switch (country) {
				case "NL" -> switch (pattern) {
					case 0, 1 -> surname + " " + word;
					case 2 -> word + " " + surname;
					case 3 -> surname + " & " + other;
					case 4 -> "Gebr. " + surname + " " + word;
					case 5 -> word + " " + region;
					case 6 -> surname + " " + word + " " + city;
					default -> word + " " + city;
				};
				case "BE" -> switch (pattern) {
					case 0, 1 -> surname + " " + word;
					case 2 -> word + " " + surname;
					case 3 -> surname + " & " + other;
					case 4 -> word + " " + region;
					case 5 -> surname + " " + word + " " + city;
					case 6 -> surname + " & Zonen " + word;
					default -> word + " " + city;
				};
				case "DE" -> switch (pattern) {
					case 0, 1 -> surname + " " + word;
					case 2 -> word + " " + surname;
					case 3 -> surname + " & " + other;
					case 4 -> word + " " + region;
					case 5 -> surname + " " + word + " " + city;
					case 6 -> surname + " & Söhne " + word;
					default -> word + " " + city;
				};
				default -> switch (pattern) {
					case 0, 1 -> word + " " + surname;
					case 2 -> surname + " " + word;
					case 3 -> surname + " & Fils";
					case 4 -> word + " " + region;
					case 5 -> word + " " + surname + " " + city;
					case 6 -> surname + " et " + other;
					default -> word + (isVowel(city.charAt(0)) ? " d'" : " de ") + city;
				};
			};
		}

		private static boolean isVowel(char c) {
			return "AEIOUÉ".indexOf(c) >= 0;
		}

		private String suffix(String country) {
			double u = this.random.nextDouble();
			return switch (country) {
				case "NL" -> (u < 0.95) ? "B.V." : "N.V.";
				case "BE" -> (u < 0.35) ? "NV" : (u < 0.65) ? "BV" : (u < 0.85) ? "SA" : "SRL";
				case "DE" -> (u < 0.70) ? "GmbH" : (u < 0.90) ? "GmbH & Co. KG" : "AG";
				default -> (u < 0.50) ? "SAS" : (u < 0.80) ? "SARL" : "SA";
			};
		}

		/**
		 * A unique registration number in the country's format: KvK, KBO/BCE,
		 * Handelsregister or SIREN.
		 */
		String registration(String country) {
			SplittableRandom r = this.random;
			while (true) {
				String number = switch (country) {
					case "NL" -> String.valueOf(r.nextInt(10_000_000, 100_000_000));
					case "BE" -> String.format(Locale.ROOT, "0%03d.%03d.%03d", r.nextInt(200, 1000), r.nextInt(1000),
							r.nextInt(1000));
					case "DE" -> "HRB " + r.nextInt(1_000, 200_000) + " " + DE_COURTS[r.nextInt(DE_COURTS.length)];
					default -> String.format(Locale.ROOT, "%03d %03d %03d", r.nextInt(300, 1000), r.nextInt(1000),
							r.nextInt(1000));
				};
				if (this.registrations.add(number)) {
					return number;
				}
			}
		}

	}

}
