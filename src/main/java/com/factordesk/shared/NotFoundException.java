package com.factordesk.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What was asked for does not exist: a 404 page (or problem+json for the API).
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object key) {
		super(what + " " + key + " does not exist");
	}

}
