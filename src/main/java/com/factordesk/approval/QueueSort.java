package com.factordesk.approval;

import java.util.Arrays;

import org.springframework.data.domain.Sort;

/**
 * The columns the queue sorts by, as they appear in URLs ({@code ?sort=amount&dir=desc}).
 * The time in the queue and the invoice's age are the submission and issue orders; the
 * flags and the quoted advance are computed for a page's rows only, so the whole queue is
 * never ordered by them.
 */
enum QueueSort {

	SUBMITTED("submitted", "submittedAt", "i.submitted_at"), CLIENT("client", "client.legalName", "c.legal_name"),
	DEBTOR("debtor", "debtor.name", "d.name"), NUMBER("number", "number", "i.number"),
	AMOUNT("amount", "amount", "i.amount"), ISSUED("issued", "issueDate", "i.issue_date"),
	DUE("due", "dueDate", "i.due_date"), TERMS("terms", "terms", "(i.due_date - i.issue_date)"),
	GRADE("grade", "grade", "r.grade");

	private final String key;

	private final String property;

	private final String column;

	QueueSort(String key, String property, String column) {
		this.key = key;
		this.property = property;
		this.column = column;
	}

	String key() {
		return this.key;
	}

	static QueueSort fromKey(String key) {
		return Arrays.stream(values()).filter((sort) -> sort.key.equals(key)).findFirst().orElse(SUBMITTED);
	}

	/**
	 * The SQL {@code ORDER BY} of this column (invoice {@code i}, client {@code c},
	 * debtor {@code d}), the invoice id breaking ties as {@link #toSort} does.
	 */
	static String orderBy(Sort sort) {
		Sort.Order first = sort.iterator().next();
		String column = Arrays.stream(values())
			.filter((candidate) -> candidate.property.equals(first.getProperty()))
			.findFirst()
			.orElse(SUBMITTED).column;
		String direction = first.isDescending() ? " DESC" : " ASC";
		return column + direction + ", i.id ASC";
	}

	Sort toSort(Sort.Direction direction) {
		return Sort.by(direction, this.property).and(Sort.by("id"));
	}

}
