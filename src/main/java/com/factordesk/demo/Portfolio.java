package com.factordesk.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import com.factordesk.demo.InvoiceLifecycle.ScheduleTimes;

/**
 * The portfolio generated from one seed: plans debtors, clients and who buys from whom
 * ({@link BookPlanner}), then lives each client's invoices ({@link InvoiceLifecycle}) and
 * streams them as batches of {@code COPY} rows ({@link RowWriter}). Every part draws from
 * its own split of the seed's random stream.
 */
final class Portfolio {

	private final DemoScale scale;

	private final DeskCalendar calendar;

	private final int today;

	private final SplittableRandom random;

	private final CompanyNames names;

	private final RowWriter writer;

	private BookPlanner planner;

	private InvoiceLifecycle lifecycle;

	Portfolio(DemoScale scale, LocalDate today, long seed, CopyLoader loader, BandHistory bands) {
		this.scale = scale;
		this.calendar = new DeskCalendar(today);
		this.today = (int) today.toEpochDay();
		this.random = new SplittableRandom(seed);
		this.names = new CompanyNames(this.random.split());
		this.writer = new RowWriter(this.calendar, this.today, loader, bands);
	}

	void generate() {
		SplittableRandom debtorRandom = this.random.split();
		SplittableRandom clientRandom = this.random.split();
		SplittableRandom relationRandom = this.random.split();
		SplittableRandom bureauRandom = this.random.split();
		SplittableRandom invoiceRandom = this.random.split();
		SplittableRandom accountRandom = this.random.split();
		SplittableRandom debtorAccountRandom = this.random.split();
		this.planner = new BookPlanner(this.scale, this.today, this.names);
		this.planner.planDebtors(debtorRandom);
		this.planner.planClients(clientRandom);
		this.planner.planRelations(relationRandom);
		DebtorPlan[] debtors = this.planner.debtors();
		ClientPlan[] clients = this.planner.clients();
		PayoutAccounts.assign(clients, accountRandom);
		PayoutAccounts.assign(debtors, debtorAccountRandom);
		this.writer.writeClientsAndDebtors(clients, debtors);
		this.writer.writeBureauScores(debtors, bureauRandom);
		this.lifecycle = new InvoiceLifecycle(this.calendar, this.today, debtors);
		for (ClientPlan client : clients) {
			SplittableRandom r = invoiceRandom.split();
			ScheduleTimes times = new ScheduleTimes(this.calendar);
			List<PlannedInvoice> invoices = this.lifecycle.invoices(client, times, r);
			this.writer.writeClientInvoices(client, invoices, times);
			this.lifecycle.remember(invoices);
		}
		this.writer.flush();
	}

	GenerationReport report(RowWriter.Exposures exposures, Duration elapsed) {
		return this.writer.report(this.planner.clients().length, this.planner.debtors().length,
				this.lifecycle.submittedInQueue(), exposures, elapsed);
	}

}
