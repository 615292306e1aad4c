package io.vocalhost.gateway.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A configured list of path patterns (public, CSRF-exempt, sign-in, upload paths), parsed
 * once and matched in one pass. As a security matcher it replaces one matcher per
 * pattern, which costs a debug-log call per pattern on every request.
 */
public final class PathList implements ServerWebExchangeMatcher {

	private final List<PathPattern> patterns;

	private PathList(List<PathPattern> patterns) {
		this.patterns = patterns;
	}

	public static PathList of(List<String> patterns) {
		return new PathList(patterns.stream().map(PathPatternParser.defaultInstance::parse).toList());
	}

	public boolean contains(PathContainer path) {
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	boolean contains(ServerWebExchange exchange) {
		return contains(exchange.getRequest().getPath().pathWithinApplication());
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		return contains(exchange) ? MatchResult.match() : MatchResult.notMatch();
	}

}
