package io.vocalhost.common.reactiveapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.validation.ClockTime;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints of a reactive service: one for the signed-in user, and failures. */
@RestController
class ReactiveProbeController {

	@GetMapping("/calls/me")
	Mono<String> me(@AuthenticationPrincipal Jwt token) {
		return Mono.just("user " + token.getSubject());
	}

	@GetMapping("/calls/{id}")
	Mono<String> call(@PathVariable long id) {
		return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "Call not found", "No call " + id));
	}

	@PostMapping("/calls")
	Mono<String> start(@Valid @RequestBody Mono<CallRequest> request) {
		return request.map(CallRequest::caller);
	}

	record CallRequest(@JsonProperty("caller_name") @NotBlank(message = "is required") String caller,
			@ClockTime String at) {
	}

}
