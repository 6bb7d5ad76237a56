package com.factordesk.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The CSV reader of the imports: RFC 4180 quoting, line numbers as an editor shows them,
 * strict UTF-8 with the line of the first bad byte.
 */
class CsvRecordsTests {

	@Test
	void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
		List<CsvRecords.CsvRecord> records = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");

		assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1, 2, 4);
		assertThat(records.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
		assertThat(records.get(2).fields()).containsExactly("last", "", "");
	}

	@Test
	void blankLinesAreNoRecordsAndKeepTheCount() throws IOException {
		List<CsvRecords.CsvRecord> records = read("\uFEFFh1,h2\n\n\r\nv1,v2");

		assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1, 4);
		assertThat(records.get(0).fields()).containsExactly("h1", "h2");
		assertThat(records.get(1).fields()).containsExactly("v1", "v2");
	}

	@Test
	void aStrayCarriageReturnStartsNoRecordAndLosesNothing() throws IOException {
		List<CsvRecords.CsvRecord> records = read("h1,h2\n\rC1,D1\n\r\nC2,D2\n");

		assertThat(records).extracting(CsvRecords.CsvRecord::fields)
			.containsExactly(List.of("h1", "h2"), List.of("C1", "D1"), List.of("C2", "D2"));
		assertThat(records.get(2).line()).isEqualTo(4);
	}

	@Test
	void aLineOfTooManyFieldsStopsTheReading() {
		assertThatExceptionOfType(CsvRecords.Unreadable.class).isThrownBy(() -> read("h\n" + ",".repeat(100) + "\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("import.csv.tooManyFields"));
	}

	@Test
	void multiByteCharactersAcrossTheReadBufferStayWhole() throws IOException {
		// 3,000 lines of "é€" (2 and 3 bytes) cross the 8 KiB buffer many times
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 3_000; i++) {
			text.append("é€").append(i).append(",Zoë\n");
		}
		List<CsvRecords.CsvRecord> records = read(text.toString());

		assertThat(records).hasSize(3_000);
		assertThat(records.get(2_999).fields()).containsExactly("é€2999", "Zoë");
		assertThat(records.get(2_999).line()).isEqualTo(3_000);
	}

	@Test
	void aByteThatIsNotUtf8StopsTheReadingOnItsLine() {
		byte[] latin1 = "h\nfine\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(CsvRecords.Unreadable.class).isThrownBy(() -> read(latin1))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("import.csv.notUtf8"));
	}

	@Test
	void anUnclosedQuoteSaysWhereItOpened() {
		assertThatExceptionOfType(CsvRecords.Unreadable.class).isThrownBy(() -> read("h\nok\n\"open,\nmore\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("import.csv.unclosedQuote"));
	}

	private static List<CsvRecords.CsvRecord> read(String text) throws IOException {
		return read(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<CsvRecords.CsvRecord> read(byte[] bytes) throws IOException {
		List<CsvRecords.CsvRecord> records = new ArrayList<>();
		try (CsvRecords reader = new CsvRecords(new ByteArrayInputStream(bytes))) {
			CsvRecords.CsvRecord record;
			while ((record = reader.next()) != null) {
				records.add(record);
			}
		}
		return records;
	}

}
