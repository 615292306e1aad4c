package io.vocalhost.common.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The web origin of a URL ({@code scheme://host:port}, lower case, the scheme's default
 * port written out), the unit browsers isolate pages by: another port or scheme of the
 * same host is another origin.
 */
public final class Origins {

	private Origins() {
	}

	/**
	 * The origin of an absolute http(s) URL; empty for anything else (a relative URL,
	 * {@code null}, {@code file:}, a URL with user info, garbage).
	 */
	public static Optional<String> of(String url) {
		try {
			return of(new URI(url.trim()));
		}
		catch (java.net.URISyntaxException ex) {
			return Optional.empty();
		}
	}

	public static Optional<String> of(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri.getHost() == null || uri.getRawUserInfo() != null
				|| !(scheme.equals("http") || scheme.equals("https"))) {
			return Optional.empty();
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
		return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
	}

}
