package com.factordesk.portfolio;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.factordesk.shared.Money;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a {@link PortfolioTable} as an XLSX workbook with Apache POI's streaming
 * {@link SXSSFWorkbook}: only a window of rows sits in memory, the rest goes to a
 * compressed temporary file that {@link #close()} removes. Cells are typed: amounts,
 * counts and ratios are numbers with a number format (money {@code #,##0.00}, shares as
 * percentages), dates are dates ({@code yyyy-mm-dd}); the header row is bold and frozen.
 * A table longer than a sheet (1,048,576 rows) goes on in a next sheet, headed again.
 */
final class XlsxTable implements Closeable {

	/**
	 * The rows kept in memory; the ones before them are flushed to the temporary file.
	 */
	private static final int WINDOW = 200;

	static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

	private final SXSSFWorkbook workbook;

	private final String name;

	private final List<PortfolioTable.Column> columns;

	private final Map<PortfolioTable.Kind, CellStyle> styles = new EnumMap<>(PortfolioTable.Kind.class);

	private final CellStyle headerStyle;

	private SXSSFSheet sheet;

	private int sheets;

	private int nextRow;

	/**
	 * The rows of a sheet, its header included.
	 */
	private final int sheetRows;

	XlsxTable(String name, List<PortfolioTable.Column> columns) {
		this(name, columns, MAX_ROWS);
	}

	XlsxTable(String name, List<PortfolioTable.Column> columns, int sheetRows) {
		this.sheetRows = sheetRows;
		this.workbook = new SXSSFWorkbook(WINDOW);
		this.workbook.setCompressTempFiles(true);
		this.name = name;
		this.columns = columns;
		DataFormat formats = this.workbook.createDataFormat();
		style(PortfolioTable.Kind.MONEY, formats, "#,##0.00");
		style(PortfolioTable.Kind.DECIMAL, formats, "#,##0.00");
		style(PortfolioTable.Kind.SHARE, formats, "0.00%");
		style(PortfolioTable.Kind.COUNT, formats, "#,##0");
		style(PortfolioTable.Kind.DATE, formats, "yyyy-mm-dd");
		Font bold = this.workbook.createFont();
		bold.setBold(true);
		this.headerStyle = this.workbook.createCellStyle();
		this.headerStyle.setFont(bold);
		newSheet();
	}

	void row(List<Object> values) {
		if (values.size() != this.columns.size()) {
			throw new IllegalStateException(
					"A row of " + values.size() + " values for " + this.columns.size() + " columns");
		}
		if (this.nextRow == this.sheetRows) {
			newSheet();
		}
		Row row = this.sheet.createRow(this.nextRow++);
		for (int i = 0; i < values.size(); i++) {
			Object value = values.get(i);
			if (value == null) {
				continue;
			}
			Cell cell = row.createCell(i);
			CellStyle style = this.styles.get(this.columns.get(i).kind());
			if (style != null) {
				cell.setCellStyle(style);
			}
			if (value instanceof Money money) {
				cell.setCellValue(money.amount().doubleValue());
			}
			else if (value instanceof Number number) {
				// BigDecimal, Long, Integer: a spreadsheet's number is a double
				cell.setCellValue(
						(number instanceof BigDecimal decimal) ? decimal.doubleValue() : number.doubleValue());
			}
			else if (value instanceof LocalDate date) {
				cell.setCellValue(date);
			}
			else {
				cell.setCellValue(value.toString());
			}
		}
	}

	void write(OutputStream out) throws IOException {
		this.workbook.write(out);
	}

	/**
	 * Removes the temporary files.
	 */
	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

	private void style(PortfolioTable.Kind kind, DataFormat formats, String format) {
		CellStyle style = this.workbook.createCellStyle();
		style.setDataFormat(formats.getFormat(format));
		this.styles.put(kind, style);
	}

	private void newSheet() {
		this.sheets++;
		this.sheet = this.workbook.createSheet(
				(this.sheets == 1) ? sheetName(this.name, "") : sheetName(this.name, " (" + this.sheets + ")"));
		this.sheet.createFreezePane(0, 1);
		Row header = this.sheet.createRow(0);
		for (int i = 0; i < this.columns.size(); i++) {
			Cell cell = header.createCell(i);
			cell.setCellValue(this.columns.get(i).header());
			cell.setCellStyle(this.headerStyle);
			this.sheet.setColumnWidth(i, width(this.columns.get(i)) * 256);
		}
		this.nextRow = 1;
	}

	private static int width(PortfolioTable.Column column) {
		int data = switch (column.kind()) {
			case TEXT -> 24;
			case DATE -> 11;
			case MONEY -> 16;
			default -> 10;
		};
		return Math.max(data, column.header().length() + 2);
	}

	/**
	 * A sheet's name: at most 31 characters, none of {@code []:*?/\}.
	 */
	static String sheetName(String name, String suffix) {
		String plain = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
		int room = 31 - suffix.length();
		return ((plain.length() > room) ? plain.substring(0, room) : plain) + suffix;
	}

}
