package com.factordesk.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.factordesk.shared.Violation;

/**
 * Reads an import's file: its header, then each row as it streams in, a row being handed
 * on only while the file has no problem (from the first invalid row on, the rest is only
 * checked, so that the report lists every invalid row). An empty file, a header that does
 * not match, a file without rows, bytes that are not UTF-8 and an unclosed quote are
 * problems of the file.
 */
final class CsvFiles {

	private CsvFiles() {
	}

	/**
	 * Reads the file.
	 * @param csv the file; read to its end, not closed
	 * @param header the reader of the rows under this header, or {@code null} when the
	 * header does not match
	 * @param expected the header the file must have, for the problem that says so
	 * @param problems where the problems go
	 * @return the number of data rows
	 */
	static long read(InputStream csv, Function<List<String>, RowReader> header, String expected, Problems problems) {
		long rows = 0;
		try (CsvRecords records = new CsvRecords(new NonClosing(csv))) {
			CsvRecords.CsvRecord first = records.next();
			if (first == null) {
				problems.add(1, Violation.of("import.file.empty", "The file is empty"));
				return 0;
			}
			RowReader reader = header.apply(first.fields());
			if (reader == null) {
				problems.add(1, Violation.of("import.file.header", "The first line must be " + expected, expected,
						String.join(",", first.fields())));
				return 0;
			}
			CsvRecords.CsvRecord record;
			while ((record = records.next()) != null) {
				rows++;
				reader.read(record, problems);
			}
			if (rows == 0) {
				problems.add(2, Violation.of("import.file.noRows", "The file has a header and no rows"));
			}
		}
		catch (CsvRecords.Unreadable ex) {
			problems.add(ex.line(), Violation.of(ex.code(), ex.getMessage(), ex.line()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/**
	 * Reads a file whose header is exactly these columns (in any case, around spaces),
	 * each row handed on only when it has as many fields as the header.
	 * @return the number of data rows
	 */
	static long readFixed(InputStream csv, List<String> columns, RowReader rows, Problems problems) {
		return read(csv, (
				header) -> header.stream().map((name) -> name.strip().toLowerCase(Locale.ROOT)).toList().equals(columns)
						? (record, found) -> {
							if (record.fields().size() != columns.size()) {
								found.add(record.line(),
										Violation.of(
												"import.row.columns", "The line has " + record.fields().size()
														+ " fields; the header has " + columns.size(),
												record.fields().size(), columns.size()));
								return;
							}
							rows.read(record, found);
						} : null,
				String.join(",", columns), problems);
	}

	/**
	 * Checks one row on its own and, when it and every row before it are valid, stages
	 * it.
	 */
	interface RowReader {

		void read(CsvRecords.CsvRecord record, Problems problems);

	}

	/**
	 * The input stream of a request, left open for the container to close.
	 */
	private static final class NonClosing extends FilterInputStream {

		NonClosing(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
