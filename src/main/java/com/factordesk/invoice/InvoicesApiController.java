package com.factordesk.invoice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.factordesk.shared.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The invoices API (DESIGN section 7): a page of the book's invoices, of one client and
 * in one status when asked, in the order they were taken in, each with what is still
 * outstanding on it today (face - collected - credited). Pages count from 0, as Spring
 * Data's do. An unknown client is a 404 problem; an unknown status, a page or size out of
 * range a 400 problem that says the allowed values.
 */
@RestController
@Tag(name = "Invoices", description = "The book's invoices, page by page")
@RequestMapping("/api/v1")
class InvoicesApiController {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	/**
	 * A page of invoices with their refs and outstanding amounts: the page's ids first,
	 * in order, through the invoice's own indexes, then their rows.
	 */
	private static final String PAGE = """
			SELECT c.ref AS client_ref, i.number, d.ref AS debtor_ref, i.issue_date, i.due_date, i.amount,
			       i.amount - COALESCE(p.collected, 0) - COALESCE(n.credited, 0) AS outstanding, i.status, i.funded_on
			FROM (SELECT i.id FROM invoice i WHERE %s ORDER BY i.id LIMIT :limit OFFSET :offset) page
			JOIN invoice i ON i.id = page.id
			JOIN client c ON c.id = i.client_id
			JOIN debtor d ON d.id = i.debtor_id
			LEFT JOIN LATERAL (SELECT SUM(a.amount) AS collected FROM payment_allocation a
			                   WHERE a.invoice_id = i.id AND a.received_on <= :today
			                     AND (a.reversed_on IS NULL OR a.reversed_on > :today)) p ON TRUE
			LEFT JOIN LATERAL (SELECT SUM(n.amount) AS credited FROM credit_note n
			                   WHERE n.invoice_id = i.id AND n.issued_on <= :today) n ON TRUE
			ORDER BY i.id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	InvoicesApiController(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Operation(summary = "List invoices", description = "Newest first; optionally one client's (its ref) and one "
			+ "status (SUBMITTED, VERIFIED, AWAITING_SECOND_APPROVAL, HELD, APPROVED, FUNDED, PARTIALLY_PAID, PAID, "
			+ "CHARGED_BACK, WRITTEN_OFF, REJECTED). " + "Pages count from 0; size 1-500, 50 by default.")
	@GetMapping("/invoices")
	@Transactional(readOnly = true)
	InvoicePageJson invoices(@RequestParam(required = false) String clientRef,
			@RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "" + DEFAULT_SIZE) @Min(1) @Max(MAX_SIZE) int size) {
		Optional<Long> client = Optional.empty();
		if (StringUtils.hasText(clientRef)) {
			String ref = clientRef.strip();
			client = Optional.of(this.jdbc.sql("SELECT id FROM client WHERE ref = :ref")
				.param("ref", ref)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("Client", ref)));
		}
		Optional<InvoiceStatus> wanted = Optional.empty();
		if (StringUtils.hasText(status)) {
			wanted = Optional.of(status(status.strip()));
		}
		String where = (client.isPresent() ? "i.client_id = :client" : "TRUE")
				+ (wanted.isPresent() ? " AND i.status = :status" : "");
		LocalDate today = LocalDate.now(this.clock);
		JdbcClient.StatementSpec rows = bind(this.jdbc.sql(PAGE.formatted(where)), client, wanted).param("limit", size)
			.param("offset", (long) page * size)
			.param("today", today);
		List<InvoiceJson> content = rows.query((rs, row) -> new InvoiceJson(rs.getString("client_ref"),
				rs.getString("number"), rs.getString("debtor_ref"), rs.getObject("issue_date", LocalDate.class),
				rs.getObject("due_date", LocalDate.class), rs.getBigDecimal("amount"), rs.getBigDecimal("outstanding"),
				rs.getString("status"), rs.getObject("funded_on", LocalDate.class)))
			.list();
		long total = bind(this.jdbc.sql("SELECT COUNT(*) FROM invoice i WHERE " + where), client, wanted)
			.query(Long.class)
			.single();
		return new InvoicePageJson(content, total, page, size, (int) ((total + size - 1) / size));
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Optional<Long> client,
			Optional<InvoiceStatus> status) {
		JdbcClient.StatementSpec bound = statement;
		if (client.isPresent()) {
			bound = bound.param("client", client.get());
		}
		if (status.isPresent()) {
			bound = bound.param("status", status.get().name());
		}
		return bound;
	}

	private static InvoiceStatus status(String text) {
		return Arrays.stream(InvoiceStatus.values())
			.filter((candidate) -> candidate.name().equalsIgnoreCase(text))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Unknown status '" + clip(text) + "': one of "
							+ Arrays.stream(InvoiceStatus.values()).map(Enum::name).collect(Collectors.joining(", "))));
	}

	private static String clip(String text) {
		return (text.length() > 40) ? text.substring(0, 40) : text;
	}

	/**
	 * The contract's fields ({@code content}, {@code totalElements}), then where the page
	 * is.
	 */
	record InvoicePageJson(List<InvoiceJson> content, long totalElements, int page, int size, int totalPages) {
	}

	/**
	 * One invoice: money as numbers with two decimals, dates ISO; {@code fundedOn} is
	 * {@code null} until it is funded.
	 */
	record InvoiceJson(String clientRef, String number, String debtorRef, LocalDate issueDate, LocalDate dueDate,
			BigDecimal amount, BigDecimal outstanding, String status, LocalDate fundedOn) {
	}

}
