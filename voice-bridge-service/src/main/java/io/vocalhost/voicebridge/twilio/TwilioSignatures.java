package io.vocalhost.voicebridge.twilio;

import java.util.Map;

import com.twilio.security.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Checks {@code X-Twilio-Signature} against the URL Twilio called. Behind the gateway and
 * a TLS-terminating proxy the bridge never sees that URL, so it is rebuilt on the public
 * URL with the path and query string as received; the scheme matters to the signature.
 */
public final class TwilioSignatures {

	private final RequestValidator validator;

	private final boolean configured;

	private final String publicUrl;

	public TwilioSignatures(String authToken, String publicUrl) {
		this.configured = authToken != null && !authToken.isEmpty();
		// Without a token no signature can be valid; the SDK refuses an empty key.
		this.validator = new RequestValidator(this.configured ? authToken : "unset");
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/**
	 * @param pathAndQuery the request path with its raw query string, e.g.
	 * {@code /voice/voice?x=1}
	 * @param form the form parameters of the POST
	 * @param signature the {@code X-Twilio-Signature} header, may be {@code null}
	 */
	public boolean isValid(String pathAndQuery, Map<String, String> form, String signature) {
		if (!this.configured || signature == null || signature.isBlank()) {
			return false;
		}
		return this.validator.validate(this.publicUrl + pathAndQuery, form, signature);
	}

	/**
	 * The form of a webhook request once its signature is checked.
	 * @return the form parameters, or an error of 403 when the signature is missing or
	 * wrong
	 */
	public Mono<Map<String, String>> signedForm(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String query = request.getURI().getRawQuery();
		String pathAndQuery = request.getURI().getRawPath() + ((query != null) ? "?" + query : "");
		String signature = request.getHeaders().getFirst("X-Twilio-Signature");
		return exchange.getFormData().map((data) -> data.toSingleValueMap()).flatMap((form) -> {
			if (!isValid(pathAndQuery, form, signature)) {
				return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
						"Missing or invalid X-Twilio-Signature for " + request.getURI().getRawPath()));
			}
			return Mono.just(form);
		});
	}

}
