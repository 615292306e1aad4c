package io.vocalhost.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent attempts for race tests: each runs on its own thread, and all are released
 * together by one latch once every thread is waiting at it. How many are then truly in
 * flight at once is up to the HTTP client's and the server's threads.
 */
public final class AtOnce {

	private AtOnce() {
	}

	/**
	 * Runs {@code count} attempts released together and returns their results in order.
	 */
	public static <T> List<T> run(int count, Attempt<T> attempt) throws Exception {
		CountDownLatch ready = new CountDownLatch(count);
		CountDownLatch start = new CountDownLatch(1);
		List<T> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<T>> running = new ArrayList<>();
			for (int index = 0; index < count; index++) {
				int number = index;
				running.add(pool.submit(() -> {
					ready.countDown();
					start.await();
					return attempt.run(number);
				}));
			}
			assertThat(ready.await(60, TimeUnit.SECONDS)).as("all attempts waiting at the start").isTrue();
			start.countDown();
			for (Future<T> result : running) {
				results.add(result.get());
			}
		}
		return results;
	}

	@FunctionalInterface
	public interface Attempt<T> {

		T run(int attempt) throws Exception;

	}

}
