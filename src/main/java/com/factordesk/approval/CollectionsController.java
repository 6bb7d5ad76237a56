package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.factordesk.invoice.DisputeReason;
import com.factordesk.risk.Grade;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Collections (issue 10): the worklist of debtors with funded invoices past due, riskiest
 * first, and a debtor's collections page with its forms (a note with the next action, a
 * promise to pay, a dispute opened or withdrawn). A form that breaks a rule comes back
 * with the reasons on its fields (422) and nothing changed; one that succeeds redirects
 * back with a message.
 */
@Controller
class CollectionsController {

	/** The highest worklist page number read. */
	static final int MAX_PAGE = 100_000;

	private final CollectionsWorklist worklist;

	private final CollectionActions actions;

	private final MessageSource messages;

	private final Clock clock;

	CollectionsController(CollectionsWorklist worklist, CollectionActions actions, MessageSource messages,
			Clock clock) {
		this.worklist = worklist;
		this.actions = actions;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/collections")
	String list(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String client,
			@RequestParam(required = false) String grade, @RequestParam(defaultValue = "false") boolean broken,
			@RequestParam(defaultValue = "false") boolean due, Locale locale, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		List<String> problems = new ArrayList<>();
		List<String> inForce = new ArrayList<>();
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/collections");
		Optional<String> clientFilter = Optional.ofNullable(client)
			.map(String::strip)
			.filter(StringUtils::hasText)
			.map((text) -> (text.length() > QueueController.MAX_TEXT) ? text.substring(0, QueueController.MAX_TEXT)
					: text);
		clientFilter.ifPresent((value) -> {
			inForce.add(msg("collections.filter.inForce.client", locale, value));
			path.queryParam("client", value);
		});
		Optional<Grade> gradeFilter = Optional.empty();
		if (StringUtils.hasText(grade)) {
			gradeFilter = Arrays.stream(Grade.values())
				.filter((candidate) -> candidate.name().equalsIgnoreCase(grade.strip()))
				.findFirst();
			if (gradeFilter.isPresent()) {
				inForce.add(msg("collections.filter.inForce.grade", locale, gradeFilter.get().name()));
				path.queryParam("grade", gradeFilter.get().name());
			}
			else {
				String typed = grade.strip();
				problems.add(msg("collections.filter.badGrade", locale,
						(typed.length() > 20) ? typed.substring(0, 20) : typed));
			}
		}
		if (broken) {
			inForce.add(msg("collections.filter.inForce.broken", locale));
			path.queryParam("broken", true);
		}
		if (due) {
			inForce.add(msg("collections.filter.inForce.due", locale));
			path.queryParam("due", true);
		}
		CollectionsWorklist.Filter filter = new CollectionsWorklist.Filter(clientFilter, gradeFilter, broken, due);
		int pageIndex = Math.min(Math.max(page, 1), MAX_PAGE) - 1;
		Page<CollectionsWorklist.Row> rows = this.worklist.page(filter, today, pageIndex);
		if (pageIndex > 0 && rows.getContent().isEmpty()) {
			// a page past the last shows the last one
			Page<CollectionsWorklist.Row> first = this.worklist.page(filter, today, 0);
			rows = (first.getTotalPages() > 1) ? this.worklist.page(filter, today, first.getTotalPages() - 1) : first;
		}
		model.addAttribute("rows", rows);
		model.addAttribute("client", clientFilter.orElse(""));
		model.addAttribute("grade", gradeFilter.map(Grade::name).orElse(null));
		model.addAttribute("broken", broken);
		model.addAttribute("due", due);
		model.addAttribute("grades", Grade.values());
		model.addAttribute("problems", problems);
		model.addAttribute("inForce", inForce);
		model.addAttribute("narrowed", filter.narrows());
		model.addAttribute("listPath", path.build().toUriString());
		model.addAttribute("today", today);
		return "collections/list";
	}

	@GetMapping("/collections/debtors/{ref}")
	String show(@PathVariable String ref, Model model) {
		LocalDate today = LocalDate.now(this.clock);
		model.addAttribute("view",
				this.worklist.debtor(ref, today).orElseThrow(() -> new NotFoundException("Debtor", ref)));
		if (!model.containsAttribute("noteForm")) {
			model.addAttribute("noteForm", new CollectionForms.NoteForm());
		}
		if (!model.containsAttribute("promiseForm")) {
			model.addAttribute("promiseForm", new CollectionForms.PromiseForm());
		}
		if (!model.containsAttribute("disputeForm")) {
			CollectionForms.DisputeForm disputeForm = new CollectionForms.DisputeForm();
			disputeForm.setOpenedOn(today);
			model.addAttribute("disputeForm", disputeForm);
		}
		if (!model.containsAttribute("resolveForm")) {
			CollectionForms.ResolveForm resolveForm = new CollectionForms.ResolveForm();
			resolveForm.setResolvedOn(today);
			model.addAttribute("resolveForm", resolveForm);
		}
		if (!model.containsAttribute("creditNoteForm")) {
			model.addAttribute("creditNoteForm", new CollectionForms.CreditNoteForm());
		}
		if (!model.containsAttribute("settleForm")) {
			model.addAttribute("settleForm", new CollectionForms.SettleForm());
		}
		model.addAttribute("nextActions", NextAction.values());
		model.addAttribute("disputeReasons", DisputeReason.values());
		model.addAttribute("today", today);
		return "collections/debtor";
	}

	@PostMapping("/collections/debtors/{ref}/notes")
	String addNote(@PathVariable String ref, @Valid @ModelAttribute("noteForm") CollectionForms.NoteForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "notes", result, model, redirect, response, () -> {
			this.actions.addNote(form.toCommand(ref));
			return "collections.note.added";
		});
	}

