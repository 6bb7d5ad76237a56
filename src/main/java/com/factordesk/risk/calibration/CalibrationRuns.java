package com.factordesk.risk.calibration;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calibration runs, one row each; at most one runs at a time across every instance (a
 * partial unique index). Each statement commits on its own: a run is visible as running
 * while it runs.
 */
@Component
class CalibrationRuns {

	private static final String COLUMNS = """
			id, based_on_version, requested_by, started_at, finished_at, status, draft_revision, failure_code
			""";

	private final JdbcClient jdbc;

	CalibrationRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a run as running.
	 * @return its id
	 * @throws org.springframework.dao.DuplicateKeyException when another run is running
	 */
	long start(int basedOnVersion, String requestedBy, Instant startedAt) {
		return this.jdbc.sql("""
				INSERT INTO calibration_run (based_on_version, requested_by, started_at, status)
				VALUES (:version, :by, :at, 'RUNNING') RETURNING id
				""")
			.param("version", basedOnVersion)
			.param("by", requestedBy)
			.param("at", Timestamp.from(startedAt))
			.query(Long.class)
			.single();
	}

	void done(long id, int draftRevision, Instant finishedAt) {
		this.jdbc.sql("""
				UPDATE calibration_run SET status = 'DONE', draft_revision = :revision, finished_at = :at
				WHERE id = :id AND status = 'RUNNING'
				""").param("revision", draftRevision).param("at", Timestamp.from(finishedAt)).param("id", id).update();
	}

	void failed(long id, String failureCode, Instant finishedAt) {
		this.jdbc.sql("""
				UPDATE calibration_run SET status = 'FAILED', failure_code = :code, finished_at = :at
				WHERE id = :id AND status = 'RUNNING'
				""").param("code", failureCode).param("at", Timestamp.from(finishedAt)).param("id", id).update();
	}

	/**
	 * Closes as interrupted the runs still running that started before {@code cutoff}:
	 * their instance stopped before they finished.
	 */
	int interruptStartedBefore(Instant cutoff, Instant now) {
		return this.jdbc.sql("""
				UPDATE calibration_run SET status = 'FAILED', failure_code = :code, finished_at = :now
				WHERE status = 'RUNNING' AND started_at < :cutoff
				""")
			.param("code", ScoringCalibration.INTERRUPTED)
			.param("now", Timestamp.from(now))
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	Optional<CalibrationRun> latest() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM calibration_run ORDER BY started_at DESC, id DESC LIMIT 1")
			.query((rs, row) -> new CalibrationRun(rs.getLong("id"), rs.getInt("based_on_version"),
					rs.getString("requested_by"), rs.getTimestamp("started_at").toInstant(),
					(rs.getTimestamp("finished_at") == null) ? null : rs.getTimestamp("finished_at").toInstant(),
					CalibrationRun.Status.valueOf(rs.getString("status")), (Integer) rs.getObject("draft_revision"),
					rs.getString("failure_code")))
			.optional();
	}

}
