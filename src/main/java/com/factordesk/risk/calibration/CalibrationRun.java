package com.factordesk.risk.calibration;

import java.time.Duration;
import java.time.Instant;

/**
 * One calibration an admin started: running in the background, done with the draft it
 * saved, or failed with the reason (a message code).
 *
 * @param id the run
 * @param basedOnVersion the version in force the admin calibrated from
 * @param requestedBy who started it
 * @param startedAt when it started
 * @param finishedAt when it finished, {@code null} while it runs
 * @param status where it is
 * @param draftRevision the draft it saved, when done
 * @param failureCode the message code of why it failed, when it failed
 */
public record CalibrationRun(long id, int basedOnVersion, String requestedBy, Instant startedAt, Instant finishedAt,
		Status status, Integer draftRevision, String failureCode) {

	/**
	 * Where a run is.
	 */
	public enum Status {

		RUNNING, DONE, FAILED

	}

	public boolean running() {
		return this.status == Status.RUNNING;
	}

	/**
	 * How long it ran, {@code null} while it runs.
	 */
	public Duration took() {
		return (this.finishedAt == null) ? null : Duration.between(this.startedAt, this.finishedAt);
	}

}