	@PostMapping("/collections/debtors/{ref}/promises")
	String recordPromise(@PathVariable String ref,
			@Valid @ModelAttribute("promiseForm") CollectionForms.PromiseForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "promises", result, model, redirect, response, () -> {
			this.actions.recordPromise(form.toCommand(ref));
			return "collections.promise.recorded";
		});
	}

	@PostMapping("/collections/debtors/{ref}/disputes")
	String openDispute(@PathVariable String ref, @Valid @ModelAttribute("disputeForm") CollectionForms.DisputeForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "disputes", result, model, redirect, response, () -> {
			this.actions.openDispute(form.toCommand(ref));
			return "collections.dispute.opened";
		});
	}

	@PostMapping("/collections/debtors/{ref}/disputes/resolve")
	String resolveDispute(@PathVariable String ref,
			@Valid @ModelAttribute("resolveForm") CollectionForms.ResolveForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "disputes", result, model, redirect, response, () -> {
			this.actions.resolveDispute(form.toCommand(ref));
			return "collections.dispute.resolvedMessage";
		});
	}

	@PostMapping("/collections/debtors/{ref}/credit-notes")
	String creditNote(@PathVariable String ref,
			@Valid @ModelAttribute("creditNoteForm") CollectionForms.CreditNoteForm form, BindingResult result,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "credit-notes", result, model, redirect, response,
				() -> this.actions.creditNote(form.toCommand(ref)) ? "collections.creditNote.closed"
						: "collections.creditNote.entered");
	}

	@PostMapping("/collections/debtors/{ref}/short-paid")
	String closeShortPaid(@PathVariable String ref,
			@Valid @ModelAttribute("settleForm") CollectionForms.SettleForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "settle", result, model, redirect, response, () -> {
			this.actions.closeShortPaid(form.toCommand(ref));
			return "collections.settled.shortPaid";
		});
	}

	@PostMapping("/collections/debtors/{ref}/charge-back")
	String chargeBack(@PathVariable String ref, @Valid @ModelAttribute("settleForm") CollectionForms.SettleForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "settle", result, model, redirect, response, () -> {
			this.actions.chargeBack(form.toCommand(ref));
			return "collections.settled.chargedBack";
		});
	}

	@PostMapping("/collections/debtors/{ref}/write-off")
	String writeOff(@PathVariable String ref, @Valid @ModelAttribute("settleForm") CollectionForms.SettleForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return submit(ref, "settle", result, model, redirect, response, () -> {
			this.actions.writeOff(form.toCommand(ref));
			return "collections.settled.writtenOff";
		});
	}

	private String submit(String ref, String anchor, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response, Action action) {
		if (!result.hasErrors()) {
			try {
				redirect.addFlashAttribute("success", action.take());
				return "redirect:/collections/debtors/{ref}#" + anchor;
			}
			catch (BusinessRefusal refusal) {
				refusal.rejectOn(result);
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return show(ref, model);
	}

	private String msg(String code, Locale locale, Object... arguments) {
		return this.messages.getMessage(code, arguments, locale);
	}

	@FunctionalInterface
	private interface Action {

		String take();

	}

}
