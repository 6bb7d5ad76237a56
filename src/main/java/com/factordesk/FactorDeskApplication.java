package com.factordesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * FactorDesk: the credit desk of a factoring company.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FactorDeskApplication {

	public static void main(String[] args) {
		SpringApplication.run(FactorDeskApplication.class, args);
	}

}
