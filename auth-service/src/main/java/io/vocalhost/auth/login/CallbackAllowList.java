package io.vocalhost.auth.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import io.vocalhost.auth.system.AuthProperties;

import org.springframework.stereotype.Component;

/** Where a login may send the browser back to: only the configured frontend origins. */
@Component
class CallbackAllowList {

	private final List<URI> allowed;

	private final List<String> origins;

	CallbackAllowList(AuthProperties properties) {
		this.allowed = properties.allowedCallbacks();
		this.origins = this.allowed.stream().map(CallbackAllowList::origin).toList();
	}

	boolean allows(String callback) {
		try {
			URI uri = new URI(callback);
			return uri.isAbsolute() && uri.getRawUserInfo() == null && uri.getHost() != null
					&& this.origins.contains(origin(uri));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * Where to report a failure when the login's own callback is unknown (a bad state).
	 */
	URI defaultFrontend() {
		return this.allowed.get(0).resolve("/");
	}

	String describe() {
		return String.join(", ", this.allowed.stream().map(URI::toString).toList());
	}

	private static String origin(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

}
