package com.factordesk.admin;

import java.math.BigDecimal;

import com.factordesk.approval.PolicyProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The form that publishes a new version of the credit policy: every setting, the
 * cross-aging share as a percentage, and why it changes.
 */
class PolicyForm {

	@NotNull
	@Min(0)
	@Digits(integer = 17, fraction = 2)
	private BigDecimal fourEyesThreshold;

	@NotNull
	@Min(0)
	@Digits(integer = 17, fraction = 2)
	private BigDecimal underwriterAuthority;

	@NotNull
	@Min(1)
	@Max(365)
	private Integer lapseDays;

	@NotNull
	@Min(1)
	@Max(3650)
	private Integer staleDays;

	@NotNull
	@Min(0)
	@Max(365)
	private Integer duplicateWindowDays;

	@NotNull
	@DecimalMin(value = "0", inclusive = false)
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 4)
	private BigDecimal crossAgingPercent;

	@NotNull
	@Min(1)
	@Max(3650)
	private Integer bureauStaleDays;

	@NotNull
	@Min(1)
	@Max(3650)
	private Integer creditNoteDays;

	@NotNull
	@Min(0)
	@Max(365)
	private Integer watchlistLaterDays;

	@Size(max = 500)
	private String reason;

	static PolicyForm of(PolicyProperties settings) {
		PolicyForm form = new PolicyForm();
		form.fourEyesThreshold = PricingForm.plain(settings.fourEyesThreshold());
		form.underwriterAuthority = PricingForm.plain(settings.underwriterAuthority());
		form.lapseDays = settings.lapseDays();
		form.staleDays = settings.staleDays();
		form.duplicateWindowDays = settings.duplicateWindowDays();
		form.crossAgingPercent = PricingForm.plain(settings.crossAgingShare().movePointRight(2));
		form.bureauStaleDays = settings.bureauStaleDays();
		form.creditNoteDays = settings.creditNoteDays();
		form.watchlistLaterDays = settings.watchlistLaterDays();
		return form;
	}

	PolicyProperties toSettings() {
		return new PolicyProperties(this.staleDays, this.duplicateWindowDays, this.crossAgingPercent.movePointLeft(2),
				this.bureauStaleDays, this.creditNoteDays, this.fourEyesThreshold, this.lapseDays,
				this.underwriterAuthority, this.watchlistLaterDays);
	}

	public BigDecimal getFourEyesThreshold() {
		return this.fourEyesThreshold;
	}

	public void setFourEyesThreshold(BigDecimal fourEyesThreshold) {
		this.fourEyesThreshold = fourEyesThreshold;
	}

	public BigDecimal getUnderwriterAuthority() {
		return this.underwriterAuthority;
	}

	public void setUnderwriterAuthority(BigDecimal underwriterAuthority) {
		this.underwriterAuthority = underwriterAuthority;
	}

	public Integer getLapseDays() {
		return this.lapseDays;
	}

	public void setLapseDays(Integer lapseDays) {
		this.lapseDays = lapseDays;
	}

	public Integer getStaleDays() {
		return this.staleDays;
	}

	public void setStaleDays(Integer staleDays) {
		this.staleDays = staleDays;
	}

	public Integer getDuplicateWindowDays() {
		return this.duplicateWindowDays;
	}

	public void setDuplicateWindowDays(Integer duplicateWindowDays) {
		this.duplicateWindowDays = duplicateWindowDays;
	}

	public BigDecimal getCrossAgingPercent() {
		return this.crossAgingPercent;
	}

	public void setCrossAgingPercent(BigDecimal crossAgingPercent) {
		this.crossAgingPercent = crossAgingPercent;
	}

	public Integer getBureauStaleDays() {
		return this.bureauStaleDays;
	}

	public void setBureauStaleDays(Integer bureauStaleDays) {
		this.bureauStaleDays = bureauStaleDays;
	}

	public Integer getCreditNoteDays() {
		return this.creditNoteDays;
	}

	public void setCreditNoteDays(Integer creditNoteDays) {
		this.creditNoteDays = creditNoteDays;
	}

	public Integer getWatchlistLaterDays() {
		return this.watchlistLaterDays;
	}

	public void setWatchlistLaterDays(Integer watchlistLaterDays) {
		this.watchlistLaterDays = watchlistLaterDays;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
