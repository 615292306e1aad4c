package io.vocalhost.common.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import io.vocalhost.common.error.ErrorBody;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 answers of a servlet service, as the same JSON error body as everything
 * else.
 */
public final class JsonSecurityErrors {

	private static final JsonMapper json = JsonMapper.builder().build();

	private JsonSecurityErrors() {
	}

	public static AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, SecurityErrors.CHALLENGE);
			write(response, HttpServletResponse.SC_UNAUTHORIZED, SecurityErrors.UNAUTHORIZED);
		};
	}

	public static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> write(response, HttpServletResponse.SC_FORBIDDEN, SecurityErrors.FORBIDDEN);
	}

	private static void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), body);
	}

}
