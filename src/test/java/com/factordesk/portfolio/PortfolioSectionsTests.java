package com.factordesk.portfolio;

import com.factordesk.portfolio.PortfolioSections.Section;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The dashboard's sections run beside the request with its user, throw what their query
 * threw, and stay on the request's thread inside a transaction.
 */
class PortfolioSectionsTests {

	private final PortfolioSections sections = new PortfolioSections();

	@AfterEach
	void tearDown() {
		this.sections.destroy();
		SecurityContextHolder.clearContext();
		TransactionSynchronizationManager.setActualTransactionActive(false);
	}

	@Test
	void aSectionRunsOnASectionThreadAsTheRequestsUser() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("mira", "secret", "ROLE_MANAGER"));
		Section<String> section = this.sections.start(() -> Thread.currentThread().getName() + " as "
				+ SecurityContextHolder.getContext().getAuthentication().getName());
		assertThat(section.get()).startsWith("portfolio-section-").endsWith(" as mira");
	}

	@Test
	void whatASectionsQueryThrewIsThrownAsItWas() {
		Section<Object> section = this.sections.start(() -> {
			throw new AccessDeniedException("not a manager");
		});
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(section::get).withMessage("not a manager");
	}

	@Test
	void insideATransactionASectionIsReadOnTheCallersThreadWhereItsWritesAreVisible() {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		String caller = Thread.currentThread().getName();
		assertThat(this.sections.start(() -> Thread.currentThread().getName()).get()).isEqualTo(caller);
		Section<Object> failing = this.sections.start(() -> {
			throw new IllegalArgumentException("no such debtor");
		});
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(failing::get)
			.withMessage("no such debtor");
	}

}
