package com.factordesk.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import com.factordesk.shared.LongRunning;
import com.factordesk.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/imports/{kind}} (DESIGN section 7): a CSV file in the body
 * ({@code text/csv}), read as it streams in, answered with the import's report: 200 when
 * it was imported or changed nothing, 422 when a row was invalid (nothing written), each
 * invalid row with its line, column and reason in the reader's language. Needs an API key
 * with import rights.
 */
@RestController
@Tag(name = "Imports", description = "CSV files in the formats of DESIGN section 7, all or nothing")
@RequestMapping("/api/v1/imports")
@LongRunning
class ImportsApiController {

	private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private final Imports imports;

	private final MessageSource messages;

	ImportsApiController(Imports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@Operation(summary = "Import a CSV file", description = "The body is the file (text/csv, UTF-8, a header row). "
			+ "Kinds: invoices, payments, disputes, bureau-scores. A file with any invalid row imports nothing and is answered 422 with "
			+ "every invalid row (line, field, reason); the same file twice answers UNCHANGED. One import runs at a "
			+ "time; affected debtors are re-scored after it. Needs a key with the import right.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
	@ApiResponse(responseCode = "200", description = "IMPORTED or UNCHANGED, with the counts")
	@ApiResponse(responseCode = "422", description = "REJECTED: nothing written; the report lists the invalid rows")
	@ApiResponse(responseCode = "415", description = "The body is not text/csv")
	@PostMapping("/{kind}")
	ResponseEntity<ImportJson> importFile(@PathVariable String kind, HttpServletRequest request,
			Authentication authentication, Locale locale) throws IOException {
		if (!Imports.KINDS.contains(kind)) {
			throw new NotFoundException("Import kind", kind + " (kinds: invoices, payments, disputes, bureau-scores)");
		}
		// checked here, not by the mapping, so that the answer is a problem like the
		// others
		if (!csv(request.getContentType())) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Send the file as text/csv (UTF-8), not " + request.getContentType());
		}
		ImportOutcome outcome;
		try (InputStream body = request.getInputStream()) {
			outcome = this.imports.importFile(kind, body, authentication.getName());
		}
		HttpStatus status = (outcome.status() == ImportStatus.REJECTED) ? HttpStatus.UNPROCESSABLE_CONTENT
				: HttpStatus.OK;
		return ResponseEntity.status(status).body(json(outcome, locale));
	}

	private static boolean csv(String contentType) {
		try {
			return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(TEXT_CSV);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private ImportJson json(ImportOutcome outcome, Locale locale) {
		return new ImportJson(outcome.kind(), outcome.status().name(), outcome.rows(),
				outcome.problems()
					.stream()
					.map((problem) -> new ErrorJson(problem.line(), problem.violation().field(),
							this.messages.getMessage(problem.violation(), locale), problem.violation().code()))
					.toList(),
				outcome.problemCount(), outcome.imported(), outcome.unchanged(), outcome.clientsOpened(),
				outcome.debtorsRegistered(), outcome.rescored(),
				(outcome.cash() != null) ? new CashJson(outcome.cash().applied().amount(),
						outcome.cash().unapplied().amount(), outcome.cash().invoicesPaid()) : null,
				(outcome.disputes() != null)
						? new DisputesJson(outcome.disputes().opened(), outcome.disputes().resolved(),
								outcome.disputes().creditNotes(), outcome.disputes().credited().amount())
						: null,
				outcome.likelyDuplicates(), (outcome.takeover() != null) ? TakeoverJson.of(outcome.takeover()) : null);
	}

	/**
	 * The contract's fields ({@code status}, {@code rows}, {@code errors}), then the rest
	 * of the report: how many errors in all (at most {@value ImportOutcome#LISTED} are
	 * listed), what changed and what was created; for a payments file, what its receipts
	 * applied and left unapplied, for a disputes file what it opened, resolved and
	 * credited ({@code null} for the other kinds); the new debtors that are likely
	 * another debtor's legal entity; for an invoices file with funded dates, what it took
	 * over and left over a limit.
	 */
	@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
	record ImportJson(String kind, String status, long rows, List<ErrorJson> errors, long errorCount, long imported,
			long unchanged, List<String> clientsOpened, List<String> debtorsRegistered, long rescored, CashJson cash,
			DisputesJson disputes, List<ImportOutcome.LikelyDuplicate> likelyDuplicates, TakeoverJson takeover) {
	}

	/**
	 * The invoices an invoices file took over as funded, their advances and reserves, and
	 * the debtors and facilities over a limit after it (at most
	 * {@value ImportOutcome#LISTED} of each listed).
	 */
	record TakeoverJson(long invoices, java.math.BigDecimal advanced, java.math.BigDecimal reserves,
			long debtorsOverLimit, long facilitiesOverLimit, List<OverLimitJson> debtors,
			List<OverLimitJson> facilities) {

		static TakeoverJson of(com.factordesk.approval.FundedBookTakeover.Takeover takeover) {
			return new TakeoverJson(takeover.invoices(), takeover.advanced().amount(), takeover.reserves().amount(),
					takeover.debtorsOver(), takeover.facilitiesOver(),
					takeover.debtorsOverLimit().stream().map(OverLimitJson::of).toList(),
					takeover.facilitiesOverLimit().stream().map(OverLimitJson::of).toList());
		}

	}

	/**
	 * A debtor or facility over its limit: its reference, name, exposure and limit.
	 */
	record OverLimitJson(String ref, String name, java.math.BigDecimal exposure, java.math.BigDecimal limit) {

		static OverLimitJson of(com.factordesk.approval.FundedBookTakeover.OverLimit over) {
			return new OverLimitJson(over.ref(), over.name(), over.exposure().amount(), over.limit().amount());
		}

	}

	/**
	 * What a disputes file opened and resolved, and the credit notes it entered for the
	 * disputes settled by one.
	 */
	record DisputesJson(long opened, long resolved, long creditNotes, java.math.BigDecimal credited) {
	}

	/**
	 * What a payments file's new receipts applied to invoices, what they left unapplied,
	 * and how many invoices they paid in full.
	 */
	record CashJson(java.math.BigDecimal applied, java.math.BigDecimal unapplied, long invoicesPaid) {
	}

	/**
	 * One invalid row: its line (the header is line 1), its column ({@code null} for the
	 * whole row or file), why, and the rule's stable code.
	 */
	record ErrorJson(long line, String field, String message, String code) {
	}

}
