package com.factordesk.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static com.factordesk.demo.CopyLoader.NONE;
import static com.factordesk.demo.Sampling.apportion;
import static com.factordesk.demo.Sampling.niceAtLeast;
import static com.factordesk.demo.Sampling.pick;
import static com.factordesk.demo.Sampling.sample;
import static com.factordesk.demo.Sampling.shuffledRange;

/**
 * Plans who is in the book before any invoice is drawn: the debtors (country, size,
 * limits, archetype), the clients with their facilities and invoice counts, and which
 * client sells to which debtor on what terms.
 */
final class BookPlanner {

	/**
	 * The days of invoice history before today.
	 */
	static final int HISTORY_DAYS = 730;

	private static final double MEDIAN_AMOUNT = 4_000;

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

	private static final double[] TERMS_SHARES = { 0.10, 0.50, 0.20, 0.20 };

	/**
	 * Weekdays (Monday first) clients submit schedules on: every working day (the biggest
	 * clients), Monday-Wednesday-Friday, Monday-Thursday, Tuesday-Friday.
	 */
	private static final boolean[][] SUBMISSION_CADENCES = { { true, true, true, true, true, false, false },
			{ true, false, true, false, true, false, false }, { true, false, false, true, false, false, false },
			{ false, true, false, false, true, false, false } };

	private static final long[] FACILITY_LIMITS = { 250_000, 300_000, 400_000, 500_000, 600_000, 750_000, 1_000_000,
			1_250_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 3_500_000, 4_000_000, 4_500_000, 5_000_000 };

	private static final long[] CREDIT_LIMITS = { 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 60_000,
			75_000, 100_000, 125_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 600_000, 750_000,
			1_000_000 };

	/**
	 * A large invoice of a pair: 1.645 standard deviations above its mean log amount (one
	 * in twenty is larger).
	 */
	private static final double LARGE_INVOICE_SIGMAS = 1.645;

	private final DemoScale scale;

	private final int today;

	private final CompanyNames names;

	private DebtorPlan[] debtors;

	private ClientPlan[] clients;

	BookPlanner(DemoScale scale, int today, CompanyNames names) {
		this.scale = scale;
		this.today = today;
		this.names = names;
	}

	DebtorPlan[] debtors() {
		return this.debtors;
	}

	ClientPlan[] clients() {
		return this.clients;
	}

	// planning: debtors

	void planDebtors(SplittableRandom r) {
		int count = this.scale.debtors();
		Archetype[] archetypes = archetypes(count, r);
		int[] ranks = shuffledRange(count, r);
		this.debtors = new DebtorPlan[count];
		for (int i = 0; i < count; i++) {
			DebtorPlan debtor = new DebtorPlan();
			debtor.index = i;
			debtor.id = i + 1;
			debtor.ref = String.format(Locale.ROOT, "D%05d", debtor.id);
			debtor.country = COUNTRIES[pick(countryShares(archetypes[i]), r)];
			debtor.industry = DEBTOR_INDUSTRIES[r.nextInt(DEBTOR_INDUSTRIES.length)];
			debtor.name = this.names.company(debtor.country, debtor.industry);
			debtor.registration = this.names.registration(debtor.country);
			debtor.rank = ranks[i];
			double size = 1.0 - (debtor.rank + 0.5) / count;
			debtor.size = size;
			debtor.limitHeadroom = r.nextDouble(0.7, 1.0);
			debtor.limitSpread = r.nextDouble(0.0, 0.15);
			if (r.nextDouble() < 0.30) {
				debtor.insurerShare = r.nextDouble(0.4, 1.1);
				debtor.insurerExpiresOn = this.today + r.nextInt(-45, 366);
			}
			debtor.archetype = archetypes[i];
			debtor.behaviour(this.today, r);
			this.debtors[i] = debtor;
		}
	}

