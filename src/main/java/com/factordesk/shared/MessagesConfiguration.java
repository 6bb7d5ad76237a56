package com.factordesk.shared;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the desk (messages*.properties), with every {@link Money} among a
 * message's arguments written the reader's way with its currency ("EUR 6.859,46" in
 * Dutch), whatever the message: a refusal that names an amount reads like the page around
 * it. Replaces Boot's message source, with the same settings as {@code spring.messages}.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource messages = new MoneyAwareMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	/**
	 * Writes Money arguments as amounts of the reader's locale.
	 */
	static final class MoneyAwareMessageSource extends ResourceBundleMessageSource {

		@Override
		protected Object[] resolveArguments(Object[] args, Locale locale) {
			Object[] resolved = super.resolveArguments(args, locale);
			for (int i = 0; i < resolved.length; i++) {
				if (resolved[i] instanceof Money money) {
					resolved[i] = LocaleNumbers.amount(money.amount(), locale);
				}
			}
			return resolved;
		}

	}

}
