package com.factordesk.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Behind a proxy: the client's address and scheme come from {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} only when the request comes from a trusted proxy (by default
 * the loopback addresses, {@code server.tomcat.remoteip.internal-proxies}). Through the
 * real server (Tomcat's RemoteIpValve does not run under MockMvc), with raw HTTP requests
 * so that the test picks the address it connects from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedHeadersIntegrationTests {

	private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie: SESSION=([^;\\r\\n]*)([^\\r\\n]*)$");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private final List<String> usernames = new ArrayList<>();

	@AfterEach
	void forgetTheAttempts() {
		this.usernames
			.forEach((username) -> this.jdbc.update("DELETE FROM login_throttle WHERE username = ?", username));
	}

	@Test
	void overHttpsThroughATrustedProxyTheSessionCookieIsSecure() throws IOException {
		String response = request(InetAddress.getLoopbackAddress(), "GET /login HTTP/1.1",
				List.of("X-Forwarded-Proto: https"), null);
		Matcher cookie = SESSION.matcher(response);
		assertThat(cookie.find()).as(response).isTrue();
		assertThat(cookie.group(2)).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
	}

	@Test
	void overPlainHttpTheSessionCookieIsNotSecureOrBrowsersWouldDropIt() throws IOException {
		String response = request(InetAddress.getLoopbackAddress(), "GET /login HTTP/1.1", List.of(), null);
		Matcher cookie = SESSION.matcher(response);
		assertThat(cookie.find()).as(response).isTrue();
		assertThat(cookie.group(2)).doesNotContainIgnoringCase("Secure");
	}

	@Test
	void aClientThatIsNoTrustedProxyCannotClaimHttpsOrAnotherAddress() throws IOException {
		Optional<InetAddress> ownAddress = nonLoopbackAddress();
		assumeThat(ownAddress).as("this machine has a non-loopback IPv4 address").isPresent();
		String response = request(ownAddress.get(), "GET /login HTTP/1.1", List.of("X-Forwarded-Proto: https"), null);
		Matcher cookie = SESSION.matcher(response);
		assertThat(cookie.find()).as(response).isTrue();
		assertThat(cookie.group(2)).doesNotContainIgnoringCase("Secure");

		String username = "spoofer-" + System.nanoTime();
		failLogin(ownAddress.get(), username, "203.0.113.10");
		assertThat(this.jdbc.queryForList("SELECT client_address FROM login_throttle WHERE username = ?", String.class,
				username))
			.containsExactly(ownAddress.get().getHostAddress());
	}

	@Test
	void throughATrustedProxyTheThrottleCountsTheForwardedClientAddress() throws IOException {
		String username = "forwarded-" + System.nanoTime();
		failLogin(InetAddress.getLoopbackAddress(), username, "203.0.113.9");
		assertThat(this.jdbc.queryForList("SELECT client_address FROM login_throttle WHERE username = ?", String.class,
				username))
			.containsExactly("203.0.113.9");
	}

	private void failLogin(InetAddress from, String username, String forwardedFor) throws IOException {
		this.usernames.add(username);
		String page = request(from, "GET /login HTTP/1.1", List.of("X-Forwarded-For: " + forwardedFor), null);
		Matcher cookie = SESSION.matcher(page);
		Matcher csrf = CSRF.matcher(page);
		assertThat(cookie.find() && csrf.find()).as(page).isTrue();
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=wrong&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		String response = request(from, "POST /login HTTP/1.1", List.of("X-Forwarded-For: " + forwardedFor,
				"Cookie: SESSION=" + cookie.group(1), "Content-Type: application/x-www-form-urlencoded"), form);
		assertThat(response).startsWith("HTTP/1.1 302").containsPattern("(?im)^Location: .*/login\\?error\\r?$");
	}

	/**
	 * One HTTP/1.1 request over a socket that connects to the server from {@code from}.
	 */
	private String request(InetAddress from, String requestLine, List<String> headers, String body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(from, this.port), 5000);
			socket.setSoTimeout(10000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost:")
				.append(this.port)
				.append("\r\nConnection: close\r\n");
			headers.forEach((header) -> request.append(header).append("\r\n"));
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(content);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter((network) -> {
			try {
				return network.isUp() && !network.isLoopback();
			}
			catch (SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

}
