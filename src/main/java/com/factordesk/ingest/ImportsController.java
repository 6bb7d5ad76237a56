package com.factordesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

import com.factordesk.shared.LongRunning;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The admin console's imports page: upload an invoices, payments, disputes or bureau
 * scores file (DESIGN section 7), with a progress bar while a long file goes up, and read
 * the import's report: what it entered and opened, or every invalid row with its line,
 * column and reason (then nothing was written). The same rules as {@code POST
 * /api/v1/imports/{kind}}.
 */
@Controller
@RequestMapping("/admin/imports")
@LongRunning
class ImportsController {

	private final Imports imports;

	ImportsController(Imports imports) {
		this.imports = imports;
	}

	@GetMapping
	String page() {
		return "admin/imports";
	}

	@PostMapping
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(defaultValue = InvoiceImports.KIND) String kind, Principal principal, Model model)
			throws IOException {
		// no file chosen (an empty file with a name is read, and reported empty)
		if (file == null || (file.isEmpty() && !StringUtils.hasText(file.getOriginalFilename()))) {
			model.addAttribute("noFile", true);
			model.addAttribute("kind", kind);
			return "admin/imports";
		}
		try (InputStream in = file.getInputStream()) {
			// the page offers the kinds; anything else it is sent is read as invoices
			model.addAttribute("report", this.imports
				.importFile(Imports.KINDS.contains(kind) ? kind : InvoiceImports.KIND, in, principal.getName()));
		}
		model.addAttribute("fileName", file.getOriginalFilename());
		model.addAttribute("kind", kind);
		return "admin/imports";
	}

}
