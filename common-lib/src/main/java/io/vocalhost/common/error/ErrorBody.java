package io.vocalhost.common.error;

/**
 * The body of every error answer of the API: a short summary and the details a developer
 * needs to fix the request.
 */
public record ErrorBody(String error, String details) {
}
