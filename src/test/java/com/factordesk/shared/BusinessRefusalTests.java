package com.factordesk.shared;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessRefusalTests {

	@Test
	void aViolationOfAFieldTheFormHasIsAnErrorOfThatField() {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(new Form(), "form");
		BusinessRefusal.onField("name", "apiKey.name.taken", "A key named ERP exists already", "ERP").rejectOn(errors);
		assertThat(errors.getGlobalErrors()).isEmpty();
		FieldError error = errors.getFieldError("name");
		assertThat(error).isNotNull();
		assertThat(error.getCode()).isEqualTo("apiKey.name.taken");
		assertThat(error.getArguments()).containsExactly("ERP");
		assertThat(error.getDefaultMessage()).isEqualTo("A key named ERP exists already");
		assertThat(error.getRejectedValue()).isEqualTo("ERP");
	}

	@Test
	void aViolationWithoutAFieldOrOfAFieldTheFormLacksIsAnErrorOfTheWholeForm() {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(new Form(), "form");
		new BusinessRefusal(List.of(Violation.of("user.disable.self", "You cannot disable yourself"),
				Violation.onField("asOf", "score.asOf.future", "Not after today", "2099-01-01"),
				Violation.onField("name", "apiKey.name.pattern", "A name is 2-100 letters")))
			.rejectOn(errors);
		assertThat(errors.getGlobalErrors()).extracting(ObjectError::getCode)
			.containsExactly("user.disable.self", "score.asOf.future");
		assertThat(errors.getGlobalErrors().get(1).getArguments()).containsExactly("2099-01-01");
		assertThat(errors.getFieldErrors()).extracting(FieldError::getField).containsExactly("name");
	}

	@Test
	void itsMessageIsTheEnglishOfEveryBrokenRuleAndItsCodeTheFirst() {
		BusinessRefusal refusal = new BusinessRefusal(List.of(Violation.of("bands.none", "There are no bands"),
				Violation.onField("effectiveFrom", "bands.effectiveInPast", "Not in the past")));
		assertThat(refusal.getMessage()).isEqualTo("There are no bands; Not in the past");
		assertThat(refusal.getCode()).isEqualTo("bands.none");
		assertThat(refusal.getViolations().get(1).on(null).field()).isNull();
	}

	@Test
	void aRefusalNamesAtLeastOneRule() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessRefusal(List.of()));
	}

	static class Form {

		private String name = "ERP";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
