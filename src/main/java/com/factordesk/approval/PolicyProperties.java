package com.factordesk.approval;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The credit policy's settings that the workbench's flags, four-eyes, lapses and the
 * underwriters' authority read (DESIGN sections 4 and 5): bound from the configuration
 * ({@code factordesk.policy.*}) as version 0, and the values of every version admins
 * publish ({@link CreditPolicy}), which replaces them from then on.
 *
 * @param staleDays an invoice issued more than this many days before it was submitted is
 * flagged stale
 * @param duplicateWindowDays another invoice of the same client and debtor for the same
 * amount issued at most this many days apart is a possible duplicate
 * @param crossAgingShare a debtor with more than this share (0.10 = 10 %) of its open
 * amount over 90 days past due is cross-aged: none of its invoices is eligible
 * @param bureauStaleDays a debtor whose newest bureau reading is older than this many
 * days (or who has none) has a stale bureau score
 * @param creditNoteDays a credit note issued in the last this many days against a funded
 * invoice of the same client and debtor is flagged
 * @param fourEyesThreshold an approval whose advance, or whose debtor's resulting
 * exposure across all clients, is above this amount waits for a manager's second approval
 * @param lapseDays an approval not funded within this many days lapses and releases its
 * exposure
 * @param underwriterAuthority the highest limit (a debtor's credit or insurer limit, a
 * facility limit) an underwriter applies on their own; above it a manager decides
 * @param watchlistLaterDays a debtor pays later (one of the watchlist's reasons) when its
 * days beyond terms over the last 90 days exceed the year's by more than this many days
 * (0: by any amount)
 */
@ConfigurationProperties("factordesk.policy")
@Validated
public record PolicyProperties(@DefaultValue("60") @Min(1) @Max(3650) int staleDays,
		@DefaultValue("7") @Min(0) @Max(365) int duplicateWindowDays,
		@DefaultValue("0.10") @NotNull @DecimalMin(value = "0",
				inclusive = false) @DecimalMax("1") BigDecimal crossAgingShare,
		@DefaultValue("180") @Min(1) @Max(3650) int bureauStaleDays,
		@DefaultValue("90") @Min(1) @Max(3650) int creditNoteDays,
		@DefaultValue("100000") @NotNull @DecimalMin("0") BigDecimal fourEyesThreshold,
		@DefaultValue("10") @Min(1) @Max(365) int lapseDays,
		@DefaultValue("100000") @NotNull @DecimalMin("0") @Digits(integer = 17,
				fraction = 2) BigDecimal underwriterAuthority,
		@DefaultValue("5") @Min(0) @Max(365) int watchlistLaterDays) {

	/**
	 * The cross-aging share as a percentage: 10 for 0.10.
	 */
	public BigDecimal crossAgingPercent() {
		BigDecimal percent = this.crossAgingShare.movePointRight(2).stripTrailingZeros();
		return (percent.scale() < 0) ? percent.setScale(0) : percent;
	}

}
