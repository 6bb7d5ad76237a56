package com.factordesk.demo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams batches of rows to PostgreSQL with {@code COPY} on a second thread, one at a
 * time, while the next one is built: the connection is only ever used by one thread at a
 * time.
 */
final class CopyLoader implements AutoCloseable {

	/**
	 * No day, id or number: written as NULL.
	 */
	static final int NONE = Integer.MIN_VALUE;

	private static final int CHUNK_CHARS = 1 << 16;

	private final CopyManager copyManager;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "demo-portfolio-copy");
		thread.setDaemon(true);
		return thread;
	});

	private Future<?> pending;

	CopyLoader(CopyManager copyManager) {
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

	/**
	 * The tables in the order their rows are copied (parents first), with the columns
	 * written.
	 */
	enum Table {

		CLIENT("client", "id, ref, legal_name, registration_number, country, industry, onboarded_on, iban, bic"),

		FACILITY("facility",
				"id, client_id, facility_limit, default_advance_rate, recourse, recourse_days, notification, "
						+ "concentration_limit, currency, fee_structure, fee_period_days, day_count, client_fee_discount"),

		DEBTOR("debtor",
				"id, ref, name, registration_number, country, industry, credit_limit, insurer_limit, "
						+ "insurer_limit_expires_on"),

		BUREAU_SCORE("bureau_score", "id, debtor_id, provider, score, as_of"),

		SCHEDULE("schedule", "id, client_id, number, submitted_at, submitted_by"),

		INVOICE("invoice",
				"id, client_id, debtor_id, schedule_id, number, issue_date, due_date, amount, currency, status, "
						+ "submitted_at, funded_on, closed_on"),

		FUNDING_RUN("funding_run",
				"id, client_id, run_on, total, invoice_count, created_by, created_at, paid_by, paid_at"),

		ADVANCE("advance",
				"id, invoice_id, funding_run_id, funded_on, face, amount, reserve, advance_rate, fee_rate, "
						+ "fee_structure, fee_period_days, day_count, band_set_version"),

		INVOICE_TRANSITION("invoice_transition",
				"id, invoice_id, from_status, to_status, changed_by, changed_at, reason"),

		DISPUTE("dispute", "id, invoice_id, reason, opened_on, amount, resolved_on, outcome"),

		CREDIT_NOTE("credit_note", "id, invoice_id, dispute_id, issued_on, amount, reason"),

		PAYMENT("payment",
				"id, debtor_id, received_on, amount, reference, counterparty, iban, remittance, source, recorded_by, "
						+ "recorded_at"),

		PAYMENT_ALLOCATION("payment_allocation", "id, payment_id, invoice_id, amount, received_on"),

		SETTLEMENT("settlement",
				"id, invoice_id, client_id, kind, settled_on, days, face, advance, reserve, collected, credited, fee, "
						+ "fee_rate, fee_periods, shortfall, credit_loss, rebate, settled_by, settled_at"),

		REBATE_RUN("rebate_run", "id, client_id, run_on, total, created_by, created_at, paid_by, paid_at"),

		RESERVE_ENTRY("reserve_entry",
				"id, client_id, kind, amount, booked_on, invoice_id, payment_id, settlement_id, rebate_run_id, "
						+ "created_by, created_at");

		final String table;

		final String copy;

		Table(String table, String columns) {
			this.table = table;
			this.copy = "COPY " + table + " (" + columns + ") FROM STDIN";
		}

	}

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

		/**
		 * An amount that may be negative (a debit, a rebate the client owes).
		 */
		Rows signedMoney(long cents) {
			if (cents < 0) {
				this.text.append('-');
			}
			long abs = Math.abs(cents);
			int cent = (int) (abs % 100);
			this.text.append(abs / 100).append('.').append((char) ('0' + cent / 10)).append((char) ('0' + cent % 10));
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

}
