package io.vocalhost.common.error;

import java.util.UUID;

import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a servlet service into {@code {"error","details"}} JSON with the
 * right status. Services add their own handlers for domain exceptions; this one runs
 * last.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ErrorBody> api(ApiException ex) {
		return respond(ex.status(), ex.body());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorBody> notFound(NoResourceFoundException ex) {
		return respond(HttpStatus.NOT_FOUND,
				new ErrorBody("Not found", "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath()));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		ErrorBody body = new ErrorBody("Method not allowed",
				"Method " + ex.getMethod() + " is not supported here; use " + ex.getSupportedHttpMethods());
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.headers(ex.getHeaders())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

	/**
	 * Every bad field of a request body or form at once, under its name on the wire, in
	 * the order the request declares its fields.
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ErrorBody> invalidBody(MethodArgumentNotValidException ex) {
		return respond(HttpStatus.BAD_REQUEST, new ErrorBody("Invalid request", FieldProblems.describe(ex)));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(HttpStatus.BAD_REQUEST,
				new ErrorBody("Invalid request", ex.getName() + ": '" + ex.getValue() + "' is not a valid value"));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException ex) {
		return respond(HttpStatus.BAD_REQUEST, new ErrorBody("Malformed request body",
				"The body is missing or is not valid JSON of the expected shape"));
	}

	/**
	 * Names the file and the limit it broke, from Tomcat's own exception: Spring's
	 * carries no file name and, for Tomcat, no limit (-1).
	 */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException ex) {
		String details = (ex.getMaxUploadSize() >= 0)
				? "The request exceeds the upload limit of " + ex.getMaxUploadSize() + " bytes"
				: "The request exceeds the upload limits";
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof FileSizeLimitExceededException file) {
				details = "'" + file.getFileName() + "' is larger than the limit of " + file.getPermittedSize()
						+ " bytes per file";
				break;
			}
			if (cause instanceof SizeLimitExceededException request) {
				details = "The files together are larger than the limit of " + request.getPermittedSize()
						+ " bytes per request";
				break;
			}
		}
		return respond(HttpStatus.CONTENT_TOO_LARGE, new ErrorBody("Upload too large", details));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception ex) {
		if (ex instanceof ErrorResponse framework) {
			return framework(framework);
		}
		String reference = UUID.randomUUID().toString();
		logger.error("Unexpected failure, reference {}", reference, ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR,
				new ErrorBody("Internal error", "Something went wrong on our side (reference " + reference + ")"));
	}

	/** Every other Spring MVC exception knows its own status and detail. */
	private static ResponseEntity<ErrorBody> framework(ErrorResponse ex) {
		HttpStatusCode status = ex.getStatusCode();
		HttpStatus known = HttpStatus.resolve(status.value());
		String reason = (known != null) ? known.getReasonPhrase() : "Error";
		String details = (ex.getBody().getDetail() != null) ? ex.getBody().getDetail() : reason;
		return ResponseEntity.status(status)
			.headers(ex.getHeaders())
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorBody(reason, details));
	}

	/**
	 * The one way an error answer is built: a service's handler for its domain's refusals
	 * answers through this too.
	 */
	public static ResponseEntity<ErrorBody> respond(HttpStatusCode status, ErrorBody body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new ResponseEntity<>(body, headers, status);
	}

}
