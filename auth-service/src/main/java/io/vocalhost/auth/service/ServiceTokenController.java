package io.vocalhost.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vocalhost.auth.service.ServiceClientProperties.Client;
import io.vocalhost.auth.token.AccessTokens;
import io.vocalhost.auth.token.AccessTokens.IssuedToken;
import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service tokens for service-to-service calls: the OAuth 2.0 client-credentials grant.
 * Internal only: the gateway does not route {@code /oauth2/**}.
 */
@RestController
class ServiceTokenController {

	private final ServiceClientProperties clients;

	private final AccessTokens accessTokens;

	private final Clock clock;

	ServiceTokenController(ServiceClientProperties clients, AccessTokens accessTokens, Clock clock) {
		this.clients = clients;
		this.accessTokens = accessTokens;
		this.clock = clock;
	}

	@PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> token(@RequestParam("grant_type") String grantType,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "client_id", required = false) String formClientId,
			@RequestParam(name = "client_secret", required = false) String formClientSecret,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!"client_credentials".equals(grantType)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"Only the client_credentials grant is supported here");
		}
		String[] credentials = credentials(authorization, formClientId, formClientSecret);
		Client client = this.clients.serviceClients().get(credentials[0]);
		if (client == null || client.secret().isEmpty()
				|| !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
						credentials[1].getBytes(StandardCharsets.UTF_8))) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret");
		}
		List<String> scopes = (scope == null || scope.isBlank()) ? client.scopes()
				: Arrays.asList(scope.trim().split("\\s+"));
		if (!client.scopes().containsAll(scopes)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_scope",
					credentials[0] + " may ask only for " + String.join(" ", client.scopes()));
		}
		IssuedToken token = this.accessTokens.issueForService(credentials[0], scopes, this.clock.instant());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", token.value());
		response.put("token_type", "Bearer");
		response.put("expires_in", token.expiresAt().getEpochSecond() - this.clock.instant().getEpochSecond());
		response.put("scope", String.join(" ", scopes));
		return response;
	}

	private static String[] credentials(String authorization, String formClientId, String formClientSecret) {
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
				}
			}
			catch (IllegalArgumentException ex) {
				// Not Base64: treated as missing credentials below.
			}
		}
		if (formClientId != null && formClientSecret != null) {
			return new String[] { formClientId, formClientSecret };
		}
		throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_client",
				"Authenticate with HTTP Basic (client id and secret) or client_id and client_secret");
	}

}
