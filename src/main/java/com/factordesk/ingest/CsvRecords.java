package com.factordesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file record by record as it streams in (RFC 4180: comma-separated, fields
 * in double quotes may hold commas, quotes doubled and line breaks; lines end in LF or
 * CRLF), decoding strict UTF-8 (a byte sequence that is not UTF-8 stops the reading with
 * the line it is on); a byte order mark at the start is skipped. A blank line is no
 * record. Only the record being read is held.
 */
final class CsvRecords implements AutoCloseable {

	/**
	 * The longest field read; a longer one is cut here (and then refused by its column's
	 * own limit), so that a file without line breaks cannot fill the memory.
	 */
	static final int MAX_FIELD = 4_096;

	/**
	 * The most fields a record may have: more stops the reading (a file of one line of
	 * commas cannot fill the memory either).
	 */
	static final int MAX_FIELDS = 64;

	private int line = 1;

	private int pushedBack = -2;

	private boolean started;

	private final InputStream in;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final ByteBuffer bytes = ByteBuffer.allocate(8_192).flip();

	private final CharBuffer chars = CharBuffer.allocate(8_192).flip();

	private boolean ended;

	private boolean malformed;

	private boolean flushed;

	CsvRecords(InputStream in) {
		this.in = in;
	}

	/**
	 * The next record, or {@code null} at the end of the file.
	 * @throws Unreadable when the bytes are not UTF-8 or a quoted field is not closed
	 */
	CsvRecord next() throws IOException {
		while (true) {
			int first = read();
			if (first == -1) {
				return null;
			}
			if (first == '\n') {
				this.line++;
				continue;
			}
			if (first == '\r') {
				// CRLF, or a stray CR: no record starts with it
				int next = read();
				if (next != '\n') {
					unread(next);
				}
				else {
					this.line++;
				}
				continue;
			}
			unread(first);
			return record();
		}
	}

	private CsvRecord record() throws IOException {
		int startLine = this.line;
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		while (true) {
			int c = read();
			if (quoted) {
				if (c == -1) {
					throw new Unreadable(startLine, "import.csv.unclosedQuote",
							"A quoted field opened on line " + startLine + " is not closed");
				}
				if (c == '"') {
					if (peek() == '"') {
						read();
						append(field, '"');
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						this.line++;
					}
					append(field, (char) c);
				}
				continue;
			}
			if (c == -1 || c == '\n' || (c == '\r' && peek() == '\n')) {
				if (c == '\r') {
					read();
				}
				fields.add(field.toString());
				if (c != -1) {
					this.line++;
				}
				return new CsvRecord(startLine, fields);
			}
			if (c == ',') {
				if (fields.size() >= MAX_FIELDS) {
					throw new Unreadable(startLine, "import.csv.tooManyFields",
							"Line " + startLine + " has more than " + MAX_FIELDS + " fields");
				}
				fields.add(field.toString());
				field.setLength(0);
				wasQuoted = false;
			}
			else if (c == '"' && field.isEmpty() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
			}
			else {
				append(field, (char) c);
			}
		}
	}

	private static void append(StringBuilder field, char c) {
		if (field.length() < MAX_FIELD) {
			field.append(c);
		}
	}

	private int peek() throws IOException {
		int c = read();
		unread(c);
		return c;
	}

	private void unread(int c) {
		this.pushedBack = c;
	}

	private int read() throws IOException {
		if (this.pushedBack != -2) {
			int c = this.pushedBack;
			this.pushedBack = -2;
			return c;
		}
		if (!this.chars.hasRemaining() && !fill()) {
			return -1;
		}
		return this.chars.get();
	}

	/**
	 * Decodes the next bytes; the characters before a malformed sequence are read first,
	 * so that the sequence is reported on its own line.
	 * @return whether there is a character to read
	 */
	private boolean fill() throws IOException {
		if (this.malformed) {
			throw new Unreadable(this.line, "import.csv.notUtf8", "Line " + this.line + " is not UTF-8 text");
		}
		if (this.flushed) {
			return false;
		}
		this.chars.clear();
		while (this.chars.position() == 0) {
			if (!this.ended && this.bytes.remaining() < 4) {
				this.bytes.compact();
				int read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
				if (read == -1) {
					this.ended = true;
				}
				else {
					this.bytes.position(this.bytes.position() + read);
				}
				this.bytes.flip();
			}
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.ended);
			if (result.isError()) {
				this.malformed = true;
				break;
			}
			if (this.ended && !this.bytes.hasRemaining()) {
				this.flushed = true;
				if (this.decoder.flush(this.chars).isError()) {
					this.malformed = true;
				}
				break;
			}
		}
		this.chars.flip();
		if (!this.started && this.chars.hasRemaining()) {
			this.started = true;
			if (this.chars.get(0) == '\uFEFF') {
				this.chars.get();
			}
		}
		if (!this.chars.hasRemaining()) {
			if (this.malformed) {
				throw new Unreadable(this.line, "import.csv.notUtf8", "Line " + this.line + " is not UTF-8 text");
			}
			return false;
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * One record: the line it starts on (counting from 1) and its fields as written.
	 */
	record CsvRecord(int line, List<String> fields) {
	}

	/**
	 * The file cannot be read on from this line.
	 */
	static final class Unreadable extends IOException {

		private final int line;

		private final String code;

		Unreadable(int line, String code, String message) {
			super(message);
			this.line = line;
			this.code = code;
		}

		int line() {
			return this.line;
		}

		String code() {
			return this.code;
		}

	}

}
