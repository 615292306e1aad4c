package io.vocalhost.auth.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.vocalhost.common.text.Sha256;
import io.vocalhost.auth.login.LoginAttempts.LoginAttempt;
import io.vocalhost.auth.login.OidcClient.Identity;
import io.vocalhost.auth.session.SessionCookies;
import io.vocalhost.auth.session.Sessions;
import io.vocalhost.auth.user.User;
import io.vocalhost.auth.user.Users;
import io.vocalhost.common.config.PublicUrlProperties;
import io.vocalhost.common.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The login contract of the frontend: {@code /api/auth/google/login?callback=} starts the
 * authorization-code flow (state, nonce, PKCE); the provider returns to
 * {@code /api/auth/google/callback}, which signs the user in and sends the browser to the
 * callback with {@code ?login=success}, or {@code ?login=error&reason=} on any failure.
 */
@RestController
class LoginController {

	private static final Logger logger = LoggerFactory.getLogger(LoginController.class);

	private static final SecureRandom random = new SecureRandom();

	private final CallbackAllowList allowList;

	private final LoginAttempts attempts;

	private final OidcClient oidc;

	private final Users users;

	private final Sessions sessions;

	private final SessionCookies cookies;

	private final URI redirectUri;

	LoginController(CallbackAllowList allowList, LoginAttempts attempts, OidcClient oidc, Users users,
			Sessions sessions, SessionCookies cookies, PublicUrlProperties publicUrl) {
		this.allowList = allowList;
		this.attempts = attempts;
		this.oidc = oidc;
		this.users = users;
		this.sessions = sessions;
		this.cookies = cookies;
		this.redirectUri = publicUrl.at("/api/auth/google/callback");
	}

	@GetMapping("/api/auth/google/login")
	ResponseEntity<Void> login(@RequestParam(required = false) String callback) {
		if (callback == null || !this.allowList.allows(callback)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid callback",
					"callback must be a URL on one of the allowed frontend origins: " + this.allowList.describe());
		}
		String verifier = randomToken(48);
		LoginAttempt attempt = new LoginAttempt(randomToken(32), randomToken(32), verifier, callback);
		try {
			URI authorization = this.oidc.authorizationUri(attempt.state(), attempt.nonce(), challenge(verifier),
					this.redirectUri);
			this.attempts.start(attempt);
			return redirect(authorization);
		}
		catch (LoginFailure ex) {
			logger.warn("Login could not start ({}): {}", ex.reason(), ex.getMessage());
			return failed(URI.create(callback), ex.reason());
		}
	}

	@GetMapping("/api/auth/google/callback")
	ResponseEntity<Void> callback(@RequestParam(required = false) String state,
			@RequestParam(required = false) String code, @RequestParam(required = false) String error) {
		Optional<LoginAttempt> found = (state != null) ? this.attempts.consume(state) : Optional.empty();
		if (found.isEmpty()) {
			logger.warn("Login callback with an unknown, expired or already used state");
			return failed(this.allowList.defaultFrontend(), "invalid_state");
		}
		LoginAttempt attempt = found.get();
		URI callback = URI.create(attempt.callback());
		if (error != null) {
			logger.info("The provider ended the login: {}", error);
			return failed(callback, "access_denied".equals(error) ? "consent_denied" : "provider_error");
		}
		if (code == null) {
			logger.warn("Login callback without a code");
			return failed(callback, "missing_code");
		}
		try {
			Identity identity = this.oidc.complete(code, attempt.codeVerifier(), attempt.nonce(), this.redirectUri);
			User user = this.users.signIn(identity.subject(), identity.name(), identity.email());
			Sessions.SessionTokens tokens = this.sessions.start(user.id());
			logger.info("User {} signed in", user.id());
			return ResponseEntity.status(HttpStatus.FOUND)
				.location(withQuery(callback, "login", "success", null))
				.header(HttpHeaders.SET_COOKIE, this.cookies.issue(tokens).toArray(String[]::new))
				.build();
		}
		catch (LoginFailure ex) {
			logger.warn("Login failed ({}): {}", ex.reason(), ex.getMessage(), ex.getCause());
			return failed(callback, ex.reason());
		}
	}

	private static ResponseEntity<Void> failed(URI callback, String reason) {
		return redirect(withQuery(callback, "login", "error", reason));
	}

	private static ResponseEntity<Void> redirect(URI location) {
		return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
	}

	private static URI withQuery(URI callback, String name, String value, String reason) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(callback).queryParam(name, value);
		if (reason != null) {
			builder.queryParam("reason", reason);
		}
		return builder.encode().build().toUri();
	}

	private static String randomToken(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static String challenge(String verifier) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

}
