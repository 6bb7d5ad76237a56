package com.factordesk.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.factordesk.approval.ContactVerifications;
import com.factordesk.debtor.DebtorContacts;
import com.factordesk.debtor.DebtorContacts.Contact;
import com.factordesk.shared.NotFoundException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console's debtor contacts, for a person's data protection request (GDPR):
 * find the people the desk reached at debtors by name, e-mail address or phone number,
 * open one with the verifications that reached them, download what the desk holds about
 * them (JSON), and erase them after confirming: the name, e-mail address and phone number
 * go, the debtor's history stays.
 */
@Controller
@RequestMapping("/admin/contacts")
class ContactsController {

	/**
	 * The shortest text a search takes: shorter finds too many people.
	 */
	static final int SHORTEST_SEARCH = 2;

	private final DebtorContacts contacts;

	private final ContactVerifications verifications;

	private final Clock clock;

	ContactsController(DebtorContacts contacts, ContactVerifications verifications, Clock clock) {
		this.contacts = contacts;
		this.verifications = verifications;
		this.clock = clock;
	}

	@GetMapping
	String search(@RequestParam(name = "q", required = false) String text, Model model) {
		String query = (text != null) ? text.strip() : "";
		model.addAttribute("q", query);
		if (query.length() >= SHORTEST_SEARCH && query.length() <= 200) {
			List<Contact> found = this.contacts.search(query);
			model.addAttribute("found", found);
			model.addAttribute("more", found.size() >= DebtorContacts.MOST_FOUND);
		}
		else if (!query.isEmpty()) {
			model.addAttribute("searchError", "contacts.search.length");
		}
		return "admin/contacts";
	}

	@GetMapping("/{id}")
	String contact(@PathVariable long id, Model model) {
		model.addAttribute("contact", find(id));
		model.addAttribute("verifications", this.verifications.of(id));
		return "admin/contact";
	}

	/**
	 * Everything the desk holds about the person, as a file to hand to them; the export
	 * is audited (who, when, which contact).
	 */
	@GetMapping("/{id}/export.json")
	@ResponseBody
	ResponseEntity<ContactExport> export(@PathVariable long id, Principal principal) {
		Contact contact = this.contacts.export(id);
		ContactExport export = new ContactExport(Instant.now(this.clock), principal.getName(), contact,
				this.verifications.of(id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("debtor-contact-" + id + ".json").build().toString())
			.body(export);
	}

	/**
	 * Erases the contact once confirmed; until then shows what erasing does, with the
	 * button that confirms.
	 */
	@PostMapping("/{id}/erase")
	String erase(@PathVariable long id, @RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed,
			Principal principal, Model model, RedirectAttributes redirect) {
		Contact contact = find(id);
		if (!confirmed || contact.erased()) {
			if (contact.erased()) {
				redirect.addFlashAttribute("failure", "contacts.erase.already");
				return "redirect:/admin/contacts/" + id;
			}
			model.addAttribute("erasing", true);
			return contact(id, model);
		}
		this.contacts.erase(id, principal.getName());
		redirect.addFlashAttribute("success", "contacts.erased");
		redirect.addFlashAttribute("successArg", contact.debtorRef());
		return "redirect:/admin/contacts/" + id;
	}

	private Contact find(long id) {
		return this.contacts.find(id).orElseThrow(() -> new NotFoundException("Debtor contact", id));
	}

	/**
	 * A contact's data export.
	 */
	record ContactExport(Instant exportedAt, String exportedBy, Contact contact,
			List<ContactVerifications.Verification> verifications) {
	}

}
