package com.factordesk.shared;

import java.math.BigDecimal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link Money} as NUMERIC(19,2).
 */
@Converter(autoApply = true)
class MoneyConverter implements AttributeConverter<Money, BigDecimal> {

	@Override
	public BigDecimal convertToDatabaseColumn(Money money) {
		return (money != null) ? money.amount() : null;
	}

	@Override
	public Money convertToEntityAttribute(BigDecimal amount) {
		return (amount != null) ? new Money(amount) : null;
	}

}
