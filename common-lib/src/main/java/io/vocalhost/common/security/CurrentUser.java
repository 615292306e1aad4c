package io.vocalhost.common.security;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The signed-in user of a request, taken only from its verified access token. */
public final class CurrentUser {

	private CurrentUser() {
	}

	/**
	 * The user id (the token's subject).
	 * @throws ApiException 403 when the token is a service token, not a user's
	 */
	public static long id(Jwt token) {
		try {
			return Long.parseLong(token.getSubject());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "This endpoint is for signed-in users");
		}
	}

}
