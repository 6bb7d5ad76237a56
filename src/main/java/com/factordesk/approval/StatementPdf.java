package com.factordesk.approval;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.factordesk.shared.LocaleNumbers;
import com.factordesk.shared.Money;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes a client statement as a PDF (OpenPDF) in the reader's language: the same figures
 * as the client page's statement, amounts and counts the reader's way, dates ISO.
 */
@Component
class StatementPdf {

	private static final DateTimeFormatter MADE_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);

	private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);

	private static final Font TEXT = FontFactory.getFont(FontFactory.HELVETICA, 10);

	private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);

	private final MessageSource messages;

	private final Clock clock;

	StatementPdf(MessageSource messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	byte[] write(ClientStatement statement, Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 48, 48, 48, 48);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle(text(locale, "statement.pdf.title", statement.clientRef(), statement.from().toString(),
					statement.to().toString()));
			document.addCreator("FactorDesk");
			document.open();
			document.add(new Paragraph(text(locale, "statement.title"), TITLE));
			document.add(new Paragraph(statement.clientName() + " (" + statement.clientRef() + ")", HEADING));
			document.add(new Paragraph(
					text(locale, "statement.period", statement.from().toString(), statement.to().toString()), TEXT));
			document.add(new Paragraph(text(locale, "statement.pdf.madeAt",
					MADE_AT.format(this.clock.instant().atZone(this.clock.getZone()))), TEXT));

			document.add(heading(locale, "statement.information"));
			PdfPTable activity = table(3, new float[] { 5, 2, 3 });
			header(activity, "", text(locale, "statement.count"), text(locale, "statement.amount"));
			row(activity, TEXT, text(locale, "statement.funded"), count(statement.funded().count(), locale),
					money(statement.funded().total(), locale));
			row(activity, TEXT, text(locale, "statement.collected"), count(statement.collected().count(), locale),
					money(statement.collected().total(), locale));
			document.add(activity);

			document.add(heading(locale, "statement.reserve"));
			PdfPTable ledger = table(3, new float[] { 5, 2, 3 });
			header(ledger, text(locale, "statement.movement"), text(locale, "statement.entries"),
					text(locale, "statement.amount"));
			row(ledger, BOLD, text(locale, "statement.opening", statement.from().toString()), "",
					money(statement.opening(), locale));
			for (ClientStatement.Movement movement : statement.movements()) {
				row(ledger, TEXT, text(locale, "statement.kind." + movement.kind()), count(movement.count(), locale),
						money(movement.total(), locale));
			}
			row(ledger, BOLD, text(locale, "statement.closing", statement.to().toString()),
					count(statement.entries(), locale), money(statement.closing(), locale));
			document.add(ledger);

			document.add(heading(locale, "statement.today"));
			PdfPTable today = table(2, new float[] { 7, 3 });
			row(today, TEXT, text(locale, "statement.balance"), money(statement.today().balance(), locale));
			row(today, TEXT, text(locale, "statement.held"), money(statement.today().held(), locale));
			if (statement.today().inShortfall()) {
				row(today, BOLD, text(locale, "statement.shortfall"), money(statement.today().shortfall(), locale));
			}
			else {
				row(today, BOLD, text(locale, "statement.rebatesDue"), money(statement.today().rebatesDue(), locale));
			}
			document.add(today);
			document.add(new Paragraph(text(locale, "statement.pdf.note"), TEXT));
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("Cannot write the statement of client " + statement.clientRef(), ex);
		}
		return out.toByteArray();
	}

	private Paragraph heading(Locale locale, String code) {
		Paragraph heading = new Paragraph(text(locale, code), HEADING);
		heading.setSpacingBefore(14);
		heading.setSpacingAfter(6);
		return heading;
	}

	private static PdfPTable table(int columns, float[] widths) throws DocumentException {
		PdfPTable table = new PdfPTable(columns);
		table.setWidthPercentage(100);
		table.setWidths(widths);
		return table;
	}

	private static void header(PdfPTable table, String... texts) {
		for (int i = 0; i < texts.length; i++) {
			table.addCell(cell(texts[i], BOLD, i > 0));
		}
	}

	private static void row(PdfPTable table, Font font, String... texts) {
		for (int i = 0; i < texts.length; i++) {
			table.addCell(cell(texts[i], font, i > 0));
		}
	}

	private static PdfPCell cell(String text, Font font, boolean number) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(number ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
		cell.setPadding(4);
		return cell;
	}

	private String text(Locale locale, String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, locale);
	}

	private static String money(Money money, Locale locale) {
		return LocaleNumbers.amount(money.amount(), locale);
	}

	private static String count(long count, Locale locale) {
		return LocaleNumbers.integerFormat(locale).format(BigDecimal.valueOf(count));
	}

}
