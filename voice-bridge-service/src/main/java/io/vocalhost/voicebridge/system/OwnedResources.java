package io.vocalhost.voicebridge.system;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.web.RequestValues;

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

	public static ApiException notFound(String details) {
		return new ApiException(HttpStatus.NOT_FOUND, "Not found", details);
	}

}
