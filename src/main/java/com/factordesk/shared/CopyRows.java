package com.factordesk.shared;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows copied into a table of the current transaction with PostgreSQL's {@code COPY ...
 * FROM STDIN WITH (FORMAT csv)}, a chunk of 64 KiB at a time, so that an import holds one
 * chunk, never its file. Texts are quoted (a quote doubled), other values written as they
 * print; {@code null} is written as the empty unquoted field, which CSV reads as NULL.
 */
public final class CopyRows {

	private static final int CHUNK_CHARS = 1 << 16;

	private final PGConnection connection;

	private final String copy;

	private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1_024);

	private boolean rowStarted;

	private long rows;

	private CopyRows(PGConnection connection, String copy) {
		this.connection = connection;
		this.copy = copy;
	}

	/**
	 * Rows for this {@code COPY table (columns) FROM STDIN WITH (FORMAT csv)}, on the
	 * connection of the current transaction.
	 */
	public static CopyRows into(DataSource dataSource, String copy) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return new CopyRows(connection.unwrap(PGConnection.class), copy);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The connection is not PostgreSQL's", ex);
		}
	}

	/**
	 * The next field of the row, a text.
	 */
	public CopyRows text(String value) {
		separate();
		if (value != null) {
			this.chunk.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"') {
					this.chunk.append('"');
				}
				this.chunk.append(c);
			}
			this.chunk.append('"');
		}
		return this;
	}

	/**
	 * The next field of the row, a number or a date.
	 */
	public CopyRows value(Object value) {
		separate();
		if (value != null) {
			this.chunk.append((value instanceof java.math.BigDecimal decimal) ? decimal.toPlainString() : value);
		}
		return this;
	}

	/**
	 * Ends the row; copies the chunk when it is full.
	 */
	public void endRow() {
		this.chunk.append('\n');
		this.rowStarted = false;
		this.rows++;
		if (this.chunk.length() >= CHUNK_CHARS) {
			flush();
		}
	}

	/**
	 * Copies what is left.
	 * @return the rows copied in all
	 */
	public long finish() {
		flush();
		return this.rows;
	}

	private void separate() {
		if (this.rowStarted) {
			this.chunk.append(',');
		}
		this.rowStarted = true;
	}

	private void flush() {
		if (this.chunk.isEmpty()) {
			return;
		}
		try {
			this.connection.getCopyAPI().copyIn(this.copy, new ChunkReader(this.chunk));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not copy the rows: " + ex.getMessage(), ex);
		}
		this.chunk.setLength(0);
	}

	/**
	 * A chunk read as the COPY's input, without copying it into a string.
	 */
	private static final class ChunkReader extends Reader {

		private final StringBuilder text;

		private int position;

		ChunkReader(StringBuilder text) {
			this.text = text;
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (this.position >= this.text.length()) {
				return -1;
			}
			int count = Math.min(length, this.text.length() - this.position);
			this.text.getChars(this.position, this.position + count, buffer, offset);
			this.position += count;
			return count;
		}

		@Override
		public void close() {
		}

	}

}
