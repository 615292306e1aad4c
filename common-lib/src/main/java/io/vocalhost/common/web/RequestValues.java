package io.vocalhost.common.web;

import java.time.LocalDate;
import java.time.LocalTime;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.text.WireFormats;

import org.springframework.http.HttpStatus;

/**
 * Query parameters and other single values a handler reads itself, parsed by
 * {@link WireFormats} and refused with the same 400 answer the validation constraints
 * give ({@code "field: must be ..."}).
 */
public final class RequestValues {

	private RequestValues() {
	}

	public static LocalDate date(String field, String value) {
		return WireFormats.date(value).orElseThrow(() -> invalid(field, "must be a date as YYYY-MM-DD"));
	}

	public static LocalTime time(String field, String value) {
		return WireFormats.time(value).orElseThrow(() -> invalid(field, "must be a time as HH:MM"));
	}

	public static ApiException invalid(String field, String problem) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + problem);
	}

}
