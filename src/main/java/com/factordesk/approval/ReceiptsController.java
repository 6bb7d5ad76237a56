package com.factordesk.approval;

import java.beans.PropertyEditorSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.factordesk.invoice.PaymentSource;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.Money;
import com.factordesk.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Receipts and cash application (DESIGN section 4b): the receipts with their filters, a
 * receipt entered by hand, a bank statement file imported with its report line by line,
 * the unapplied cash, and a receipt's page where the suggested allocations are adjusted
 * and confirmed, the payer is named, and cash is passed on to a client. A refusal shows
 * on the form that asked (422).
 */
@Controller
class ReceiptsController {

	/**
	 * The largest bank statement read: it is read whole (a month of a busy account is
	 * well under it).
	 */
	static final long MAX_STATEMENT_BYTES = 10L * 1024 * 1024;

	/** The highest list page number read. */
	static final int MAX_PAGE = 100_000;

	private final Receipts receipts;

	private final ReceiptQueries queries;

	private final CashApplication cashApplication;

	private final Clock clock;

	ReceiptsController(Receipts receipts, ReceiptQueries queries, CashApplication cashApplication, Clock clock) {
		this.receipts = receipts;
		this.queries = queries;
		this.cashApplication = cashApplication;
		this.clock = clock;
	}

