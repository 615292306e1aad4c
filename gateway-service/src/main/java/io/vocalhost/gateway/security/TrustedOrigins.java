package io.vocalhost.gateway.security;

import java.net.URI;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.vocalhost.common.http.Origins;

import org.springframework.http.HttpHeaders;

/**
 * The origins whose pages may change state with the user's session cookies: the allowed
 * frontend origins and the gateway's own public origin. A browser names the page's origin
 * in {@code Origin} on every cross-origin request and on same-origin POST, PATCH and
 * DELETE, and a page cannot forge it; when a privacy setting strips it, the
 * {@code Referer}'s origin stands in. An origin is scheme, host and port: another port of
 * the same host is another site's page.
 */
final class TrustedOrigins {

	private final Set<String> origins;

	private TrustedOrigins(Set<String> origins) {
		this.origins = origins;
	}

	static TrustedOrigins of(Collection<String> frontendOrigins, URI publicUrl) {
		return new TrustedOrigins(Stream.concat(frontendOrigins.stream(), Stream.of(publicUrl.toString()))
			.map(Origins::of)
			.flatMap(Optional::stream)
			.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * Whether the request names one of these origins: its {@code Origin}, or its
	 * {@code Referer} when it has no {@code Origin}. {@code Origin: null} (sandboxed
	 * pages, some redirects) and neither header both mean no.
	 */
	boolean vouchFor(HttpHeaders headers) {
		String origin = headers.getOrigin();
		String source = (origin != null) ? origin : headers.getFirst(HttpHeaders.REFERER);
		return source != null && Origins.of(source).filter(this.origins::contains).isPresent();
	}

}
