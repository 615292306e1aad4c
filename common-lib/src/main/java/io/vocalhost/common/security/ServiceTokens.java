package io.vocalhost.common.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.http.HttpClients;
import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The service token a service sends on its calls to other services: obtained from
 * auth-service by the client-credentials grant and reused until shortly before it
 * expires.
 */
public class ServiceTokens {

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

	private final URI tokenUri;

	private final String clientId;

	private final String clientSecret;

	private final String scope;

	private final Clock clock;

	private final RestClient http;

	private String token;

	private Instant expiresAt = Instant.MIN;

	public ServiceTokens(URI tokenUri, String clientId, String clientSecret, String scope, Clock clock) {
		this.tokenUri = tokenUri;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.scope = scope;
		this.clock = clock;
		this.http = HttpClients.restClient(Duration.ofSeconds(2), Duration.ofSeconds(3));
	}

	/**
	 * A valid service token.
	 * @throws ApiException 503 when auth-service does not issue one
	 */
	public synchronized String token() {
		Instant now = this.clock.instant();
		if (this.token == null || !now.isBefore(this.expiresAt.minus(RENEW_BEFORE_EXPIRY))) {
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", "client_credentials");
			if (this.scope != null && !this.scope.isBlank()) {
				form.add("scope", this.scope);
			}
			try {
				TokenResponse response = this.http.post()
					.uri(this.tokenUri)
					.headers((headers) -> headers.setBasicAuth(this.clientId, this.clientSecret))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.retrieve()
					.body(TokenResponse.class);
				if (response == null || response.accessToken() == null) {
					throw new RestClientException("no access_token in the answer");
				}
				this.token = response.accessToken();
				this.expiresAt = now.plusSeconds(response.expiresIn());
			}
			catch (RestClientException ex) {
				throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
						"auth-service did not issue a service token to " + this.clientId + ": " + ex.getMessage());
			}
		}
		return this.token;
	}

	/** Adds the service token to every request of a {@code RestClient}. */
	public ClientHttpRequestInterceptor interceptor() {
		return (request, body, execution) -> {
			request.getHeaders().setBearerAuth(token());
			return execution.execute(request, body);
		};
	}

	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

}
