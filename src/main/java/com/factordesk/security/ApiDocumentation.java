package com.factordesk.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integration API's description for springdoc: its title, and the key every call
 * sends in the {@value ApiKeys#HEADER} header (a read key for the reads, an import key
 * for the imports).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String KEY_SCHEME = "apiKey";

	@Bean
	OpenAPI factorDeskApi() {
		return new OpenAPI()
			.info(new Info().title("FactorDesk integration API")
				.version("v1")
				.description("Reads of the book (invoices, debtors and their scores, the portfolio, the backtest) and "
						+ "the CSV imports of DESIGN section 7. Every call sends an API key in the " + ApiKeys.HEADER
						+ " header; a key with the read right reads, a key with the import right imports. "
						+ "Errors are application/problem+json."))
			.components(new Components().addSecuritySchemes(KEY_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeys.HEADER)
						.description("An API key made on the admin console's API keys page")))
			.addSecurityItem(new SecurityRequirement().addList(KEY_SCHEME));
	}

}
