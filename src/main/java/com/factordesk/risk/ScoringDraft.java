package com.factordesk.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A scoring version not yet in force: a full model that scores nobody until an admin
 * publishes it (it then becomes the next version) or discards it. At most one draft is
 * open; a new one replaces it.
 *
 * @param revision counts the drafts saved, so that a publish or discard acts on the draft
 * the admin saw
 * @param model the weights, curves and other rules it would publish (its version number
 * is 0: it has none until published)
 * @param basedOnVersion the version in force when it was made
 * @param origin how it was made, e.g. {@link #CALIBRATION}
 * @param report what the calibration measured, {@code null} for a draft made otherwise
 * @param createdAt when it was made
 * @param createdBy who made it
 */
public record ScoringDraft(int revision, ScoringModel model, int basedOnVersion, String origin, FitReport report,
		Instant createdAt, String createdBy) {

	/**
	 * A draft fitted to the desk's own history.
	 */
	public static final String CALIBRATION = "calibration";

	/**
	 * What a calibration measured: the fit window (invoices issued then were used to fit
	 * the draft) and the judge window (later matured invoices, not used to fit it), with
	 * the ROC AUC for 30+ days late of the version in force and of the draft on each.
	 *
	 * @param fitFrom the first issue date of the fit window
	 * @param fitTo the last issue date of the fit window
	 * @param judgeFrom the first issue date of the judge window
	 * @param judgeTo the last issue date of the judge window
	 * @param fitInvoices the invoices fitted on
	 * @param fitLate30 of which 30+ days late
	 * @param judgeInvoices the matured invoices judged on
	 * @param judgeLate30 of which 30+ days late
	 * @param activeFitAuc30 the version in force, AUC for 30+ days late on the fit window
	 * @param draftFitAuc30 the draft, on the fit window
	 * @param activeJudgeAuc30 the version in force, on the judge window ({@code null}
	 * when the judge window has no late or no on-time invoice)
	 * @param draftJudgeAuc30 the draft, on the judge window
	 * @param elapsedMillis how long the calibration took
	 * @param judgeGrades per grade, the judge window's invoices and how many were 30+
	 * days late, as the version in force and as the draft graded them (A to E)
	 */
	public record FitReport(LocalDate fitFrom, LocalDate fitTo, LocalDate judgeFrom, LocalDate judgeTo,
			long fitInvoices, long fitLate30, long judgeInvoices, long judgeLate30, BigDecimal activeFitAuc30,
			BigDecimal draftFitAuc30, BigDecimal activeJudgeAuc30, BigDecimal draftJudgeAuc30, long elapsedMillis,
			List<GradeOutcome> judgeGrades) {

		public FitReport {
			judgeGrades = List.copyOf(judgeGrades);
		}

		/**
		 * How long the calibration took, in seconds at one decimal.
		 */
		public BigDecimal elapsedSeconds() {
			return BigDecimal.valueOf(this.elapsedMillis, 3).setScale(1, RoundingMode.HALF_UP);
		}

		/**
		 * The judge window's invoices of one grade and how many were 30+ days late, as
		 * the version in force and as the draft graded them.
		 *
		 * @param grade the grade
		 * @param activeInvoices invoices the version in force graded so
		 * @param activeLate30 of which 30+ days late
		 * @param draftInvoices invoices the draft graded so
		 * @param draftLate30 of which 30+ days late
		 */
		public record GradeOutcome(Grade grade, long activeInvoices, long activeLate30, long draftInvoices,
				long draftLate30) {

			/**
			 * The share 30+ days late as the version in force graded, {@code null}
			 * without invoices.
			 */
			public BigDecimal activeLate30Share() {
				return share(this.activeLate30, this.activeInvoices);
			}

			/**
			 * The share 30+ days late as the draft graded, {@code null} without invoices.
			 */
			public BigDecimal draftLate30Share() {
				return share(this.draftLate30, this.draftInvoices);
			}

			private static BigDecimal share(long part, long whole) {
				return (whole == 0) ? null
						: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
			}

		}

		/**
		 * Whether the draft ranks 30+ days late better than the version in force on the
		 * invoices it was not fitted on.
		 */
		public boolean draftJudgedBetter() {
			return this.activeJudgeAuc30 != null && this.draftJudgeAuc30 != null
					&& this.draftJudgeAuc30.compareTo(this.activeJudgeAuc30) > 0;
		}

	}

}
