package com.factordesk.demo;

/**
 * How big a demo portfolio is: clients, debtors and invoices (the underwriter queue
 * included) over two years.
 *
 * @param clients the clients, one facility each
 * @param debtors the debtors, many of them shared by several clients
 * @param invoices the invoices over two years, the ones waiting in the queue included
 * @param queue the invoices left waiting in the underwriters' queue; 0 for the usual
 * share, 0.5 % of the invoices ({@link #queued()})
 */
public record DemoScale(int clients, int debtors, int invoices, int queue) {

	private static final DemoScale DEMO = new DemoScale(40, 1_500, 36_000);

	private static final DemoScale BENCHMARK = new DemoScale(1_100, 50_000, 1_000_000);

	private static final int MIN_CLIENTS = 5;

	private static final int MIN_DEBTORS = 50;

	public DemoScale {
		if (clients < 1 || debtors < 1) {
			throw new IllegalArgumentException("A demo portfolio needs at least one client and one debtor");
		}
		if (invoices < clients) {
			throw new IllegalArgumentException(
					"A demo portfolio needs at least one invoice per client, got " + invoices + " for " + clients);
		}
		if (queue < 0 || queue > invoices / 2) {
			throw new IllegalArgumentException(
					"A demo queue holds at most half the invoices, got " + queue + " of " + invoices);
		}
	}

	public DemoScale(int clients, int debtors, int invoices) {
		this(clients, debtors, invoices, 0);
	}

	/**
	 * This portfolio with {@code queue} invoices waiting in the underwriters' queue.
	 */
	public DemoScale withQueue(int queue) {
		return new DemoScale(this.clients, this.debtors, this.invoices, queue);
	}

	/**
	 * How many invoices wait in the underwriters' queue: the given number, else 0.5 % of
	 * the invoices (at least one, at most half).
	 */
	public int queued() {
		if (this.queue > 0) {
			return this.queue;
		}
		return (int) Math.min(this.invoices / 2, Math.max(1, Math.round(this.invoices * 0.005)));
	}

	/**
	 * The demo portfolio: 40 clients, 1,500 debtors and 36,000 invoices over two years.
	 */
	public static DemoScale demo() {
		return DEMO;
	}

	/**
	 * A portfolio of the given number of invoices, with clients and debtors scaled along
	 * the curve through the demo size and the benchmark size (1,000,000 invoices: 1,100
	 * clients, 50,000 debtors), at least 5 clients and 50 debtors.
	 */
	public static DemoScale forInvoices(int invoices) {
		if (invoices < MIN_CLIENTS) {
			throw new IllegalArgumentException("A demo portfolio needs at least " + MIN_CLIENTS + " invoices");
		}
		double growth = Math.log((double) invoices / DEMO.invoices);
		double benchmarkGrowth = Math.log((double) BENCHMARK.invoices / DEMO.invoices);
		int clients = scaled(DEMO.clients, BENCHMARK.clients, growth, benchmarkGrowth);
		int debtors = scaled(DEMO.debtors, BENCHMARK.debtors, growth, benchmarkGrowth);
		return new DemoScale(Math.min(invoices, Math.max(MIN_CLIENTS, clients)), Math.max(MIN_DEBTORS, debtors),
				invoices);
	}

	private static int scaled(int demo, int benchmark, double growth, double benchmarkGrowth) {
		double exponent = Math.log((double) benchmark / demo) / benchmarkGrowth;
		return (int) Math.round(demo * Math.exp(exponent * growth));
	}

}
