package com.factordesk.web;

import java.sql.SQLException;

import com.factordesk.shared.BusinessRefusal;
import org.junit.jupiter.api.Test;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * A refusal that no form caught is a 422 page naming the broken rules; anything else
 * stays an error (a 500), not a page that shows its message.
 */
class ErrorPagesTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Pages())
		.setControllerAdvice(new ErrorPages())
		.build();

	@Test
	void anUncaughtRefusalIsA422Page() throws Exception {
		this.mvc.perform(get("/refused"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name("error/422"))
			.andExpect((result) -> assertThat(result.getModelAndView().getModel().get("refusal"))
				.isInstanceOfSatisfying(BusinessRefusal.class,
						(refusal) -> assertThat(refusal.getCode()).isEqualTo("user.disable.self")));
	}

	@Test
	void anIllegalArgumentIsNotTurnedIntoA4xx() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> this.mvc.perform(get("/bug")))
			.withRootCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aValueTheDatabaseRefusesIsA400NotAConflict() throws Exception {
		this.mvc.perform(get("/too-long"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("error/4xx"))
			.andExpect(model().attribute("reason", "input.invalidValue"));
	}

	@Test
	void aUniqueKeyInsertedFirstByAnotherRequestIsAConflict() throws Exception {
		this.mvc.perform(get("/duplicate")).andExpect(status().isConflict()).andExpect(view().name("error/409"));
		this.mvc.perform(get("/duplicate-state")).andExpect(status().isConflict()).andExpect(view().name("error/409"));
		this.mvc.perform(get("/optimistic")).andExpect(status().isConflict()).andExpect(view().name("error/409"));
		this.mvc.perform(get("/referenced-row-gone"))
			.andExpect(status().isConflict())
			.andExpect(view().name("error/409"));
	}

	@Test
	void aFormFieldThatCannotBeBoundIsA400() throws Exception {
		this.mvc.perform(get("/unbindable"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("error/4xx"))
			.andExpect(model().attribute("reason", "input.unreadable.field"));
	}

	@Controller
	static class Pages {

		@GetMapping("/too-long")
		String tooLong() {
			throw new DataIntegrityViolationException("could not execute statement",
					new SQLException("ERROR: value too long for type character varying(120)", "22001"));
		}

		@GetMapping("/duplicate")
		String duplicate() {
			throw new DuplicateKeyException("duplicate key value violates unique constraint");
		}

		@GetMapping("/duplicate-state")
		String duplicateState() {
			throw new DataIntegrityViolationException("could not execute statement",
					new SQLException("ERROR: duplicate key value violates unique constraint", "23505"));
		}

		@GetMapping("/referenced-row-gone")
		String referencedRowGone() {
			throw new DataIntegrityViolationException("could not execute statement", new SQLException(
					"ERROR: insert or update on table \"invoice\" violates foreign key constraint", "23503"));
		}

		@GetMapping("/optimistic")
		String optimistic() {
			throw new OptimisticLockingFailureException("Row was updated by another transaction");
		}

		@GetMapping("/unbindable")
		String unbindable() {
			throw new InvalidPropertyException(Object.class, "bands[256]", "Index out of range");
		}

		@GetMapping("/refused")
		String refused() {
			throw BusinessRefusal.of("user.disable.self", "You cannot disable yourself");
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalArgumentException("An invoice amount must be positive");
		}

	}

}
