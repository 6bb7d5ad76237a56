package com.factordesk.approval;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The debtors API (DESIGN section 7): a page of the debtors by ref (a record merged into
 * another left out), each with its current score and grade (both {@code null} before its
 * first score), its exposure (funded plus reserved by approvals, as the exposure engine
 * holds it) and its credit limit. Pages count from 0, as Spring Data's do; a page or size
 * out of range is a 400 problem.
 */
@RestController
@Tag(name = "Debtors", description = "The debtors with their limits and scores, page by page")
@RequestMapping("/api/v1")
class DebtorsApiController {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 500;

	private final JdbcClient jdbc;

	DebtorsApiController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Operation(summary = "List debtors", description = "By ref; pages count from 0; size 1-500, 50 by default.")
	@GetMapping("/debtors")
	@Transactional(readOnly = true)
	DebtorPageJson debtors(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "" + DEFAULT_SIZE) @Min(1) @Max(MAX_SIZE) int size) {
		List<DebtorJson> content = this.jdbc
			.sql("""
					SELECT d.ref, d.name, s.score, s.grade, COALESCE(e.funded + e.reserved, 0.00) AS exposure, d.credit_limit
					FROM (SELECT id, ref, name, credit_limit FROM debtor WHERE merged_into_id IS NULL
					      ORDER BY ref LIMIT :limit OFFSET :offset) d
					LEFT JOIN debtor_current_score s ON s.debtor_id = d.id
					LEFT JOIN debtor_exposure e ON e.debtor_id = d.id
					ORDER BY d.ref
					""")
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new DebtorJson(rs.getString("ref"), rs.getString("name"), rs.getBigDecimal("score"),
					rs.getString("grade"), rs.getBigDecimal("exposure"), rs.getBigDecimal("credit_limit")))
			.list();
		long total = this.jdbc.sql("SELECT COUNT(*) FROM debtor WHERE merged_into_id IS NULL")
			.query(Long.class)
			.single();
		return new DebtorPageJson(content, total, page, size, (int) ((total + size - 1) / size));
	}

	/**
	 * The contract's fields ({@code content}, {@code totalElements}), then where the page
	 * is.
	 */
	record DebtorPageJson(List<DebtorJson> content, long totalElements, int page, int size, int totalPages) {
	}

	/**
	 * One debtor: the score with one decimal, money as numbers with two decimals.
	 */
	record DebtorJson(String ref, String name, BigDecimal score, String grade, BigDecimal exposure,
			BigDecimal creditLimit) {
	}

}
