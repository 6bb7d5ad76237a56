package com.factordesk.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The desk's static files, and only those: its own CSS and scripts under {@code /css} and
 * {@code /js}, and the webjars under {@code /webjars}, which the templates link without
 * their version and the pages show with it (webjars-locator-lite, resolved once and
 * cached), and the desk's icon at {@code /favicon.ico}, which browsers ask for by
 * themselves.
 * <p>
 * Boot's default handler for {@code /**} is off
 * ({@code spring.web.resources.add-mappings:
 * false}): with it, the resource URL encoding looked every link of a page
 * ({@code /invoices/42}, {@code /queue?page=2}) up on the classpath as a possible static
 * file, in nested jars and uncached since it is never found (spring-framework issue
 * 34014): three quarters of the queue page's CPU in the packaged jar. Now a link outside
 * these paths is left as it is at the cost of three pattern matches.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// the chain adds the webjars resolver (version-less paths) before the path one
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true);
		registry.addResourceHandler("/css/**")
			.addResourceLocations("classpath:/static/css/")
			.resourceChain(true)
			.addResolver(new PathResourceResolver());
		registry.addResourceHandler("/favicon.ico").addResourceLocations("classpath:/static/");
		registry.addResourceHandler("/js/**")
			.addResourceLocations("classpath:/static/js/")
			.resourceChain(true)
			.addResolver(new PathResourceResolver());
	}

}