	@GetMapping("/receipts")
	String list(@RequestParam(defaultValue = "false") boolean unapplied, @RequestParam(required = false) String source,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "1") int page, Model model) {
		if (!model.containsAttribute("recordForm")) {
			ReceiptForm form = new ReceiptForm();
			form.setReceivedOn(LocalDate.now(this.clock));
			model.addAttribute("recordForm", form);
		}
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		ReceiptQueries.ReceiptFilter filter = new ReceiptQueries.ReceiptFilter(unapplied, source(source), date(from),
				date(to));
		model.addAttribute("filter", filter);
		model.addAttribute("receipts", this.queries.page(filter, pageIndex));
		model.addAttribute("sources", PaymentSource.values());
		model.addAttribute("today", LocalDate.now(this.clock));
		return "receipts/list";
	}

	@PostMapping("/receipts")
	String record(@Valid @ModelAttribute("recordForm") ReceiptForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				long id = this.receipts.record(form.toCommand());
				redirect.addFlashAttribute("success", "receipts.recorded");
				redirect.addFlashAttribute("successArg", id);
				return "redirect:/receipts/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return list(false, null, null, null, 1, model);
	}

	/**
	 * Imports a CAMT.053 or CSV file and shows what became of each line; a refused file
	 * is a 422 with the same report.
	 */
	@PostMapping("/receipts/import")
	String importFile(@RequestParam(name = "file", required = false) MultipartFile file, Model model,
			HttpServletResponse response) throws IOException {
		if (file == null || file.isEmpty()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("uploadError", "receipts.import.noFile");
			return list(false, null, null, null, 1, model);
		}
		if (file.getSize() > MAX_STATEMENT_BYTES) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			model.addAttribute("uploadError", "receipts.import.tooLarge");
			return list(false, null, null, null, 1, model);
		}
		ImportReport report = this.receipts.importFile(file.getOriginalFilename(), file.getBytes());
		if (report.outcome() == ImportReport.Outcome.REFUSED) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
		model.addAttribute("report", report);
		model.addAttribute("today", LocalDate.now(this.clock));
		return "receipts/import";
	}

	@GetMapping("/receipts/unapplied")
	String unapplied(Model model) {
		model.addAttribute("cash", this.queries.unapplied());
		model.addAttribute("today", LocalDate.now(this.clock));
		return "receipts/unapplied";
	}

	@GetMapping("/receipts/{id}")
	String show(@PathVariable long id, Model model) {
		ReceiptQueries.ReceiptDetail detail = detail(id);
		ReceiptSuggestion suggestion = this.receipts.suggest(id);
		ApplyForm apply = new ApplyForm();
		for (SuggestedAllocation suggested : suggestion.allocations()) {
			apply.getRows()
				.add(new ApplyForm.Row(suggested.invoice().invoiceId(), suggested.amount().amount(),
						suggested.reason()));
		}
		PayerForm identify = new PayerForm();
		if (suggestion.payerSuggested()) {
			identify.setDebtorRef(suggestion.payer().ref());
		}
		PayerForm passOn = new PayerForm();
		if (detail.receipt().unapplied().isPositive()) {
			passOn.setAmount(detail.receipt().unapplied().amount());
		}
		model.addAttribute("suggestion", suggestion);
		return page(detail, apply, identify, passOn, model);
	}

	/**
	 * The apply form: {@code action=add} adds the invoice named in {@code addNumber} and
	 * shows the form again; {@code action=confirm} applies the kept rows.
	 */
	@PostMapping("/receipts/{id}/apply")
	String apply(@PathVariable long id, @RequestParam(defaultValue = "confirm") String action,
			@Valid @ModelAttribute("applyForm") ApplyForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		ReceiptQueries.ReceiptDetail detail = detail(id);
		if ("add".equals(action)) {
			if (!result.hasErrors()) {
				try {
					OpenInvoice invoice = this.receipts.openInvoice(id, form.getAddNumber());
					Money left = detail.receipt().unapplied();
					for (ApplyForm.Row row : form.getRows()) {
						if (row.isKeep() && row.getAmount() != null) {
							left = left.minus(Money.of(row.getAmount()));
						}
					}
					Money amount = left.isPositive() ? left.min(invoice.outstanding())
							: detail.receipt().unapplied().min(invoice.outstanding());
					form.getRows()
						.add(new ApplyForm.Row(invoice.invoiceId(), amount.amount(), SuggestedAllocation.Reason.ADDED));
					form.setAddNumber(null);
					return page(detail, form, new PayerForm(), passOnDefaults(detail), model);
				}
				catch (BusinessRefusal refusal) {
					refusal.rejectOn(result);
				}
			}
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(detail, form, new PayerForm(), passOnDefaults(detail), model);
		}
		if (!result.hasErrors()) {
			List<CashApplication.Allocate> allocations = allocations(detail, form, result);
			if (!result.hasErrors()) {
				try {
					this.cashApplication.apply(id, allocations);
					redirect.addFlashAttribute("success", "receipts.applied");
					redirect.addFlashAttribute("successArg", id);
					return "redirect:/receipts/" + id;
				}
				catch (BusinessRefusal refusal) {
					refusal.rejectOn(result);
				}
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(detail, form, new PayerForm(), passOnDefaults(detail), model);
	}

	/**
	 * The kept rows as allocations: each at most its invoice's outstanding, all at most
	 * what is unapplied; what does not hold is a field error.
	 */
	private List<CashApplication.Allocate> allocations(ReceiptQueries.ReceiptDetail detail, ApplyForm form,
			BindingResult result) {
		List<Long> ids = form.getRows().stream().map(ApplyForm.Row::getInvoiceId).filter((i) -> i != null).toList();
		Map<Long, OpenInvoice> open = this.receipts.openInvoices(ids);
		List<CashApplication.Allocate> allocations = new ArrayList<>();
		Money total = Money.ZERO;
		for (int i = 0; i < form.getRows().size(); i++) {
			ApplyForm.Row row = form.getRows().get(i);
			if (!row.isKeep() || row.getInvoiceId() == null) {
				continue;
			}
			String field = "rows[" + i + "].amount";
			OpenInvoice invoice = open.get(row.getInvoiceId());
			if (invoice == null) {
				result.rejectValue(field, "receipts.apply.notOpen", "The invoice is not open any more");
				continue;
			}
			if (row.getAmount() == null) {
				result.rejectValue(field, "receipts.apply.amountMissing", "Enter the amount to apply");
				continue;
			}
			Money amount = Money.of(row.getAmount());
			if (amount.isGreaterThan(invoice.outstanding())) {
				result.rejectValue(field, "receipts.apply.exceedsOutstanding",
						new Object[] { invoice.number(), invoice.outstanding() },
						"More than the invoice's outstanding");
				continue;
			}
			total = total.plus(amount);
			allocations.add(new CashApplication.Allocate(row.getInvoiceId(), amount));
		}
		if (total.isGreaterThan(detail.receipt().unapplied())) {
			result.reject("receipts.apply.exceedsUnapplied", new Object[] { total, detail.receipt().unapplied() },
					"More than the receipt's unapplied cash");
		}
		if (allocations.isEmpty() && !result.hasErrors()) {
			result.reject("cash.noneSelected", "Choose at least one invoice to apply the receipt to");
		}
		return allocations;
	}

	@PostMapping("/receipts/{id}/identify")
	String identify(@PathVariable long id, @Valid @ModelAttribute("identifyForm") PayerForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		ReceiptQueries.ReceiptDetail detail = detail(id);
		if (!result.hasErrors()) {
			try {
				this.receipts.identify(id, form.getDebtorRef());
				redirect.addFlashAttribute("success", "receipts.identified");
				redirect.addFlashAttribute("successArg", id);
				return "redirect:/receipts/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(detail, suggestedForm(id), form, passOnDefaults(detail), model);
	}

	@PostMapping("/receipts/{id}/pass-on")
	String passOn(@PathVariable long id, @Valid @ModelAttribute("passOnForm") PayerForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		ReceiptQueries.ReceiptDetail detail = detail(id);
		if (!result.hasErrors()) {
			try {
				this.receipts.passOn(id, form.getClientRef(),
						(form.getAmount() != null) ? Money.of(form.getAmount()) : null, form.getNote());
				redirect.addFlashAttribute("success", "receipts.passedOn");
				redirect.addFlashAttribute("successArg", id);
				return "redirect:/receipts/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(detail, suggestedForm(id), new PayerForm(), form, model);
	}

	/**
	 * The receipt bounced: its allocations are reversed and the invoices it paid open
	 * again (CashApplication.reverse); a rise of exposure over a limit is said in the
	 * message.
	 */
	@PostMapping("/receipts/{id}/reverse")
	String reverse(@PathVariable long id, @Valid @ModelAttribute("reverseForm") ReverseForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		ReceiptQueries.ReceiptDetail detail = detail(id);
		if (!result.hasErrors()) {
			try {
				CashApplication.Reversal reversal = this.cashApplication.reverse(id, form.getOn(), form.getReason());
				redirect.addFlashAttribute("success",
						reversal.overLimit() ? "receipts.reversedOverLimit" : "receipts.reversedFlash");
				redirect.addFlashAttribute("successArg", id);
				return "redirect:/receipts/" + id;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return page(detail, suggestedForm(id), new PayerForm(), passOnDefaults(detail), model);
	}

	private ApplyForm suggestedForm(long id) {
		ApplyForm apply = new ApplyForm();
		for (SuggestedAllocation suggested : this.receipts.suggest(id).allocations()) {
			apply.getRows()
				.add(new ApplyForm.Row(suggested.invoice().invoiceId(), suggested.amount().amount(),
						suggested.reason()));
		}
		return apply;
	}

	private static PayerForm passOnDefaults(ReceiptQueries.ReceiptDetail detail) {
		PayerForm passOn = new PayerForm();
		if (detail.receipt().unapplied().isPositive()) {
			passOn.setAmount(detail.receipt().unapplied().amount());
		}
		return passOn;
	}

	private String page(ReceiptQueries.ReceiptDetail detail, ApplyForm apply, PayerForm identify, PayerForm passOn,
			Model model) {
		List<Long> ids = apply.getRows().stream().map(ApplyForm.Row::getInvoiceId).filter((i) -> i != null).toList();
		model.addAttribute("detail", detail);
		model.addAttribute("receipt", detail.receipt());
		model.addAttribute("invoices", this.receipts.openInvoices(ids));
		if (!model.containsAttribute("applyForm")) {
			model.addAttribute("applyForm", apply);
		}
		if (!model.containsAttribute("identifyForm")) {
			model.addAttribute("identifyForm", identify);
		}
		if (!model.containsAttribute("passOnForm")) {
			model.addAttribute("passOnForm", passOn);
		}
		if (!model.containsAttribute("reverseForm")) {
			ReverseForm reverse = new ReverseForm();
			reverse.setOn(LocalDate.now(this.clock));
			model.addAttribute("reverseForm", reverse);
		}
		forDisplay(model, "applyForm");
		forDisplay(model, "passOnForm");
		if (!model.containsAttribute("suggestion")) {
			model.addAttribute("suggestion", null);
		}
		model.addAttribute("today", LocalDate.now(this.clock));
		return "receipts/show";
	}

	/**
	 * A form shown without being posted in this request writes its amounts the reader's
	 * way (2,5 in Dutch), as a posted one does through the binder.
	 */
	private static void forDisplay(Model model, String name) {
		String key = BindingResult.MODEL_KEY_PREFIX + name;
		Object form = model.getAttribute(name);
		if (form == null || model.containsAttribute(key)) {
			return;
		}
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(form, name);
		result.getPropertyEditorRegistry().registerCustomEditor(BigDecimal.class, new PropertyEditorSupport() {

			@Override
			public String getAsText() {
				return LocaleNumbers.print((BigDecimal) getValue(), LocaleContextHolder.getLocale());
			}

		});
		model.addAttribute(key, result);
	}

	private ReceiptQueries.ReceiptDetail detail(long id) {
		return this.queries.detail(id).orElseThrow(() -> new NotFoundException("Receipt", id));
	}

	private static PaymentSource source(String source) {
		if (source == null || source.isBlank()) {
			return null;
		}
		try {
			return PaymentSource.valueOf(source);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
