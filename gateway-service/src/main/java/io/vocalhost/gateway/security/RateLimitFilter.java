package io.vocalhost.gateway.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vocalhost.gateway.security.RateLimitProperties.Limit;
import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.ReactiveErrorResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/** 429 with {@code Retry-After} when a client or a user goes over its budget. */
class RateLimitFilter implements WebFilter {

	private final RateLimitProperties limits;

	private final PathList signIn;

	private final PathList uploads;

	private final TokenBuckets buckets = new TokenBuckets();

	RateLimitFilter(RateLimitProperties limits) {
		this.limits = limits;
		this.signIn = PathList.of(limits.authPaths());
		this.uploads = PathList.of(limits.uploadPaths());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// The exchange's principal is set by a later security filter; the authentication
		// is already in the reactive context here.
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map(Authentication::getName)
			.map((user) -> check(exchange, user))
			.switchIfEmpty(Mono.fromSupplier(() -> check(exchange, null)))
			.flatMap((waitNanos) -> (waitNanos == 0) ? chain.filter(exchange) : tooMany(exchange, waitNanos));
	}

	private long check(ServerWebExchange exchange, String user) {
		String ip = clientAddress(exchange);
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		long now = System.nanoTime();
		List<Long> waits = new ArrayList<>();
		waits.add(take("ip:" + ip, this.limits.perIp(), now));
		if (user != null) {
			waits.add(take("user:" + user, this.limits.perUser(), now));
		}
		if (this.signIn.contains(path)) {
			waits.add(take("auth:" + ip, this.limits.authPerIp(), now));
		}
		boolean upload = "POST".equals(exchange.getRequest().getMethod().name())
				|| "PUT".equals(exchange.getRequest().getMethod().name());
		if (upload && this.uploads.contains(path)) {
			waits.add(take("upload:" + ((user != null) ? user : ip), this.limits.uploadsPerUser(), now));
		}
		return waits.stream().mapToLong(Long::longValue).max().orElse(0);
	}

	private long take(String key, Limit limit, long now) {
		return this.buckets.tryTake(key, limit, now);
	}

	private static Mono<Void> tooMany(ServerWebExchange exchange, long waitNanos) {
		long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
		exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
		return ReactiveErrorResponses.write(exchange.getResponse(), new ErrorAnswer(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests", "Slow down: try again in " + seconds + " s"));
	}

	private static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
