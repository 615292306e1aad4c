package io.vocalhost.common.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.vocalhost.common.error.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ServiceTokens} against a stand-in of auth-service's token endpoint that counts
 * its requests and answers only when the test lets it.
 */
class ServiceTokensTests {

	private static final int CALLERS = 32;

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicReference<CountDownLatch> answer = new AtomicReference<>(new CountDownLatch(0));

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return ServiceTokensTests.this.now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	};

	private final HttpServer authService = tokenEndpoint();

	private final ServiceTokens tokens = new ServiceTokens(
			URI.create("http://127.0.0.1:" + this.authService.getAddress().getPort() + "/oauth2/token"),
			"voice-bridge-service", "secret", "bookings:read", this.clock);

	@AfterEach
	void stop() {
		this.authService.stop(0);
	}

	@Test
	void concurrentCallersShareOneFetchWithoutBlocking() throws Exception {
		this.answer.set(new CountDownLatch(1));
		List<CompletableFuture<String>> results = callAllAtOnce();

		assertThat(results).noneMatch(CompletableFuture::isDone);
		this.answer.get().countDown();
		assertThat(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)))
			.succeedsWithin(Duration.ofSeconds(30));
		assertThat(results).extracting(CompletableFuture::join).containsOnly("token-1");
		assertThat(this.fetches).hasValue(1);

		CompletableFuture<String> later = this.tokens.tokenAsync();
		assertThat(later).isCompletedWithValue("token-1");
		assertThat(this.tokens.token()).isEqualTo("token-1");
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void aTokenIsRenewedShortlyBeforeItExpires() {
		assertThat(this.tokens.token()).isEqualTo("token-1");
		this.now.set(this.now.get().plusSeconds(300 - 31));
		assertThat(this.tokens.token()).isEqualTo("token-1");
		this.now.set(this.now.get().plusSeconds(2));
		assertThat(this.tokens.token()).isEqualTo("token-2");
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void aRefusedFetchFailsItsCallersAsUnavailableAndTheNextCallTriesAgain() {
		this.status.set(401);
		assertThat(this.tokens.tokenAsync()).failsWithin(Duration.ofSeconds(30))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(ApiException.class)
			.withMessage("Service unavailable");
		assertThatExceptionOfType(ApiException.class).isThrownBy(this.tokens::token)
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(503))
			.satisfies((ex) -> assertThat(ex.body().details()).contains("voice-bridge-service").contains("401"));

		this.status.set(200);
		assertThat(this.tokens.token()).isEqualTo("token-3");
	}

	private List<CompletableFuture<String>> callAllAtOnce() throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch called = new CountDownLatch(CALLERS);
		List<CompletableFuture<String>> results = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try {
			List<CompletableFuture<CompletableFuture<String>>> calls = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				calls.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					CompletableFuture<String> result = this.tokens.tokenAsync();
					called.countDown();
					return result;
				}, callers));
			}
			start.countDown();
			assertThat(called.await(30, TimeUnit.SECONDS)).as("every caller got a future without waiting").isTrue();
			calls.forEach((call) -> results.add(call.join()));
		}
		finally {
			callers.shutdown();
		}
		return results;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpServer tokenEndpoint() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newCachedThreadPool());
			server.createContext("/oauth2/token", (exchange) -> {
				int fetch = this.fetches.incrementAndGet();
				awaitQuietly(this.answer.get());
				byte[] body = ("{\"access_token\":\"token-" + fetch
						+ "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(this.status.get(), body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
