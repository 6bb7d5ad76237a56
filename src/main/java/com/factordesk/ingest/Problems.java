package com.factordesk.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.factordesk.shared.Violation;

/**
 * The problems an import found so far: all counted, the first
 * {@link ImportOutcome#LISTED} kept.
 */
final class Problems {

	private final List<ImportOutcome.Problem> listed = new ArrayList<>();

	private long count;

	void add(long line, Violation violation) {
		this.count++;
		if (this.listed.size() < ImportOutcome.LISTED) {
			this.listed.add(new ImportOutcome.Problem(line, violation));
		}
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	long count() {
		return this.count;
	}

	/**
	 * The problems kept, by line.
	 */
	List<ImportOutcome.Problem> listed() {
		return this.listed.stream().sorted(Comparator.comparingLong(ImportOutcome.Problem::line)).toList();
	}

}
