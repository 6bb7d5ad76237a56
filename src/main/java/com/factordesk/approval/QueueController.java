package com.factordesk.approval;

import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.factordesk.invoice.InvoiceStatus;
import com.factordesk.invoice.QueueItem;
import com.factordesk.pricing.InvoiceQuote;
import com.factordesk.risk.Grade;
import com.factordesk.risk.GradeOdds;
import com.factordesk.shared.KeptPlans;
import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.Money;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The underwriter queue: SUBMITTED and VERIFIED invoices by default, HELD or
 * AWAITING_SECOND_APPROVAL on request, oldest first unless sorted otherwise, paged and
 * filtered by client, debtor, grade, amount range and flag (the subtitle says the order
 * and the filters). A filter value that cannot be read is said on the page and left out.
 * The same handler answers htmx's requests ({@code HX-Request}) with the results region
 * alone.
 */
@Controller
class QueueController {

	static final int PAGE_SIZE = 25;

	/**
	 * The highest page number read: a queue of 2.5 million invoices.
	 */
	static final int MAX_PAGE = 100_000;

	/**
	 * The longest client or debtor filter read.
	 */
	static final int MAX_TEXT = 100;

	private final UnderwriterQueue queue;

	private final QueueQuotes quotes;

	private final GradeOdds gradeOdds;

	private final InvoiceFlags flags;

	private final MessageSource messages;

	private final Clock clock;

	private final KeptPlans plans;

