package com.factordesk.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.factordesk.risk.GradeOdds;
import com.factordesk.risk.RiskScores;
import com.factordesk.shared.BusinessRefusal;
import com.factordesk.shared.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The debtor page: its score with the reasons, the score history, bureau scores,
 * disputes, open items and how it pays each client; its credit and insurer limits with
 * what is used of them, the proposals and their history, and the notices of assignment.
 */
@Controller
class DebtorController {

	private final DebtorProfiles profiles;

	private final RiskScores scores;

	private final GradeOdds gradeOdds;

	private final LimitViews limitViews;

	private final CreditLimits creditLimits;

	private final NoticesOfAssignment notices;

	private final RelatedParties related;

	private final InvoiceFlags flags;

	private final DebtorMerges merges;

	private final Clock clock;

	DebtorController(DebtorProfiles profiles, RiskScores scores, GradeOdds gradeOdds, LimitViews limitViews,
			CreditLimits creditLimits, NoticesOfAssignment notices, RelatedParties related, InvoiceFlags flags,
			DebtorMerges merges, Clock clock) {
		this.merges = merges;
		this.related = related;
		this.flags = flags;
		this.gradeOdds = gradeOdds;
		this.profiles = profiles;
		this.scores = scores;
		this.limitViews = limitViews;
		this.creditLimits = creditLimits;
		this.notices = notices;
		this.clock = clock;
	}

	/**
	 * The debtor's page; a record merged into another leads to that record's page.
	 */
	@GetMapping("/debtors/{ref}")
	String show(@PathVariable String ref, Model model, RedirectAttributes redirect) {
		java.util.Optional<String> into = this.merges.mergedInto(ref);
		if (into.isPresent()) {
			redirect.addFlashAttribute("success", "merge.followed");
			redirect.addFlashAttribute("successArg", ref);
			return "redirect:/debtors/" + org.springframework.web.util.UriUtils.encodePathSegment(into.get(),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		return show(ref, model);
	}

	/**
	 * Merges another record of the same legal entity into this one once confirmed; until
	 * then shows the two side by side and asks for the confirmation.
	 */
	@PostMapping("/debtors/{ref}/merge")
	String merge(@PathVariable String ref, @Valid @ModelAttribute("mergeForm") MergeForm form, BindingResult result,
			@org.springframework.web.bind.annotation.RequestParam(name = "confirmed",
					defaultValue = "false") boolean confirmed,
			Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			String mergedRef = form.getMergedRef().strip();
			try {
				if (!confirmed) {
					model.addAttribute("mergePreview", this.merges.preview(ref, mergedRef));
					return show(ref, model);
				}
				this.merges.merge(ref, mergedRef, form.getReason());
				redirect.addFlashAttribute("success", "merge.done");
				redirect.addFlashAttribute("successArg", mergedRef);
				return "redirect:/debtors/{ref}#merge";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
			catch (NotFoundException ex) {
				result.rejectValue("mergedRef", "merge.unknown", new Object[] { mergedRef },
						"No debtor has the ref " + mergedRef);
			}
		}
		return show(ref, model);
	}

	String show(String ref, Model model) {
		DebtorProfile profile = this.profiles.find(ref).orElseThrow(() -> new NotFoundException("Debtor", ref));
		List<RiskScores.ScorePoint> history = this.scores.history(ref);
		model.addAttribute("profile", profile);
		model.addAttribute("listed", DebtorProfiles.LISTED);
		model.addAttribute("score", this.scores.current(ref).orElse(null));
		model.addAttribute("watchlist", this.flags.watchlist(profile.header().id()).orElse(null));
		model.addAttribute("historyLabels", history.stream().map((point) -> point.asOf().toString()).toList());
		model.addAttribute("historyScores", history.stream().map(RiskScores.ScorePoint::score).toList());
		// as last measured; never measured on a page request
		model.addAttribute("gradeOdds", this.gradeOdds.inForce().orElse(null));
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("limits",
				this.limitViews.forDebtor(ref).orElseThrow(() -> new NotFoundException("Debtor", ref)));
		if (!model.containsAttribute("creditLimitForm")) {
			model.addAttribute("creditLimitForm", new LimitForm());
		}
		if (!model.containsAttribute("insurerLimitForm")) {
			model.addAttribute("insurerLimitForm", new LimitForm());
		}
		if (!model.containsAttribute("noticeForm")) {
			model.addAttribute("noticeForm", new NoticeForm());
		}
		if (!model.containsAttribute("relatedForm")) {
			model.addAttribute("relatedForm", new RelatedForm());
		}
		if (!model.containsAttribute("mergeForm")) {
			model.addAttribute("mergeForm", new MergeForm());
		}
		model.addAttribute("likelyDuplicates", this.merges.likelyDuplicates(ref));
		return "debtors/show";
	}

	@PostMapping("/debtors/{ref}/related")
	String markRelated(@PathVariable String ref, @Valid @ModelAttribute("relatedForm") RelatedForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.related.mark(ref, form.getClientId(), form.getReason());
				redirect.addFlashAttribute("success", "related.marked");
				return "redirect:/debtors/{ref}#notices";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return show(ref, model);
	}

	@PostMapping("/debtors/{ref}/credit-limit")
	String proposeCreditLimit(@PathVariable String ref, @Valid @ModelAttribute("creditLimitForm") LimitForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		return propose(CreditLimitDecision.Kind.CREDIT_LIMIT, ref, form, result, model, redirect);
	}

	@PostMapping("/debtors/{ref}/insurer-limit")
	String proposeInsurerLimit(@PathVariable String ref, @Valid @ModelAttribute("insurerLimitForm") LimitForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		return propose(CreditLimitDecision.Kind.INSURER_LIMIT, ref, form, result, model, redirect);
	}

	@PostMapping("/debtors/{ref}/notices")
	String recordNotice(@PathVariable String ref, @Valid @ModelAttribute("noticeForm") NoticeForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				this.notices.record(form.toCommand(ref));
				redirect.addFlashAttribute("success", "notice.recorded");
				return "redirect:/debtors/{ref}#notices";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return show(ref, model);
	}

	private String propose(CreditLimitDecision.Kind kind, String ref, LimitForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				CreditLimitDecision.Status status = this.creditLimits.propose(form.toCommand(kind, ref));
				redirect.addFlashAttribute("success",
						(status == CreditLimitDecision.Status.APPLIED) ? "limit.applied" : "limit.waiting");
				return "redirect:/debtors/{ref}#credit-limit";
			}
			catch (BusinessRefusal ex) {
				ex.rejectOn(result);
			}
		}
		return show(ref, model);
	}

}
