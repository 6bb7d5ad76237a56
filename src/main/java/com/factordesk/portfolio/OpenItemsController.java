package com.factordesk.portfolio;

import java.time.LocalDate;

import com.factordesk.shared.InputBounds.SaneDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The last step of the dashboard's drill-down: the invoices open at the date in the scope
 * (portfolio, client, debtor), most days past due first, a page at a time, narrowed to an
 * aging bucket if asked ({@code bucket=31-60}); each leads to its invoice, and its client
 * and debtor to their scope on the dashboard, keeping the date. A bucket that is none
 * shows every open item and says so.
 */
@Controller
class OpenItemsController {

	/** The highest page number read (a larger one is the last page). */
	static final int MAX_PAGE = 100_000;

	/** How much of an unknown bucket is repeated on the page. */
	private static final int ECHO = 20;

	private final PortfolioScopes scopes;

	private final OpenItems openItems;

	OpenItemsController(PortfolioScopes scopes, OpenItems openItems) {
		this.scopes = scopes;
		this.openItems = openItems;
	}

	@GetMapping("/portfolio/invoices")
	String list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @SaneDate LocalDate asOf,
			@RequestParam(required = false) String clientRef, @RequestParam(required = false) String debtorRef,
			@RequestParam(required = false) String bucket, @RequestParam(defaultValue = "1") int page, Model model) {
		PortfolioScope scope = this.scopes.resolve(asOf, clientRef, debtorRef);
		String asked = StringUtils.hasText(bucket) ? bucket.strip() : null;
		String known = OpenItems.isBucket(asked) ? asked : null;
		if (asked != null && known == null) {
			model.addAttribute("unknownBucket", (asked.length() > ECHO) ? asked.substring(0, ECHO) : asked);
		}
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		model.addAttribute("scope", scope);
		model.addAttribute("today", this.scopes.today());
		model.addAttribute("buckets", AgingBucket.BUCKETS);
		model.addAttribute("items", this.openItems.page(scope, known, pageIndex));
		return "portfolio/invoices";
	}

}