	/**
	 * Where a debtor of an archetype is based: punctual debtors more often in Germany,
	 * slow ones, defaulters and those without a pattern more often in France (the
	 * archetypes' shares in each country follow published payment surveys: German debtors
	 * most punctual, Southern Europe slowest).
	 */
	private static double[] countryShares(Archetype archetype) {
		double[] tilt = switch (archetype) {
			case PUNCTUAL -> new double[] { 1.0, 1.0, 1.4, 0.6 };
			case STEADY_SLOW, MIXED, DEFAULTER -> new double[] { 1.0, 1.0, 0.7, 1.5 };
			default -> new double[] { 1.0, 1.0, 1.0, 1.0 };
		};
		double[] shares = new double[COUNTRIES.length];
		double sum = 0;
		for (int i = 0; i < shares.length; i++) {
			shares[i] = DEBTOR_COUNTRY_SHARES[i] * tilt[i];
			sum += shares[i];
		}
		for (int i = 0; i < shares.length; i++) {
			shares[i] /= sum;
		}
		return shares;
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

	void planClients(SplittableRandom r) {
		int count = this.scale.clients();
		this.clients = new ClientPlan[count];
		double[] sizes = new double[count];
		for (int i = 0; i < count; i++) {
			sizes[i] = Math.exp(0.6 * r.nextGaussian());
		}
		int queueTotal = this.scale.queued();
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

	void planRelations(SplittableRandom r) {
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
		creditLimits();
	}

	/**
	 * Credit limits as a desk sets them, once it knows who buys from whom: the larger of
	 * what the debtor's standing earns (10,000 to 1,000,000 euros, rising steeply with
	 * its size: the debtor's own draws, as before) and what its business with our clients
	 * needs. The need is the advances the debtor is expected to have in use (over each
	 * client that sells to it: invoices a day x its share of them x their mean face x the
	 * facility's advance rate x the days they stay open, terms plus the debtor's usual
	 * lateness) times a headroom of 1.5 to 4.5 (from the same draws), plus the advance on
	 * one large invoice of its largest-invoicing client (one in twenty is larger), so
	 * that a single ordinary invoice does not break a small debtor's limit. Rounded up to
	 * a round limit. Sized so, most debtors use a small part of their limit and a few
	 * percent near or pass it (an unusually large invoice, a busy month, a debtor that
	 * slowed down or stopped paying): what the limit flags are for. An insurer covers 40
	 * % to 110 % of the limit.
	 */
	private void creditLimits() {
		double[] need = new double[this.debtors.length];
		double[] largest = new double[this.debtors.length];
		for (ClientPlan client : this.clients) {
			double perDay = client.invoices / (double) HISTORY_DAYS;
			double advanceRate = Double.parseDouble(client.advanceRate);
			double total = client.pairCumulative[client.pairCumulative.length - 1];
			double previous = 0;
			for (int p = 0; p < client.debtors.length; p++) {
				DebtorPlan debtor = this.debtors[client.debtors[p]];
				double share = (client.pairCumulative[p] - previous) / total;
				previous = client.pairCumulative[p];
				double meanFace = Math.exp(client.faceMu + client.pairFaceMu[p] + 0.5);
				double openDays = client.pairTerms[p] + debtor.lateChance * debtor.lateDays;
				need[debtor.index] += perDay * share * meanFace * advanceRate * openDays;
				largest[debtor.index] = Math.max(largest[debtor.index],
						Math.exp(client.faceMu + client.pairFaceMu[p] + LARGE_INVOICE_SIGMAS) * advanceRate);
			}
		}
		for (DebtorPlan debtor : this.debtors) {
			double standing = 10_000 * Math
				.exp(Math.log(100) * (Math.pow(debtor.size, 2.5) * debtor.limitHeadroom + debtor.limitSpread));
			double headroom = 1.5 + (debtor.limitHeadroom - 0.7) / 0.3 * 1.5 + debtor.limitSpread * 10;
			debtor.creditLimitCents = niceAtLeast(CREDIT_LIMITS,
					Math.max(standing, need[debtor.index] * headroom + largest[debtor.index])) * 100;
			if (debtor.insurerExpiresOn != NONE) {
				debtor.insurerLimitCents = niceAtLeast(CREDIT_LIMITS,
						debtor.creditLimitCents / 100 * debtor.insurerShare) * 100;
			}
		}
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
	 * prompt payer is 30 to 50 days late on a fifth of one client's invoices (a strained
	 * relation), a slow payer on time with another (a supplier it cannot do without).
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
						|| debtor.archetype == Archetype.DETERIORATING || debtor.lateChance < 0.3;
				client.pairOffset[p] = prompt ? r.nextInt(30, 51) : ClientPlan.ON_TIME;
			}
		}
	}

}
