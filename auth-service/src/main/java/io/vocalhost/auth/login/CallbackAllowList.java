package io.vocalhost.auth.login;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.vocalhost.auth.system.AuthProperties;
import io.vocalhost.common.config.PublicUrlProperties;
import io.vocalhost.common.http.Origins;

import org.springframework.stereotype.Component;

/**
 * Where a login may send the browser back to: only the configured frontend origins and
 * the gateway's own public origin (where the gateway serves a built frontend).
 */
@Component
class CallbackAllowList {

	private final List<URI> allowed;

	private final Set<String> origins;

	CallbackAllowList(AuthProperties properties, PublicUrlProperties publicUrl) {
		this.allowed = properties.allowedCallbacks();
		this.origins = Stream.concat(this.allowed.stream(), Stream.of(publicUrl.publicUrl()))
			.map(Origins::of)
			.flatMap(Optional::stream)
			.collect(Collectors.toUnmodifiableSet());
	}

	boolean allows(String callback) {
		return Origins.of(callback).filter(this.origins::contains).isPresent();
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

}
