package com.factordesk.web;

import com.factordesk.shared.BusinessRefusal;
import jakarta.persistence.OptimisticLockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Conflicts (someone else changed the same record, or a rule of the database refused the
 * change) are a 409 page, a refused business rule that no form caught a 422 page, not a
 * stack trace. Anything else is a bug and a 500.
 */
@ControllerAdvice
class ErrorPages {

	private static final Logger logger = LoggerFactory.getLogger(ErrorPages.class);

	@ExceptionHandler({ OptimisticLockingFailureException.class, OptimisticLockException.class,
			DataIntegrityViolationException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(Exception ex) {
		logger.info("Conflict: {}", ex.getMessage());
		return "error/409";
	}

	/**
	 * A refusal that no form caught: a 422 page that says which rules were broken, in the
	 * reader's language (a form catches it and shows it on its fields instead).
	 */
	@ExceptionHandler(BusinessRefusal.class)
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	String refused(BusinessRefusal ex, Model model) {
		logger.info("Refused: {}", ex.getMessage());
		model.addAttribute("refusal", ex);
		return "error/422";
	}

}
