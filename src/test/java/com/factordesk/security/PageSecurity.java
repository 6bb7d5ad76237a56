package com.factordesk.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application's own security for a web slice ({@code @WebMvcTest}): the filter chain
 * of {@link SecurityConfiguration} with its problem responses. The slice mocks
 * {@link ApiKeys}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, ProblemResponses.class })
public class PageSecurity {

}