	QueueController(UnderwriterQueue queue, QueueQuotes quotes, GradeOdds gradeOdds, InvoiceFlags flags,
			MessageSource messages, Clock clock, KeptPlans plans) {
		this.plans = plans;
		this.gradeOdds = gradeOdds;
		this.flags = flags;
		this.queue = queue;
		this.quotes = quotes;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The page's invoices, quotes and flags are read in one read-only transaction (one
	 * connection, one begin and commit instead of four), which ends before the page is
	 * rendered.
	 */
	@GetMapping("/queue")
	@Transactional(readOnly = true)
	public String list(@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "submitted") String sort, @RequestParam(defaultValue = "asc") String dir,
			@RequestParam(required = false) String flag, @RequestParam(required = false) String status,
			@RequestParam(required = false) String client, @RequestParam(required = false) String debtor,
			@RequestParam(required = false) String grade, @RequestParam(required = false) String min,
			@RequestParam(required = false) String max,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore, Locale locale,
			HttpServletResponse response, Model model) {
		List<String> problems = new ArrayList<>();
		List<String> inForce = new ArrayList<>();
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/queue");

		List<InvoiceStatus> statuses = QueueFilter.WAITING;
		String statusKey = null;
		if (StringUtils.hasText(status)) {
			Optional<InvoiceStatus> one = QueueFilter.QUEUE_STATUSES.stream()
				.filter((candidate) -> candidate.name().equalsIgnoreCase(status.strip()))
				.findFirst();
			if (one.isPresent()) {
				statuses = List.of(one.get());
				statusKey = one.get().name();
				inForce.add(msg("queue.filter.inForce.status", locale, msg("queue.status." + statusKey, locale)));
				path.queryParam("status", statusKey);
			}
			else {
				problems.add(msg("queue.filter.badStatus", locale, clip(status)));
			}
		}
		Optional<String> clientFilter = text(client);
		clientFilter.ifPresent((value) -> {
			inForce.add(msg("queue.filter.inForce.client", locale, value));
			path.queryParam("client", value);
		});
		Optional<String> debtorFilter = text(debtor);
		debtorFilter.ifPresent((value) -> {
			inForce.add(msg("queue.filter.inForce.debtor", locale, value));
			path.queryParam("debtor", value);
		});
		Optional<Grade> gradeFilter = Optional.empty();
		if (StringUtils.hasText(grade)) {
			gradeFilter = Arrays.stream(Grade.values())
				.filter((candidate) -> candidate.name().equalsIgnoreCase(grade.strip()))
				.findFirst();
			if (gradeFilter.isPresent()) {
				inForce.add(msg("queue.filter.inForce.grade", locale, gradeFilter.get().name()));
				path.queryParam("grade", gradeFilter.get().name());
			}
			else {
				problems.add(msg("queue.filter.badGrade", locale, clip(grade)));
			}
		}
		Optional<Money> minAmount = amount(min, "queue.filter.badMin", locale, problems);
		Optional<Money> maxAmount = amount(max, "queue.filter.badMax", locale, problems);
		if (minAmount.isPresent() && maxAmount.isPresent() && minAmount.get().compareTo(maxAmount.get()) > 0) {
			problems.add(msg("queue.filter.minAboveMax", locale, LocaleNumbers.amount(minAmount.get().amount(), locale),
					LocaleNumbers.amount(maxAmount.get().amount(), locale)));
			minAmount = Optional.empty();
			maxAmount = Optional.empty();
		}
		minAmount.ifPresent((value) -> {
			inForce.add(msg("queue.filter.inForce.min", locale, LocaleNumbers.amount(value.amount(), locale)));
			path.queryParam("min", min.strip());
		});
		maxAmount.ifPresent((value) -> {
			inForce.add(msg("queue.filter.inForce.max", locale, LocaleNumbers.amount(value.amount(), locale)));
			path.queryParam("max", max.strip());
		});
		Optional<FlagCode> flagFilter = Optional.empty();
		if (StringUtils.hasText(flag)) {
			flagFilter = FlagCode.fromParameter(flag.strip());
			if (flagFilter.isPresent()) {
				inForce.add(msg("queue.filter.inForce.flag", locale, msg(flagFilter.get().messageKey(), locale)));
				path.queryParam("flag", flagFilter.get().name());
			}
			else {
				problems.add(msg("queue.filter.badFlag", locale, clip(flag)));
			}
		}
		QueueFilter filter = new QueueFilter(statuses, clientFilter, debtorFilter, gradeFilter, minAmount, maxAmount,
				flagFilter);

		QueueSort column = QueueSort.fromKey(sort);
		Sort.Direction direction = "desc".equalsIgnoreCase(dir) ? Sort.Direction.DESC : Sort.Direction.ASC;
		// a page past the last shows the last one
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		PageRequest pageRequest = PageRequest.of(pageIndex, PAGE_SIZE, column.toSort(direction));
		// the page's ids planned with their parameters (kept, that plan counts and
		// sorts the whole queue: 273 ms against 9 at 1,000,000 invoices), then its
		// quotes and flags with plans kept (KeptPlans)
		QueuePage shown = read(this.queue.search(pageRequest, filter), filter);
		model.addAttribute("items", shown.items());
		model.addAttribute("quotes", shown.quotes());
		model.addAttribute("flags", shown.flags());
		model.addAttribute("flagCodes", FlagCode.values());
		model.addAttribute("grades", Grade.values());
		model.addAttribute("queueStatuses", QueueFilter.QUEUE_STATUSES);
		model.addAttribute("flag", flagFilter.map(FlagCode::name).orElse(null));
		model.addAttribute("status", statusKey);
		model.addAttribute("client", clientFilter.orElse(""));
		model.addAttribute("debtor", debtorFilter.orElse(""));
		model.addAttribute("grade", gradeFilter.map(Grade::name).orElse(null));
		// the values as typed, so a wrong one can be corrected
		model.addAttribute("min", min == null ? "" : clip(min));
		model.addAttribute("max", max == null ? "" : clip(max));
		model.addAttribute("problems", problems);
		model.addAttribute("inForce", inForce);
		model.addAttribute("narrowed", filter.narrows() || statusKey != null);
		model.addAttribute("queuePath", path.build().toUriString());
		model.addAttribute("sort", column.key());
		model.addAttribute("dir", direction.name().toLowerCase(Locale.ROOT));
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("now", this.clock.instant());
		// one URL, two answers: a cache must tell them apart
		response.addHeader(HttpHeaders.VARY, "HX-Request");
		// htmx restoring a page the history cache lost asks for the whole page
		boolean partial = "true".equals(htmx) && !"true".equals(historyRestore);
		return partial ? "queue/list :: results" : "queue/list";
	}

	/**
	 * The page's quotes and flags, for a page of the queue (the last one when the asked
	 * page is past it), both with plans kept: one change of the plan mode for the two.
	 */
	private QueuePage read(Page<QueueItem> found, QueueFilter filter) {
		Page<QueueItem> items = found;
		if (found.getNumber() > 0 && found.getNumber() >= found.getTotalPages()) {
			items = this.queue.search(
					PageRequest.of(Math.max(found.getTotalPages() - 1, 0), PAGE_SIZE, found.getPageable().getSort()),
					filter);
		}
		Page<QueueItem> shown = items;
		List<Long> ids = shown.getContent().stream().map(QueueItem::id).toList();
		return this.plans.run(() -> new QueuePage(shown, this.quotes.of(ids), this.flags.of(ids)));
	}

	private record QueuePage(Page<QueueItem> items, Map<Long, InvoiceQuote> quotes, Map<Long, List<Flag>> flags) {
	}

	private String msg(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static Optional<String> text(String value) {
		return StringUtils.hasText(value) ? Optional.of(clip(value)) : Optional.empty();
	}

	private static String clip(String value) {
		String stripped = value.strip();
		return (stripped.length() > MAX_TEXT) ? stripped.substring(0, MAX_TEXT) : stripped;
	}

	private Optional<Money> amount(String value, String problem, Locale locale, List<String> problems) {
		if (!StringUtils.hasText(value)) {
			return Optional.empty();
		}
		try {
			BigDecimal number = LocaleNumbers.parse(value.strip(), locale);
			if (number.signum() < 0 || number.scale() > 2) {
				problems.add(msg(problem, locale, clip(value)));
				return Optional.empty();
			}
			return Optional.of(Money.of(number.setScale(2)));
		}
		catch (ParseException | ArithmeticException ex) {
			problems.add(msg(problem, locale, clip(value)));
			return Optional.empty();
		}
	}

}
