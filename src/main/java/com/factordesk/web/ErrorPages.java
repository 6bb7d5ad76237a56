package com.factordesk.web;

import java.sql.SQLException;
import java.util.Objects;

import com.factordesk.shared.BusinessRefusal;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * A concurrent change (someone else changed the same record, or inserted the same key
 * first) is a 409 page; a refused business rule that no form caught a 422 page; a request
 * that cannot be bound (a form field that does not exist, an index out of range) or a
 * value that slipped past validation and that the database refused (too long, out of
 * range) a 400 page, not a stack trace and not a "conflict". Anything else is a bug and a
 * 500. (What the {@code DispatcherServlet} itself refuses, a wrong method or media type,
 * or a parameter of the wrong type, is a 4xx page too: {@link DeskErrorController}.)
 */
@ControllerAdvice
class ErrorPages {

	private static final Logger logger = LoggerFactory.getLogger(ErrorPages.class);

	/**
	 * The SQLState of a unique key violation: a concurrent request inserted the same key
	 * first.
	 */
	static final String UNIQUE_VIOLATION = "23505";

	/**
	 * The SQLState of a foreign key violation: a concurrent request removed the row this
	 * one refers to (every reference a form offers exists when the form is drawn).
	 */
	static final String FOREIGN_KEY_VIOLATION = "23503";

	@ExceptionHandler({ OptimisticLockingFailureException.class, OptimisticLockException.class })
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(Exception ex) {
		logger.info("Conflict: {}", ex.getMessage());
		return "error/409";
	}

	/**
	 * A unique key inserted first by a concurrent request, or a referenced row removed by
	 * one, is a conflict; any other integrity or data error is a value that validation
	 * should have caught: a 400, and a bug logged in one line.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	String integrity(DataIntegrityViolationException ex, Model model, HttpServletResponse response) {
		if (concurrentInsert(ex)) {
			logger.info("Conflict: {}", ex.getMessage());
			response.setStatus(HttpStatus.CONFLICT.value());
			return "error/409";
		}
		logger.warn("A value that validation did not catch was refused by the database (SQLState {}): {}", sqlState(ex),
				firstLine(ex.getMostSpecificCause().getMessage()));
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("reason", "input.invalidValue");
		return "error/4xx";
	}

	/**
	 * A form or parameter that cannot be bound: a field path that does not exist or an
	 * index out of range ({@code bands[256].scoreFrom}, {@code roles[0]}), a value no
	 * converter reads.
	 */
	@ExceptionHandler({ InvalidPropertyException.class, BeanInstantiationException.class,
			ConversionFailedException.class })
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String unbindable(Exception ex, Model model) {
		logger.debug("Cannot bind the request: {}", ex.getMessage());
		model.addAttribute("reason", "input.unreadable.field");
		return "error/4xx";
	}

	/**
	 * A parameter outside its range (a date before 1900): a 400 page that says which
	 * range, in the reader's language.
	 */
	@ExceptionHandler(HandlerMethodValidationException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalidParameter(HandlerMethodValidationException ex, Model model) {
		logger.debug("Invalid parameter: {}", ex.getMessage());
		model.addAttribute("details",
				ex.getAllErrors()
					.stream()
					.map(MessageSourceResolvable::getDefaultMessage)
					.filter(Objects::nonNull)
					.distinct()
					.toList());
		return "error/4xx";
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

	static boolean concurrentInsert(DataIntegrityViolationException ex) {
		String state = sqlState(ex);
		return ex instanceof DuplicateKeyException || UNIQUE_VIOLATION.equals(state)
				|| FOREIGN_KEY_VIOLATION.equals(state);
	}

	static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
