package io.vocalhost.common.security;

import java.util.Arrays;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a service token may do: the scopes auth-service granted its client. */
public final class Scopes {

	private Scopes() {
	}

	/**
	 * @throws ApiException 403 unless the token carries the scope
	 */
	public static void require(Jwt token, String scope) {
		String granted = token.getClaimAsString("scope");
		if (granted == null || Arrays.stream(granted.split(" ")).noneMatch(scope::equals)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "This needs a service token with scope " + scope);
		}
	}

}
