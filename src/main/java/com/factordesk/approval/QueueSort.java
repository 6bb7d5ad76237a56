package com.factordesk.approval;

import java.util.Arrays;

import org.springframework.data.domain.Sort;

/**
 * The columns the queue sorts by, as they appear in URLs ({@code ?sort=amount&dir=desc}).
 */
enum QueueSort {

	SUBMITTED("submitted", "submittedAt"), CLIENT("client", "client.legalName"), DEBTOR("debtor", "debtor.name"),
	NUMBER("number", "number"), AMOUNT("amount", "amount"), ISSUED("issued", "issueDate"), DUE("due", "dueDate");

	private final String key;

	private final String property;

	QueueSort(String key, String property) {
		this.key = key;
		this.property = property;
	}

	String key() {
		return this.key;
	}

	static QueueSort fromKey(String key) {
		return Arrays.stream(values()).filter((sort) -> sort.key.equals(key)).findFirst().orElse(SUBMITTED);
	}

	Sort toSort(Sort.Direction direction) {
		return Sort.by(direction, this.property).and(Sort.by("id"));
	}

}
