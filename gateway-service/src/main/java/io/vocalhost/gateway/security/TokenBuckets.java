package io.vocalhost.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.gateway.security.RateLimitProperties.Limit;

/** In-memory token buckets by key; idle buckets are dropped so memory stays bounded. */
class TokenBuckets {

	private static final long IDLE_NANOS = Duration.ofMinutes(10).toNanos();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong calls = new AtomicLong();

	/**
	 * @return 0 when allowed, else the nanoseconds until a request would be
	 */
	long tryTake(String key, Limit limit, long nowNanos) {
		if (this.calls.incrementAndGet() % 10_000 == 0) {
			this.buckets.values().removeIf((bucket) -> bucket.idleSince(nowNanos) > IDLE_NANOS);
		}
		return this.buckets.computeIfAbsent(key, (ignored) -> new Bucket(limit, nowNanos)).tryTake(nowNanos);
	}

	private static final class Bucket {

		private final double capacity;

		private final double nanosPerToken;

		private double tokens;

		private long updated;

		Bucket(Limit limit, long nowNanos) {
			this.capacity = limit.requests();
			this.nanosPerToken = (double) limit.per().toNanos() / limit.requests();
			this.tokens = this.capacity;
			this.updated = nowNanos;
		}

		synchronized long tryTake(long nowNanos) {
			this.tokens = Math.min(this.capacity, this.tokens + (nowNanos - this.updated) / this.nanosPerToken);
			this.updated = nowNanos;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) * this.nanosPerToken);
		}

		synchronized long idleSince(long nowNanos) {
			return nowNanos - this.updated;
		}

	}

}
