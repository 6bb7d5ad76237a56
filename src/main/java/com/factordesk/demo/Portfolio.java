package com.factordesk.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.factordesk.shared.Money;

import com.factordesk.demo.CopyLoader.Batch;
import com.factordesk.demo.CopyLoader.Rows;
import com.factordesk.demo.CopyLoader.Table;
import com.factordesk.demo.PlannedInvoice.Allocation;
import com.factordesk.demo.PlannedInvoice.CreditNote;
import com.factordesk.demo.PlannedInvoice.Dispute;
import com.factordesk.demo.PlannedInvoice.Payment;
import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.demo.PlannedInvoice.Transition;

import static com.factordesk.demo.CopyLoader.NONE;

/**
 * The portfolio generated from one seed: plans debtors, clients and who buys from whom,
 * then each client's invoices with their lifecycle, as batches of {@code COPY} rows.
 */
final class Portfolio {

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

	private static final String[] CLIENT_INDUSTRIES = { "transport", "staffing", "wholesale food", "metal", "packaging",
			"construction supply", "IT services", "printing" };

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
	 * Weekdays (Monday first) clients submit schedules on: every working day (the biggest
	 * clients), Monday-Wednesday-Friday, Monday-Thursday, Tuesday-Friday.
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

	private static final String[] CREDIT_NOTE_TEXTS = { "Volume discount", "Returned goods", "Early payment discount",
			"Price correction", "Year-end bonus agreement", "Damaged goods credited" };

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

	private final CopyLoader loader;

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

	Portfolio(DemoScale scale, LocalDate today, long seed, CopyLoader loader) {
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
			debtor.creditLimitCents = niceAtLeast(CREDIT_LIMITS,
					10_000 * Math
						.exp(Math.log(100) * (Math.pow(size, 2.5) * r.nextDouble(0.7, 1.0) + r.nextDouble(0.0, 0.15))))
					* 100;
			if (r.nextDouble() < 0.30) {
				debtor.insurerLimitCents = niceAtLeast(CREDIT_LIMITS,
						debtor.creditLimitCents / 100 * r.nextDouble(0.4, 1.1)) * 100;
				debtor.insurerExpiresOn = this.today + r.nextInt(-45, 366);
			}
			debtor.archetype = archetypes[i];
			debtor.behaviour(this.today, r);
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
		feeTerms(client);
	}

	/**
	 * How the client pays its fees, by its place in the book and without a random draw
	 * (so the rest of the portfolio stays as it was): most pay per started 30 days, some
	 * per 15 days, some a flat fee, some daily on the funds in use (ACT/360 or ACT/365),
	 * and some have a negotiated discount on the fee rate.
	 */
	private static void feeTerms(ClientPlan client) {
		switch (client.index % 8) {
			case 3 -> {
				client.feeStructure = "DAILY";
				client.dayCount = "ACT_365";
			}
			case 5 -> client.feeStructure = "FLAT";
			case 6 -> {
				client.feeStructure = "DAILY";
				client.dayCount = "ACT_360";
			}
			case 7 -> client.feePeriodDays = 15;
			default -> {
			}
		}
		if (client.index % 5 == 2) {
			client.feeDiscount = "0.002500";
		}
	}

