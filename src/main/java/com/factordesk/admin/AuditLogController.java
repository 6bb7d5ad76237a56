package com.factordesk.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.factordesk.audit.AuditLog;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin console's audit log: every recorded change (configuration, decisions, credit
 * limits, funding and rebate runs, receipts and their allocations and reversals,
 * disputes, imports), who made it and when, with what it recorded before and after;
 * filtered by user, kind and days; read-only. A filter value that is not one (a date that
 * is not a date, a period that ends before it starts) is said and left out.
 */
@Controller
@RequestMapping("/admin/audit")
class AuditLogController {

	/**
	 * The last page one can ask for (beyond it the offset costs more than anyone reads).
	 */
	private static final int MAX_PAGE = 2_000;

	/**
	 * A kind as the trail writes them ({@code credit-limit}).
	 */
	private static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z][a-z-]{0,31}");

	private final AuditLog log;

	AuditLogController(AuditLog log) {
		this.log = log;
	}

	@GetMapping
	String list(@RequestParam(required = false) String user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "1") String page, Model model) {
		List<DefaultMessageSourceResolvable> ignored = new ArrayList<>();
		List<String> kinds = this.log.kinds();
		String actor = blankToNull(user);
		if (actor != null && actor.length() > 128) {
			ignored.add(message("audit.filter.userTooLong"));
			actor = null;
		}
		String subject = blankToNull(kind);
		if (subject != null && !KIND.matcher(subject).matches()) {
			ignored.add(message("audit.filter.badKind", (subject.length() > 40) ? subject.substring(0, 40) : subject));
			subject = null;
		}
		if (subject != null && !kinds.contains(subject)) {
			// a kind with no entries yet: offered as chosen, and nothing matches
			kinds = new ArrayList<>(kinds);
			kinds.add(subject);
		}
		LocalDate fromDay = day("from", from, ignored);
		LocalDate toDay = day("to", to, ignored);
		if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
			ignored.add(message("audit.filter.reversed", fromDay.toString(), toDay.toString()));
			toDay = null;
		}
		int pageNumber = pageNumber(page, ignored);
		AuditLog.Filter filter = new AuditLog.Filter(actor, subject, fromDay, toDay);
		model.addAttribute("filter", filter);
		model.addAttribute("kinds", kinds);
		model.addAttribute("ignored", ignored);
		model.addAttribute("entries", this.log.page(filter, pageNumber - 1));
		return "admin/audit";
	}

	private static LocalDate day(String field, String value, List<DefaultMessageSourceResolvable> ignored) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(text);
			if (day.getYear() < 1900 || day.getYear() > 9999) {
				ignored.add(message("audit.filter.badDate." + field, text));
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			ignored.add(message("audit.filter.badDate." + field, (text.length() > 40) ? text.substring(0, 40) : text));
			return null;
		}
	}

	private static int pageNumber(String value, List<DefaultMessageSourceResolvable> ignored) {
		try {
			int page = Integer.parseInt(value.strip());
			if (page >= 1 && page <= MAX_PAGE) {
				return page;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		ignored.add(message("audit.filter.badPage", String.valueOf(MAX_PAGE)));
		return 1;
	}

	private static DefaultMessageSourceResolvable message(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments, code);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
