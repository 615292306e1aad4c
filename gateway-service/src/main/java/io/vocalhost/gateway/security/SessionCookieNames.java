package io.vocalhost.gateway.security;

/** The cookies auth-service sets for a browser session. */
final class SessionCookieNames {

	static final String ACCESS = "vh_access";

	static final String REFRESH = "vh_refresh";

	static final String XSRF = "XSRF-TOKEN";

	static final String XSRF_HEADER = "X-XSRF-TOKEN";

	private SessionCookieNames() {
	}

}
