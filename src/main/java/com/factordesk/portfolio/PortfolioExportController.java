package com.factordesk.portfolio;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.LongRunning;
import com.factordesk.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Every table of the portfolio dashboard (each {@link PortfolioTable} bean) as CSV or
 * XLSX, for the scope and date of the page it sits on:
 * {@code /portfolio/export/{name}.csv} and {@code .xlsx} with {@code asOf},
 * {@code clientRef} and {@code debtorRef}. The rows are written as the table streams
 * them: the CSV straight to the response, the XLSX through POI's streaming workbook (a
 * window of rows in memory, the rest in a temporary file). An unknown table or reference
 * is a 404, a date that is not one a 400, as on the page.
 */
@Controller
@LongRunning
class PortfolioExportController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final PortfolioScopes scopes;

	private final ObjectProvider<PortfolioTable> tables;

	PortfolioExportController(PortfolioScopes scopes, ObjectProvider<PortfolioTable> tables) {
		this.scopes = scopes;
		this.tables = tables;
	}

	@GetMapping("/portfolio/export/{name}.csv")
	@ResponseBody
	void csv(@PathVariable String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef,
			HttpServletResponse response) throws IOException {
		PortfolioTable table = table(name);
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(table, scope, "csv"));
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				64 * 1024);
		CsvTable csv = new CsvTable(out, table.columns());
		try {
			csv.header();
			table.rows(scope, csv::row);
		}
		catch (UncheckedIOException ex) {
			// the reader went away while the rows streamed: what the container makes of
			// it
			throw ex.getCause();
		}
		out.flush();
	}

	@GetMapping("/portfolio/export/{name}.xlsx")
	@ResponseBody
	void xlsx(@PathVariable String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef,
			HttpServletResponse response) throws IOException {
		PortfolioTable table = table(name);
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		try (XlsxTable xlsx = new XlsxTable(table.name(), table.columns())) {
			table.rows(scope, xlsx::row);
			// the rows are in the workbook's temporary file: nothing was sent yet, so a
			// failure above is still an error page
			response.setContentType(XLSX);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(table, scope, "xlsx"));
			xlsx.write(response.getOutputStream());
		}
		response.flushBuffer();
	}

	private PortfolioTable table(String name) {
		return this.tables.orderedStream()
			.filter((table) -> name.equals(table.name()))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Table", name));
	}

	/**
	 * The file's name: the table, the scope (the client's and the debtor's reference, or
	 * {@code portfolio}) and the date, e.g. {@code open-items-C0001-2026-11-25.csv}.
	 */
	static String attachment(PortfolioTable table, PortfolioScope scope, String extension) {
		List<String> parts = new java.util.ArrayList<>();
		parts.add(table.name());
		if (scope.isPortfolio()) {
			parts.add("portfolio");
		}
		if (scope.clientRef() != null) {
			parts.add(scope.clientRef());
		}
		if (scope.debtorRef() != null) {
			parts.add(scope.debtorRef());
		}
		parts.add(scope.asOf().toString());
		String filename = String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension;
		return ContentDisposition.attachment().filename(filename).build().toString();
	}

}
