package io.vocalhost.voicebridge.system;

import java.util.Optional;
import java.util.concurrent.Callable;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.web.RequestValues;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;

/**
 * The owner-checked APIs' ids from the request, and their answer for what is not the
 * owner's: 404, as for what does not exist.
 */
public final class OwnedResources {

	private OwnedResources() {
	}

	/**
	 * @throws ApiException 400 naming {@code field} unless it is a positive number
	 */
	public static long id(String field, String value) {
		if (value == null || !value.strip().matches("[1-9]\\d{0,17}")) {
			throw RequestValues.invalid(field, "must be a positive whole number");
		}
		return Long.parseLong(value.strip());
	}

	/**
	 * Runs the owner's database lookup off the event loop.
	 * @param notFound the details of the 404 when the lookup finds nothing of the owner's
	 */
	public static <T> Mono<T> lookUp(Callable<Optional<T>> lookup, String notFound) {
		return Mono.fromCallable(lookup)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((found) -> Mono.justOrEmpty(found)
				.switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "Not found", notFound))));
	}

}
