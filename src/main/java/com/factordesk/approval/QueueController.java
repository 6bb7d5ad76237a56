package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.factordesk.risk.GradeOdds;
import com.factordesk.invoice.QueueItem;
import com.factordesk.pricing.InvoiceQuotes;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The underwriter queue: SUBMITTED and VERIFIED invoices, oldest first unless sorted
 * otherwise (the subtitle says the order), paged, sortable and filtered by flag.
 */
@Controller
class QueueController {

	static final int PAGE_SIZE = 25;

	/**
	 * The highest page number read: a queue of 2.5 million invoices.
	 */
	static final int MAX_PAGE = 100_000;

	private final UnderwriterQueue queue;

	private final InvoiceQuotes quotes;

	private final GradeOdds gradeOdds;

	private final InvoiceFlags flags;

	private final Clock clock;

	QueueController(UnderwriterQueue queue, InvoiceQuotes quotes, GradeOdds gradeOdds, InvoiceFlags flags,
			Clock clock) {
		this.gradeOdds = gradeOdds;
		this.flags = flags;
		this.queue = queue;
		this.quotes = quotes;
		this.clock = clock;
	}

	@GetMapping("/queue")
	String list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "submitted") String sort,
			@RequestParam(defaultValue = "asc") String dir, @RequestParam(required = false) String flag, Model model) {
		// an unknown flag filters nothing, as an unknown sort sorts by the default
		Optional<FlagCode> filter = FlagCode.fromParameter(flag);
		QueueSort column = QueueSort.fromKey(sort);
		Sort.Direction direction = "desc".equalsIgnoreCase(dir) ? Sort.Direction.DESC : Sort.Direction.ASC;
		// a page past the last shows the last one
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		Page<QueueItem> items = this.queue.page(PageRequest.of(pageIndex, PAGE_SIZE, column.toSort(direction)), filter);
		if (pageIndex > 0 && pageIndex >= items.getTotalPages()) {
			items = this.queue.page(
					PageRequest.of(Math.max(items.getTotalPages() - 1, 0), PAGE_SIZE, column.toSort(direction)),
					filter);
		}
		model.addAttribute("items", items);
		model.addAttribute("quotes", this.quotes.quoteAll(items.getContent().stream().map(QueueItem::id).toList()));
		model.addAttribute("flags", this.flags.of(items.getContent().stream().map(QueueItem::id).toList()));
		model.addAttribute("flagCodes", FlagCode.values());
		model.addAttribute("flag", filter.map(FlagCode::name).orElse(null));
		model.addAttribute("sort", column.key());
		model.addAttribute("dir", direction.name().toLowerCase());
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		return "queue/list";
	}

}
