package io.vocalhost.common.error;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (failures outside Spring MVC, such as in a
 * filter or a request Tomcat rejects) with the same JSON body instead of an HTML page.
 */
@RestController
public class JsonErrorController implements ErrorController {

	private static final Map<Integer, String> SUMMARIES = Map.of(400, "Bad request", 401, "Unauthorized", 403,
			"Forbidden", 404, "Not found", 405, "Method not allowed", 413, "Upload too large");

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ErrorBody> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		String summary = SUMMARIES.getOrDefault(status.value(),
				status.is5xxServerError() ? "Internal error" : status.getReasonPhrase());
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String details = status.is5xxServerError() ? "Something went wrong on our side"
				: "The request to " + ((uri != null) ? uri : "this path") + " was refused";
		return ApiExceptionHandler.respond(status, new ErrorBody(summary, details));
	}

}
