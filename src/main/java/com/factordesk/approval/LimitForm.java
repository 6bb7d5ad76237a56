package com.factordesk.approval;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.factordesk.shared.InputBounds.SaneDate;
import com.factordesk.shared.Money;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form that proposes a limit: the amount, the review date of a credit limit or the
 * expiry of an insurer's cover (none for a facility limit), and the reason.
 */
class LimitForm {

	@NotNull
	@DecimalMin("0")
	@Digits(integer = 17, fraction = 2)
	private BigDecimal limit;

	@SaneDate
	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate date;

	@NotBlank
	@Size(max = 500)
	private String reason = "";

	ProposeLimit toCommand(CreditLimitDecision.Kind kind, String subjectRef) {
		return new ProposeLimit(kind, subjectRef, Money.of(this.limit), (kind.onDebtor()) ? this.date : null,
				this.reason);
	}

	public BigDecimal getLimit() {
		return this.limit;
	}

	public void setLimit(BigDecimal limit) {
		this.limit = limit;
	}

	public LocalDate getDate() {
		return this.date;
	}

	public void setDate(LocalDate date) {
		this.date = date;
	}

	public String getReason() {
		return this.reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
