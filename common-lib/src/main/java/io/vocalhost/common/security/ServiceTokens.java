package io.vocalhost.common.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.http.HttpClients;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The service token a service sends on its calls to other services: obtained from
 * auth-service by the client-credentials grant and reused until shortly before it
 * expires. {@link #tokenAsync()} never blocks (for callers on an event loop); callers
 * that arrive while a token is being fetched share that one fetch.
 */
public class ServiceTokens {

	private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpRequest request;

	private final String clientId;

	private final Clock clock;

	private final HttpClient http;

	/** The token held or being fetched; replaced when it is due for renewal or failed. */
	private final AtomicReference<CompletableFuture<IssuedToken>> current = new AtomicReference<>();

	public ServiceTokens(URI tokenUri, String clientId, String clientSecret, String scope, Clock clock) {
		this.clientId = clientId;
		this.clock = clock;
		this.http = HttpClients.jdkClient(Duration.ofSeconds(2));
		String form = "grant_type=client_credentials" + ((scope != null && !scope.isBlank())
				? "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) : "");
		this.request = HttpRequest.newBuilder(tokenUri)
			.timeout(RESPONSE_TIMEOUT)
			.header(HttpHeaders.AUTHORIZATION, "Basic " + HttpHeaders.encodeBasicAuth(clientId, clientSecret, null))
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	/**
	 * A valid service token, waiting for auth-service when none is held: for servlet
	 * callers, never on an event loop.
	 * @throws ApiException 503 when auth-service does not issue one
	 */
	public String token() {
		try {
			return tokenAsync().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof ApiException refused) ? refused : ex;
		}
	}

	/**
	 * A valid service token without blocking: completed at once while the held token is
	 * valid, else when the one fetch under way completes. Fails with an
	 * {@link ApiException} (503) when auth-service does not issue one; the next call
	 * tries again.
	 */
	public CompletableFuture<String> tokenAsync() {
		while (true) {
			CompletableFuture<IssuedToken> held = this.current.get();
			if (held != null && (!held.isDone() || usable(held))) {
				return held.thenApply(IssuedToken::value);
			}
			CompletableFuture<IssuedToken> fetch = new CompletableFuture<>();
			if (this.current.compareAndSet(held, fetch)) {
				fetch().whenComplete((token, failure) -> {
					if (failure != null) {
						fetch.completeExceptionally(failure);
					}
					else {
						fetch.complete(token);
					}
				});
				return fetch.thenApply(IssuedToken::value);
			}
		}
	}

	/** Adds the service token to every request of a {@code RestClient}. */
	public ClientHttpRequestInterceptor interceptor() {
		return (request, body, execution) -> {
			request.getHeaders().setBearerAuth(token());
			return execution.execute(request, body);
		};
	}

	private boolean usable(CompletableFuture<IssuedToken> done) {
		if (done.isCompletedExceptionally()) {
			return false;
		}
		return this.clock.instant().isBefore(done.join().expiresAt().minus(RENEW_BEFORE_EXPIRY));
	}

	private CompletableFuture<IssuedToken> fetch() {
		Instant requested = this.clock.instant();
		return this.http.sendAsync(this.request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() != 200) {
				throw refused("auth-service answered " + response.statusCode());
			}
			TokenResponse token = json.readValue(response.body(), TokenResponse.class);
			if (token.accessToken() == null) {
				throw refused("no access_token in the answer");
			}
			return new IssuedToken(token.accessToken(), requested.plusSeconds(token.expiresIn()));
		}).exceptionally((ex) -> {
			Throwable cause = (ex instanceof CompletionException) ? ex.getCause() : ex;
			throw (cause instanceof ApiException refused) ? refused : refused(String.valueOf(cause));
		});
	}

	private ApiException refused(String reason) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
				"auth-service did not issue a service token to " + this.clientId + ": " + reason);
	}

	private record IssuedToken(String value, Instant expiresAt) {
	}

	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
	}

}
