package com.factordesk.web;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Locale;

import com.factordesk.shared.ClockProperties;
import com.factordesk.shared.Money;
import com.factordesk.shared.Rate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pages write for a number, in each language: amounts with their currency on one
 * line, measures with their decimals, ids as codes.
 */
class FormatsTests {

	private final Formats fmt = new Formats(new ClockProperties(ZoneId.of("Europe/Amsterdam"), null),
			new StaticMessageSource());

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void englishNumbers() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(this.fmt.money(Money.of("6859.46"))).isEqualTo("EUR\u00a06,859.46");
		assertThat(this.fmt.decimal(new BigDecimal("42.60"))).isEqualTo("42.60");
		assertThat(this.fmt.share(new BigDecimal("1"))).isEqualTo("100.0\u00a0%");
		assertThat(this.fmt.id(18902L)).isEqualTo("18902");
		assertThat(this.fmt.count(18902)).isEqualTo("18,902");
		// a quote's rates with every decimal they have, two to four
		assertThat(this.fmt.rateExact(Rate.percent("1.75"))).isEqualTo("1.75\u00a0%");
		assertThat(this.fmt.rateExact(Rate.percent("1.875"))).isEqualTo("1.875\u00a0%");
		assertThat(this.fmt.rateExact(Rate.fraction("0.008167"))).isEqualTo("0.8167\u00a0%");
		assertThat(this.fmt.rateExact(Rate.percent("42"))).isEqualTo("42.00\u00a0%");
	}

	@Test
	void dutchNumbers() {
		LocaleContextHolder.setLocale(Locale.forLanguageTag("nl"));
		assertThat(this.fmt.money(Money.of("6859.46"))).isEqualTo("EUR\u00a06.859,46");
		assertThat(this.fmt.decimal(new BigDecimal("42.6"))).isEqualTo("42,6");
		assertThat(this.fmt.share(new BigDecimal("1"))).isEqualTo("100,0\u00a0%");
		assertThat(this.fmt.percent(new BigDecimal("0.455"), 1)).isEqualTo("45,5\u00a0%");
		assertThat(this.fmt.id(18902L)).isEqualTo("18902");
		assertThat(this.fmt.points("0:100, 0.05:70")).isEqualTo("0:100; 0,05:70");
		assertThat(this.fmt.rateExact(Rate.fraction("0.008167"))).isEqualTo("0,8167\u00a0%");
	}

}
