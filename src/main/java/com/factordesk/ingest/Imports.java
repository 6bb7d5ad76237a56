package com.factordesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Every kind of import behind one door, for the imports page and the API alike: the file
 * goes to the import of its kind, and operators see how many files and rows each kind
 * took and how long they took ({@code factordesk_imports_total},
 * {@code factordesk_import_rows_total} and {@code factordesk_import_seconds} by kind and
 * status in Prometheus).
 */
@Component
public class Imports {

	/**
	 * The kinds, as {@code POST /api/v1/imports/{kind}} names them.
	 */
	static final List<String> KINDS = List.of(InvoiceImports.KIND, PaymentImports.KIND, DisputeImports.KIND,
			BureauScoreImports.KIND);

	private final InvoiceImports invoices;

	private final BureauScoreImports bureauScores;

	private final PaymentImports payments;

	private final DisputeImports disputes;

	private final MeterRegistry meters;

	Imports(InvoiceImports invoices, BureauScoreImports bureauScores, PaymentImports payments, DisputeImports disputes,
			MeterRegistry meters) {
		this.invoices = invoices;
		this.bureauScores = bureauScores;
		this.payments = payments;
		this.disputes = disputes;
		this.meters = meters;
	}

	/**
	 * Imports a file of one of the {@link #KINDS}, all or nothing.
	 * @param actor who imports it (recorded on the invoices it opens)
	 */
	ImportOutcome importFile(String kind, InputStream in, String actor) throws IOException {
		long started = System.nanoTime();
		ImportOutcome outcome = switch (kind) {
			case InvoiceImports.KIND -> this.invoices.importFile(in, actor);
			case PaymentImports.KIND -> this.payments.importFile(in);
			case DisputeImports.KIND -> this.disputes.importFile(in);
			case BureauScoreImports.KIND -> this.bureauScores.importFile(in);
			default -> throw new IllegalArgumentException("No import of kind " + kind + " (kinds: " + KINDS + ")");
		};
		String status = outcome.status().name();
		this.meters.counter("factordesk.imports", "kind", kind, "status", status).increment();
		this.meters.counter("factordesk.import.rows", "kind", kind, "status", status).increment(outcome.rows());
		Timer.builder("factordesk.import")
			.description("Imports from the first byte read to the report")
			.tags("kind", kind, "status", status)
			.register(this.meters)
			.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
		return outcome;
	}

}
