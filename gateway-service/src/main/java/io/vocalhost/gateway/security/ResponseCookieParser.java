package io.vocalhost.gateway.security;

import java.net.HttpCookie;
import java.util.List;

import org.springframework.http.ResponseCookie;

/** Reads the name and value of a {@code Set-Cookie} header. */
final class ResponseCookieParser {

	private ResponseCookieParser() {
	}

	static List<ResponseCookie> parse(String setCookie) {
		try {
			return HttpCookie.parse(setCookie)
				.stream()
				.map((cookie) -> ResponseCookie.from(cookie.getName(), cookie.getValue()).build())
				.toList();
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

}
