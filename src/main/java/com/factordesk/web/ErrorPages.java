package com.factordesk.web;

import jakarta.persistence.OptimisticLockException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Conflicts (someone else changed the same record, or a rule of the database refused the
 * change) are a 409 page, not a stack trace.
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

}
