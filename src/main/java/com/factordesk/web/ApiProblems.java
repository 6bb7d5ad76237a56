package com.factordesk.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.MessageSource;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The API answers errors as {@code application/problem+json} (RFC 9457): a missing or
 * malformed parameter is a 400 naming it, a request the rules refuse (a
 * {@link BusinessRefusal}) is a 422 saying why in the reader's language, an unknown
 * reference a 404, a concurrent change a 409, a value the database refused that
 * validation should have caught a 400. Any other exception is a bug: a 500 that does not
 * show its message.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail conflict(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The data changed in the meantime: try again");
		problem.setTitle("Conflict");
		return problem;
	}

	/**
	 * A unique key inserted first by a concurrent request is a conflict; any other
	 * integrity or data error is a value that validation should have caught: a 400 (and a
	 * bug, logged in one line).
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex, Locale locale) {
		if (ErrorPages.concurrentInsert(ex)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"The same record was created in the meantime: try again");
			problem.setTitle("Conflict");
			return problem;
		}
		logger.warn("A value that validation did not catch was refused by the database (SQLState "
				+ ErrorPages.sqlState(ex) + "): " + ErrorPages.firstLine(ex.getMostSpecificCause().getMessage()));
		return badRequest("input.invalidValue", locale);
	}

	/**
	 * A request that cannot be bound: a parameter path that does not exist, an index out
	 * of range, a value no converter reads.
	 */
	@ExceptionHandler({ InvalidPropertyException.class, BeanInstantiationException.class,
			ConversionFailedException.class })
	ProblemDetail unbindable(Exception ex, Locale locale) {
		return badRequest("input.unreadable.field", locale);
	}

	private ProblemDetail badRequest(String code, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				this.messages.getMessage(code, null, locale));
		problem.setTitle("Bad Request");
		problem.setProperty("code", code);
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	/**
	 * A refused business rule: 422, the broken rules in the reader's language in
	 * {@code detail} and one by one in {@code errors}, each with its field (or
	 * {@code null}), its code and its text.
	 */
	@ExceptionHandler(BusinessRefusal.class)
	ProblemDetail refused(BusinessRefusal ex, Locale locale) {
		List<FieldError> errors = ex.getViolations()
			.stream()
			.map((violation) -> new FieldError(violation.field(), violation.code(),
					this.messages.getMessage(violation, locale)))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
		problem.setTitle("Refused");
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * One broken rule of a refusal, as the API shows it.
	 *
	 * @param field the request field or parameter, or {@code null} for the whole request
	 * @param code the stable code of the rule
	 * @param message the rule in the reader's language
	 */
	record FieldError(String field, String code, String message) {
	}

}
