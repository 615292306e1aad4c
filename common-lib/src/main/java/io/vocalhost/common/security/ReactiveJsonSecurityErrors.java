package io.vocalhost.common.security;

import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.ReactiveErrorResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * 401 and 403 answers of a reactive service, with the same words as
 * {@link JsonSecurityErrors} gives a servlet one.
 */
public final class ReactiveJsonSecurityErrors {

	private ReactiveJsonSecurityErrors() {
	}

	public static ServerAuthenticationEntryPoint unauthorized() {
		return (exchange, ex) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, SecurityErrors.CHALLENGE);
			return ReactiveErrorResponses.write(exchange.getResponse(),
					new ErrorAnswer(HttpStatus.UNAUTHORIZED, SecurityErrors.UNAUTHORIZED));
		};
	}

	public static ServerAccessDeniedHandler forbidden() {
		return (exchange, ex) -> ReactiveErrorResponses.write(exchange.getResponse(),
				new ErrorAnswer(HttpStatus.FORBIDDEN, SecurityErrors.FORBIDDEN));
	}

}
