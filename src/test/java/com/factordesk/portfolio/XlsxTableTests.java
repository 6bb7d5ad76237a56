package com.factordesk.portfolio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import com.factordesk.portfolio.PortfolioTable.Column;
import com.factordesk.portfolio.PortfolioTable.Kind;
import com.factordesk.shared.Money;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XLSX with typed cells, read back with POI: numbers as numbers with their format, dates
 * as dates, text as text; a table longer than a sheet goes on in the next.
 */
class XlsxTableTests {

	private static final List<Column> COLUMNS = List.of(new Column("name", Kind.TEXT), new Column("day", Kind.DATE),
			new Column("amount", Kind.MONEY), new Column("invoices", Kind.COUNT), new Column("share", Kind.SHARE),
			new Column("dso", Kind.DECIMAL));

	@Test
	void cellsAreTypedAndFormatted() throws Exception {
		byte[] bytes;
		try (XlsxTable xlsx = new XlsxTable("aging", COLUMNS);
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			xlsx.row(Arrays.asList("=SUM(A1)", LocalDate.of(2024, 2, 29), Money.of("1234567.50"), 12L,
					new BigDecimal("0.125000"), new BigDecimal("73.71")));
			xlsx.row(Arrays.asList("Nobody", null, Money.ZERO, 0, null, null));
			xlsx.write(out);
			bytes = out.toByteArray();
		}
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			Sheet sheet = workbook.getSheet("aging");
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("amount");
			assertThat(workbook.getSheet("aging").getPaneInformation().getHorizontalSplitPosition())
				.isEqualTo((short) 1);
			Row row = sheet.getRow(1);
			assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
			assertThat(row.getCell(0).getStringCellValue()).isEqualTo("=SUM(A1)");
			assertThat(DateUtil.isCellDateFormatted(row.getCell(1))).isTrue();
			assertThat(row.getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
			assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(1234567.50);
			assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
			assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(12);
			assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
			assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(0.125);
			assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
			assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(73.71);
			Row empty = sheet.getRow(2);
			assertThat(empty.getCell(1)).isNull();
			assertThat(empty.getCell(2).getNumericCellValue()).isZero();
		}
	}

	@Test
	void aTableLongerThanASheetGoesOnInTheNextHeadedAgain() throws Exception {
		byte[] bytes;
		// three rows a sheet: the header and two rows; five rows fill three sheets
		try (XlsxTable xlsx = new XlsxTable("open-items", List.of(new Column("n", Kind.COUNT)), 3);
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			for (long n = 1; n <= 5; n++) {
				xlsx.row(List.of(n));
			}
			xlsx.write(out);
			bytes = out.toByteArray();
		}
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
			assertThat(workbook.getSheetName(1)).isEqualTo("open-items (2)");
			Sheet last = workbook.getSheetAt(2);
			assertThat(last.getRow(0).getCell(0).getStringCellValue()).isEqualTo("n");
			assertThat(last.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(5);
			assertThat(last.getLastRowNum()).isEqualTo(1);
		}
	}

	@Test
	void aSheetNameHasAtMost31CharactersAndNoneThatExcelRefuses() {
		assertThat(XlsxTable.sheetName("a/b:c", "")).isEqualTo("a_b_c");
		assertThat(XlsxTable.sheetName("x".repeat(40), " (2)")).isEqualTo("x".repeat(27) + " (2)");
	}

}
