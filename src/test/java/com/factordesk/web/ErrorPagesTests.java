package com.factordesk.web;

import com.factordesk.shared.BusinessRefusal;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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

	@Controller
	static class Pages {

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
