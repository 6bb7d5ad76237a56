package com.factordesk.approval;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What a funding run did: the run, its total, the invoices it funded and those it
 * skipped, each with why (in the reader's language). Serializable: the page that made the
 * run shows it once, as a flash message kept in the session.
 *
 * @param runId the run made
 * @param total the advances it pays, in all
 * @param funded the numbers of the invoices it funded
 * @param skipped why each invoice asked for was not funded
 */
public record FundingOutcome(long runId, BigDecimal total, List<String> funded,
		List<DefaultMessageSourceResolvable> skipped) implements Serializable {

	public FundingOutcome {
		funded = new ArrayList<>(funded);
		skipped = new ArrayList<>(skipped);
	}

}
