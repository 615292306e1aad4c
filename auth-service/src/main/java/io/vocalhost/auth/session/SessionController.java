package io.vocalhost.auth.session;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.auth.session.Sessions.SessionTokens;
import io.vocalhost.auth.user.User;
import io.vocalhost.auth.user.Users;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.AccessTokenValidators;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user, token refresh and logout. */
@RestController
class SessionController {

	private final Users users;

	private final Sessions sessions;

	private final SessionCookies cookies;

	SessionController(Users users, Sessions sessions, SessionCookies cookies) {
		this.users = users;
		this.sessions = sessions;
		this.cookies = cookies;
	}

	@GetMapping("/api/auth/user/me")
	Map<String, User> me(@AuthenticationPrincipal Jwt token) {
		User user = this.users.find(CurrentUser.id(token))
			.orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The user no longer exists"));
		return Map.of("user", user);
	}

	/**
	 * Trades the refresh cookie for new session cookies; 401 and cleared cookies when the
	 * session is over.
	 */
	@PostMapping("/api/auth/refresh")
	ResponseEntity<Map<String, Object>> refresh(
			@CookieValue(name = SessionCookies.REFRESH, required = false) String refreshToken) {
		Optional<SessionTokens> refreshed = (refreshToken != null) ? this.sessions.refresh(refreshToken)
				: Optional.empty();
		if (refreshed.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.SET_COOKIE, this.cookies.clear().toArray(String[]::new))
				.body(Map.of("error", "Unauthorized", "details", "The session has ended; sign in again"));
		}
		SessionTokens tokens = refreshed.get();
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, this.cookies.issue(tokens).toArray(String[]::new))
			.body(Map.of("access_token_expires_at", tokens.accessToken().expiresAt().toString()));
	}

	/**
	 * Ends the session at once (every service refuses its tokens) and clears the cookies.
	 */
	@PostMapping("/api/auth/logout")
	ResponseEntity<Map<String, String>> logout(
			@CookieValue(name = SessionCookies.REFRESH, required = false) String refreshToken,
			@AuthenticationPrincipal Jwt token) {
		if (refreshToken != null) {
			this.sessions.logout(refreshToken);
		}
		if (token != null && token.getClaimAsString(AccessTokenValidators.SESSION_CLAIM) != null) {
			this.sessions.logout(UUID.fromString(token.getClaimAsString(AccessTokenValidators.SESSION_CLAIM)),
					CurrentUser.id(token));
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.SET_COOKIE, this.cookies.clear().toArray(String[]::new))
			.body(Map.of("message", "Successfully logged out"));
	}

}
