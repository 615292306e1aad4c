package io.vocalhost.gateway.security;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSRF rules for cookie-authenticated state changes, on the filter alone: the
 * double-submit token or a trusted Origin (Referer when Origin is absent) lets a request
 * through; anything else is a JSON 403 and reaches nothing behind the filter.
 */
class DoubleSubmitCsrfFilterTests {

	private static final String FRONTEND = "http://localhost:5173";

	private final DoubleSubmitCsrfFilter filter = new DoubleSubmitCsrfFilter(List.of("/stripe/webhook"),
			TrustedOrigins.of(List.of(FRONTEND, "https://app.example.com"), URI.create("http://localhost:5001")));

	@ParameterizedTest
	@ValueSource(strings = { FRONTEND, "http://LOCALHOST:5173", "https://app.example.com",
			"https://app.example.com:443", "http://localhost:5001" })
	void aCookieRequestFromATrustedOriginPasses(String origin) {
		assertThat(send(cookieRequest().header(HttpHeaders.ORIGIN, origin))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8000", "https://localhost:5173", "http://localhost",
			"http://app.example.com", "https://app.example.com.evil.test", "null", "file://", "" })
	void aCookieRequestFromAnyOtherOriginIsRefused(String origin) {
		assertThat(send(cookieRequest().header(HttpHeaders.ORIGIN, origin))).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aRefererStandsInOnlyWhenThereIsNoOrigin() {
		assertThat(send(cookieRequest().header(HttpHeaders.REFERER, FRONTEND + "/dashboard?tab=1"))).isNull();
		assertThat(send(cookieRequest().header(HttpHeaders.REFERER, "http://localhost:8000/attack.html")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(send(cookieRequest().header(HttpHeaders.ORIGIN, "http://localhost:8000")
			.header(HttpHeaders.REFERER, FRONTEND + "/dashboard"))).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void neitherOriginNorRefererNorTokenIsRefused() {
		assertThat(send(cookieRequest())).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void theDoubleSubmitTokenStillPassesFromAnywhere() {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/register")
			.cookie(new HttpCookie("vh_access", "token"), new HttpCookie("XSRF-TOKEN", "abc123"))
			.header(SessionCookieNames.XSRF_HEADER, "abc123");
		assertThat(send(request)).isNull();
	}

	@Test
	void requestsWithoutASessionCookieOrSafeOrExemptAreNotItsConcern() {
		assertThat(send(MockServerHttpRequest.post("/api/register").header(HttpHeaders.AUTHORIZATION, "Bearer t")))
			.isNull();
		assertThat(send(MockServerHttpRequest.get("/api/assistants").cookie(new HttpCookie("vh_access", "token"))))
			.isNull();
		assertThat(send(MockServerHttpRequest.post("/stripe/webhook").cookie(new HttpCookie("vh_access", "token"))))
			.isNull();
	}

	private static MockServerHttpRequest.BaseBuilder<?> cookieRequest() {
		return MockServerHttpRequest.post("/api/register/assistant").cookie(new HttpCookie("vh_access", "token"));
	}

	/** The refusal's status, or {@code null} when the request went on down the chain. */
	private HttpStatus send(MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		AtomicBoolean passed = new AtomicBoolean();
		this.filter.filter(exchange, (forwarded) -> {
			passed.set(true);
			return Mono.empty();
		}).block();
		if (passed.get()) {
			return null;
		}
		return HttpStatus.resolve(exchange.getResponse().getStatusCode().value());
	}

}