	/**
	 * About 3 % of the queue (at least one invoice when there are two clients) pledges an
	 * invoice another client has already pledged: same debtor, amount and issue date.
	 * Only clients after the first can copy, as they copy what came before.
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
	 * About 15 % of the shared debtors pay some of their clients clearly differently: a
	 * prompt payer is 30 to 50 days late with one client, a slow payer on time with
	 * another.
	 */
	private void divergence(SplittableRandom r) {
		for (DebtorPlan debtor : this.debtors) {
			debtor.divergent = debtor.clients >= 2 && debtor.archetype != Archetype.DEFAULTER && r.nextDouble() < 0.15;
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
				.text(Money.CURRENCY)
				.text(client.feeStructure)
				.number(client.feePeriodDays)
				.text(client.dayCount)
				.text(client.feeDiscount)
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
	 * One or two providers per debtor (none for about 7 %), a score about every 90 days
	 * that follows the debtor's behaviour; for about 10 % the newest score is more than
	 * 180 days old.
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
						.round(debtor.score(day, this.today) + PROVIDER_BIAS[provider] + 3 * r.nextGaussian());
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

	// invoices, per client

	private void generateInvoices(ClientPlan client, SplittableRandom r) {
		List<PlannedInvoice> invoices = new ArrayList<>(client.invoices + client.queue);
		ScheduleTimes times = new ScheduleTimes();
		for (int i = 0; i < client.invoices; i++) {
			invoices.add(drawInvoice(client, r));
		}
		for (PlannedInvoice invoice : invoices) {
			invoice.submittedAt = times.at(invoice.submittedOn, r);
			live(client, invoice, r);
		}
		addQueue(client, invoices, times, r);
		invoices.sort(Comparator.comparingInt((PlannedInvoice invoice) -> invoice.issueDay));
		number(invoices);
		writeSchedules(client, invoices, times);
		writePayments(invoices);
		writeInvoices(client, invoices);
		for (PlannedInvoice invoice : invoices) {
			if (invoice.issueDay >= this.today - QUEUE_ISSUE_DAYS && !invoice.copy) {
				this.recent.add(new Recent(invoice.debtor, invoice.issueDay, invoice.dueDay, invoice.cents));
			}
		}
		this.batch.invoices += invoices.size();
	}

	private PlannedInvoice drawInvoice(ClientPlan client, SplittableRandom r) {
		PlannedInvoice invoice = new PlannedInvoice();
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
	private void live(ClientPlan client, PlannedInvoice invoice, SplittableRandom r) {
		DebtorPlan debtor = invoice.debtor;
		int yesterday = this.today - 1;
		invoice.transition(null, InvoiceStatus.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
		int decision = Math.min(yesterday, invoice.submittedOn + pick(DECISION_DELAY_SHARES, r));
		long decidedAt = (decision == invoice.submittedOn) ? invoice.submittedAt + 60L * r.nextInt(20, 180)
				: this.calendar.at(decision, 9 * 60 + r.nextInt(150));
		String underwriter = UNDERWRITERS[r.nextInt(UNDERWRITERS.length)];
		boolean stoppedPaying = debtor.archetype == Archetype.DEFAULTER && invoice.submittedOn > debtor.stopDay + 45;
		if (r.nextDouble() < (stoppedPaying ? 0.5 : 0.035)) {
			String reason = stoppedPaying && r.nextBoolean() ? "Debtor has items more than 60 days past due"
					: REJECTION_REASONS[r.nextInt(REJECTION_REASONS.length)];
			invoice.transition(InvoiceStatus.SUBMITTED, InvoiceStatus.REJECTED, underwriter, decidedAt, reason, r);
			invoice.status = InvoiceStatus.REJECTED;
			invoice.closedOn = decision;
			return;
		}
		invoice.transition(InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, underwriter, decidedAt, null, r);
		invoice.transition(InvoiceStatus.APPROVED, InvoiceStatus.FUNDED, SYSTEM, decidedAt + 60L * r.nextInt(15, 120),
				null, r);
		invoice.fundedOn = decision;
		InvoiceStatus status = InvoiceStatus.FUNDED;

		int late = (int) Math.round(debtor.lateness(invoice.dueDay, this.today, this.calendar, r))
				+ client.pairOffset[invoice.pair];
		if (debtor.archetype != Archetype.DEFAULTER) {
			late = Math.min(late, client.recourse ? client.recourseDays - 3 : 85);
		}
		int payDay = invoice.dueDay + late;
		if (debtor.paymentRunDay > 0) {
			payDay = debtor.paymentRun(payDay);
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
				invoice.transition(status, status, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
						this.calendar.at(opened, business(r)), "Debtor disputes the invoice: " + DISPUTE_LABELS[reason],
						r);
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
				invoice.transition(status, status, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
						this.calendar.at(resolved, business(r)), resolution, r);
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
				invoice.transition(status, InvoiceStatus.PARTIALLY_PAID, SYSTEM,
						this.calendar.at(partialDay, bankRun(r)), "Partial payment ", r);
				invoice.partialPayment = new Payment(debtor, partialDay);
				invoice.partialPayment.allocations.add(invoice.partial);
				invoice.lastTransition().payment = invoice.partialPayment;
				status = InvoiceStatus.PARTIALLY_PAID;
				lastEvent = partialDay;
			}
		}

		if (!defaults && payDay <= this.today) {
			invoice.settlement = new Allocation(invoice, collectable - partial);
			invoice.settledOn = payDay;
			invoice.transition(status, InvoiceStatus.PAID, SYSTEM, this.calendar.at(payDay, bankRun(r)), "Payment ", r);
			status = InvoiceStatus.PAID;
			invoice.closedOn = payDay;
		}
		else if (defaults) {
			if (client.recourse) {
				int day = invoice.dueDay + client.recourseDays + 1 + r.nextInt(20);
				if (day <= yesterday && day > lastEvent && r.nextDouble() < 0.6) {
					invoice.transition(status, InvoiceStatus.CHARGED_BACK, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
							this.calendar.at(day, business(r)),
							"Recourse period of " + client.recourseDays + " days exceeded: charged back to the client",
							r);
					status = InvoiceStatus.CHARGED_BACK;
					invoice.closedOn = day;
				}
			}
			else {
				int day = invoice.dueDay + 150 + r.nextInt(90);
				if (day <= yesterday && day > lastEvent && r.nextDouble() < 0.4) {
					invoice.transition(status, InvoiceStatus.WRITTEN_OFF, UNDERWRITERS[r.nextInt(UNDERWRITERS.length)],
							this.calendar.at(day, business(r)),
							"Debtor insolvent: claim filed with the administrator, written off", r);
					status = InvoiceStatus.WRITTEN_OFF;
					invoice.closedOn = day;
				}
			}
		}
		invoice.status = status;
	}

	/**
	 * The underwriter queue: invoices issued in the last 20 days, submitted in the last
	 * 10, still SUBMITTED; some large, some on debtors with an open dispute, a few
	 * pledged before by another client.
	 */
	private void addQueue(ClientPlan client, List<PlannedInvoice> invoices, ScheduleTimes times, SplittableRandom r) {
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
			PlannedInvoice invoice = new PlannedInvoice();
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
				invoice.pair = (!disputed.isEmpty() && r.nextDouble() < 0.08) ? disputed.get(r.nextInt(disputed.size()))
						: sample(client.pairCumulative, r);
				invoice.debtor = this.debtors[client.debtors[invoice.pair]];
				invoice.submittedOn = days[r.nextInt(days.length)];
				invoice.issueDay = Math.max(this.today - QUEUE_ISSUE_DAYS, invoice.submittedOn - r.nextInt(11));
				invoice.dueDay = invoice.issueDay + client.pairTerms[invoice.pair];
				invoice.cents = (r.nextDouble() < 0.08) ? cents(r.nextDouble(50_000, 400_000))
						: amount(client.faceMu + client.pairFaceMu[invoice.pair], r);
			}
			invoice.submittedAt = times.at(invoice.submittedOn, r);
			invoice.transition(null, InvoiceStatus.SUBMITTED, client.submitter, invoice.submittedAt, null, r);
			invoice.status = InvoiceStatus.SUBMITTED;
			invoices.add(invoice);
			this.submittedInQueue++;
		}
	}

	private void number(List<PlannedInvoice> invoices) {
		int year = Integer.MIN_VALUE;
		int sequence = 0;
		for (PlannedInvoice invoice : invoices) {
			invoice.id = ++this.invoiceIds;
			int issueYear = this.calendar.year(invoice.issueDay);
			if (issueYear != year) {
				year = issueYear;
				sequence = 0;
			}
			invoice.number = String.format(Locale.ROOT, "INV-%d-%06d", year, ++sequence);
		}
	}

	private void writeSchedules(ClientPlan client, List<PlannedInvoice> invoices, ScheduleTimes times) {
		TreeMap<Integer, long[]> schedules = new TreeMap<>();
		for (PlannedInvoice invoice : invoices) {
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
		for (PlannedInvoice invoice : invoices) {
			invoice.scheduleId = schedules.get(invoice.submittedOn)[0];
		}
	}

	/**
	 * Partial payments are paid on their own; settlements of one debtor on one day are
	 * paid together, up to four invoices a payment.
	 */
	private void writePayments(List<PlannedInvoice> invoices) {
		List<Payment> payments = new ArrayList<>();
		List<PlannedInvoice> settled = new ArrayList<>();
		for (PlannedInvoice invoice : invoices) {
			if (invoice.partialPayment != null) {
				payments.add(invoice.partialPayment);
			}
			if (invoice.settlement != null) {
				settled.add(invoice);
			}
		}
		settled.sort(Comparator.comparingLong((PlannedInvoice invoice) -> invoice.debtor.id)
			.thenComparingInt((invoice) -> invoice.settledOn)
			.thenComparingLong((invoice) -> invoice.id));
		int start = 0;
		while (start < settled.size()) {
			PlannedInvoice first = settled.get(start);
			int end = start + 1;
			while (end < settled.size() && end - start < 4 && settled.get(end).debtor == first.debtor
					&& settled.get(end).settledOn == first.settledOn) {
				end++;
			}
			Payment payment = new Payment(first.debtor, first.settledOn);
			for (int i = start; i < end; i++) {
				PlannedInvoice invoice = settled.get(i);
				payment.allocations.add(invoice.settlement);
				invoice.settlementPayment = payment;
			}
			payments.add(payment);
			start = end;
		}
		payments.sort(Comparator.comparingInt((Payment payment) -> payment.receivedOn)
			.thenComparingLong((payment) -> payment.debtor.id)
			.thenComparingLong((payment) -> payment.allocations.get(0).invoice().id));
		Rows paymentRows = this.batch.rows(Table.PAYMENT);
		Rows allocationRows = this.batch.rows(Table.PAYMENT_ALLOCATION);
		for (Payment payment : payments) {
			payment.id = ++this.paymentIds;
			long total = 0;
			for (Allocation allocation : payment.allocations) {
				total += allocation.cents();
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
					.id(allocation.invoice().id)
					.money(allocation.cents())
					.date(payment.receivedOn)
					.end();
			}
		}
	}

	private void writeInvoices(ClientPlan client, List<PlannedInvoice> invoices) {
		Rows invoiceRows = this.batch.rows(Table.INVOICE);
		Rows transitionRows = this.batch.rows(Table.INVOICE_TRANSITION);
		Rows disputeRows = this.batch.rows(Table.DISPUTE);
		Rows creditNoteRows = this.batch.rows(Table.CREDIT_NOTE);
		for (PlannedInvoice invoice : invoices) {
			invoiceRows.id(invoice.id)
				.id(client.id)
				.id(invoice.debtor.id)
				.id(invoice.scheduleId)
				.text(invoice.number)
				.date(invoice.issueDay)
				.date(invoice.dueDay)
				.money(invoice.cents)
				.text(Money.CURRENCY)
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
						.id((note.dispute() != null) ? note.dispute().id : NONE)
						.date(note.issuedOn())
						.money(note.cents())
						.text(note.reason())
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
	 * A recent invoice another client could pledge again.
	 */
	private record Recent(DebtorPlan debtor, int issueDay, int dueDay, long cents) {
	}

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

	/**
	 * When each schedule of one client was submitted: one time of day per submission day,
	 * during office hours.
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
