package com.factordesk.shared;

import java.math.BigDecimal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Rate} as NUMERIC(9,6).
 */
@Converter(autoApply = true)
class RateConverter implements AttributeConverter<Rate, BigDecimal> {

	@Override
	public BigDecimal convertToDatabaseColumn(Rate rate) {
		return (rate != null) ? rate.fraction() : null;
	}

	@Override
	public Rate convertToEntityAttribute(BigDecimal fraction) {
		return (fraction != null) ? new Rate(fraction) : null;
	}

}
