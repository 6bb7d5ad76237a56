package com.factordesk.admin;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import com.factordesk.debtor.BureauProvider;
import com.factordesk.risk.NewScoringModel;
import com.factordesk.risk.ScoringAdministration;
import com.factordesk.risk.ScoringModel;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

/**
 * The form that publishes a new version of the scoring weights (percentages) and curves
 * ("x:y" points).
 */
class ScoringForm {

	@NotNull
	@DecimalMin("0")
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 2)
	private BigDecimal paymentBehaviourPercent;

	@NotNull
	@DecimalMin("0")
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 2)
	private BigDecimal bureauPercent;

	@NotNull
	@DecimalMin("0")
	@DecimalMax("100")
	@Digits(integer = 3, fraction = 2)
	private BigDecimal disputesPercent;

	private String adbtCurve = "";

	private String disputeRateCurve = "";

	private Map<BureauProvider, String> bureauScales = new EnumMap<>(BureauProvider.class);

	static ScoringForm of(ScoringModel model) {
		ScoringForm form = new ScoringForm();
		form.paymentBehaviourPercent = percent(model.weights().paymentBehaviour());
		form.bureauPercent = percent(model.weights().bureau());
		form.disputesPercent = percent(model.weights().disputes());
		form.adbtCurve = ScoringAdministration.text(model.adbtCurve());
		form.disputeRateCurve = ScoringAdministration.text(model.disputeRateCurve());
		model.bureauScales()
			.forEach((provider, curve) -> form.bureauScales.put(provider, ScoringAdministration.text(curve)));
		return form;
	}

	NewScoringModel toCommand() {
		return new NewScoringModel(this.paymentBehaviourPercent, this.bureauPercent, this.disputesPercent,
				this.adbtCurve, this.disputeRateCurve, this.bureauScales);
	}

	private static BigDecimal percent(BigDecimal fraction) {
		BigDecimal percent = fraction.movePointRight(2).stripTrailingZeros();
		return (percent.scale() < 0) ? percent.setScale(0) : percent;
	}

	public BigDecimal getPaymentBehaviourPercent() {
		return this.paymentBehaviourPercent;
	}

	public void setPaymentBehaviourPercent(BigDecimal paymentBehaviourPercent) {
		this.paymentBehaviourPercent = paymentBehaviourPercent;
	}

	public BigDecimal getBureauPercent() {
		return this.bureauPercent;
	}

	public void setBureauPercent(BigDecimal bureauPercent) {
		this.bureauPercent = bureauPercent;
	}

	public BigDecimal getDisputesPercent() {
		return this.disputesPercent;
	}

	public void setDisputesPercent(BigDecimal disputesPercent) {
		this.disputesPercent = disputesPercent;
	}

	public String getAdbtCurve() {
		return this.adbtCurve;
	}

	public void setAdbtCurve(String adbtCurve) {
		this.adbtCurve = adbtCurve;
	}

	public String getDisputeRateCurve() {
		return this.disputeRateCurve;
	}

	public void setDisputeRateCurve(String disputeRateCurve) {
		this.disputeRateCurve = disputeRateCurve;
	}

	public Map<BureauProvider, String> getBureauScales() {
		return this.bureauScales;
	}

	public void setBureauScales(Map<BureauProvider, String> bureauScales) {
		this.bureauScales = bureauScales;
	}

}
