package com.factordesk.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo portfolio.
 *
 * @param seed the random seed: the same seed and date give the same portfolio
 * @param invoices how many invoices to generate; 0 means the demo size (about 36,000 over
 * two years)
 */
@ConfigurationProperties("factordesk.demo")
public record DemoProperties(@DefaultValue("20261125") long seed, @DefaultValue("0") int invoices) {

	DemoScale scale() {
		return (this.invoices > 0) ? DemoScale.forInvoices(this.invoices) : DemoScale.demo();
	}

}
