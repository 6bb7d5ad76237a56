package com.factordesk.security;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling and the first administrator.
 *
 * @param loginThrottle how password guessing from one client address is slowed down
 * @param bootstrapAdmin the administrator created at start-up when no enabled
 * administrator exists
 */
@ConfigurationProperties("factordesk.security")
@Validated
public record SecurityProperties(@DefaultValue @Valid LoginThrottle loginThrottle,
		@DefaultValue BootstrapAdmin bootstrapAdmin) {

	/**
	 * Login attempts are counted per (user name, client address). After
	 * {@code freeAttempts} attempts without a success, that address may not try that user
	 * name again for {@code firstBlock}; each further failure doubles the wait, up to
	 * {@code longestBlock}. A success from an address resets its count; other addresses
	 * are never affected. Counts whose last attempt is older than {@code forgetAfter} are
	 * forgotten (and their rows deleted). An address is also counted across all user
	 * names, with {@code addressFreeAttempts} attempts before its first wait: one address
	 * cannot try one password against every account.
	 *
	 * @param freeAttempts attempts before the first wait
	 * @param firstBlock the first wait
	 * @param longestBlock the longest wait
	 * @param forgetAfter how long a count is remembered after its last attempt; longer
	 * than {@code longestBlock}
	 * @param addressFreeAttempts attempts of one address, whatever the user names, before
	 * its first wait
	 */
	public record LoginThrottle(@DefaultValue("5") @Min(1) @Max(100) int freeAttempts,
			@DefaultValue("1m") Duration firstBlock, @DefaultValue("1h") Duration longestBlock,
			@DefaultValue("24h") Duration forgetAfter,
			@DefaultValue("50") @Min(1) @Max(100000) int addressFreeAttempts) {

		public LoginThrottle {
			if (firstBlock.isNegative() || firstBlock.isZero() || longestBlock.compareTo(firstBlock) < 0
					|| forgetAfter.compareTo(longestBlock) <= 0) {
				throw new IllegalArgumentException("factordesk.security.login-throttle needs 0 < first-block <= "
						+ "longest-block < forget-after, got " + firstBlock + ", " + longestBlock + ", " + forgetAfter);
			}
		}

		/**
		 * How long an address waits after its {@code attempts}-th attempt without a
		 * success, or zero while it has attempts left.
		 */
		Duration blockAfter(int attempts) {
			return blockAfter(attempts, this.freeAttempts);
		}

		/**
		 * How long an address waits after its {@code attempts}-th attempt without a
		 * success when {@code free} attempts are free.
		 */
		Duration blockAfter(int attempts, int free) {
			if (attempts < free) {
				return Duration.ZERO;
			}
			int doublings = Math.min(attempts - free, 40);
			Duration block = this.firstBlock;
			for (int i = 0; i < doublings && block.compareTo(this.longestBlock) < 0; i++) {
				block = block.multipliedBy(2);
			}
			return (block.compareTo(this.longestBlock) < 0) ? block : this.longestBlock;
		}

	}

	/**
	 * @param username the first administrator's user name
	 * @param password its initial password; nothing is created while it is empty
	 */
	public record BootstrapAdmin(@DefaultValue("admin") String username, String password) {

	}

}
