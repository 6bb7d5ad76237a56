package com.factordesk.approval.bankfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fingerprint of a bank line: SHA-256 of its identifying parts joined by {@code |},
 * in lower-case hex (64 characters, the width of {@code payment.fingerprint}).
 */
final class Fingerprints {

	private Fingerprints() {
	}

	static String of(Object... parts) {
		String joined = Stream.of(parts).map((part) -> Objects.toString(part, "")).collect(Collectors.joining("|"));
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
