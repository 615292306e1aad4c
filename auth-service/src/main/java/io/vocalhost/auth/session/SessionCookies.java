package io.vocalhost.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.vocalhost.auth.session.Sessions.SessionTokens;
import io.vocalhost.common.config.PublicUrlProperties;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookies of a browser session: the access token and the refresh token (HttpOnly,
 * SameSite=Lax, Secure unless the public URL is plain http) and the {@code XSRF-TOKEN}
 * the frontend echoes in {@code X-XSRF-TOKEN} on state changes.
 */
@Component
public class SessionCookies {

	public static final String ACCESS = "vh_access";

	public static final String REFRESH = "vh_refresh";

	public static final String XSRF = "XSRF-TOKEN";

	private static final SecureRandom random = new SecureRandom();

	private final boolean secure;

	private final Clock clock;

	SessionCookies(PublicUrlProperties publicUrl, Clock clock) {
		this.secure = publicUrl.secure();
		this.clock = clock;
	}

	public List<String> issue(SessionTokens tokens) {
		List<String> cookies = new ArrayList<>();
		Duration sessionLeft = Duration.between(this.clock.instant(), tokens.sessionExpiresAt());
		cookies.add(cookie(ACCESS, tokens.accessToken().value(), sessionLeft, true));
		if (tokens.refreshToken() != null) {
			cookies.add(cookie(REFRESH, tokens.refreshToken(), sessionLeft, true));
			byte[] xsrf = new byte[24];
			random.nextBytes(xsrf);
			cookies.add(cookie(XSRF, Base64.getUrlEncoder().withoutPadding().encodeToString(xsrf), sessionLeft, false));
		}
		return cookies;
	}

	public List<String> clear() {
		return List.of(cookie(ACCESS, "", Duration.ZERO, true), cookie(REFRESH, "", Duration.ZERO, true),
				cookie(XSRF, "", Duration.ZERO, false));
	}

	private String cookie(String name, String value, Duration maxAge, boolean httpOnly) {
		return ResponseCookie.from(name, value)
			.path("/")
			.httpOnly(httpOnly)
			.secure(this.secure)
			.sameSite("Lax")
			.maxAge(maxAge)
			.build()
			.toString();
	}

}
