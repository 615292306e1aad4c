package io.vocalhost.gateway.frontend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.ReactiveErrorResponses;
import io.vocalhost.gateway.security.PathList;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Serves a built single-page frontend from a folder, so that frontend and API share one
 * origin (and the session cookies reach every call the frontend makes): a GET or HEAD of
 * a path that is not the API's is a file of the folder, or, for a browser's navigation
 * ({@code Accept: text/html}) to a path that names no file, the folder's
 * {@code index.html}, where the frontend's router takes over. API, webhook, WebSocket and
 * the gateway's own paths are never served from the folder. The files are public, as on
 * any static host.
 */
class FrontendFiles implements WebFilter {

	private static final CacheControl REVALIDATE = CacheControl.noCache();

	private static final CacheControl ONE_HOUR = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();

	private final Path folder;

	private final PathList backendPaths;

	FrontendFiles(Path folder, List<String> backendPaths) {
		this.folder = folder.toAbsolutePath().normalize();
		this.backendPaths = PathList.of(backendPaths);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		PathContainer path = request.getPath().pathWithinApplication();
		boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
		if (!read || this.backendPaths.contains(path)) {
			return chain.filter(exchange);
		}
		Optional<Path> file = fileAt(path);
		if (file.isPresent()) {
			return send(exchange.getResponse(), file.get(), request.getMethod(),
					file.get().getFileName().toString().equals("index.html") ? REVALIDATE : ONE_HOUR);
		}
		if (namesAFile(path)) {
			return ReactiveErrorResponses.write(exchange.getResponse(),
					new ErrorAnswer(HttpStatus.NOT_FOUND, "Not found", "No such file: " + path.value()));
		}
		if (!isNavigation(request)) {
			return chain.filter(exchange);
		}
		return send(exchange.getResponse(), this.folder.resolve("index.html"), request.getMethod(), REVALIDATE);
	}

	/** The regular file the decoded path names inside the folder, never outside it. */
	private Optional<Path> fileAt(PathContainer path) {
		Path resolved = this.folder;
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
				String name = segment.valueToMatch();
				if (name.equals("..") || name.equals(".") || name.contains("/") || name.contains("\\")
						|| name.indexOf('\0') >= 0) {
					return Optional.empty();
				}
				resolved = resolved.resolve(name);
			}
		}
		if (resolved.equals(this.folder)) {
			resolved = this.folder.resolve("index.html");
		}
		return (resolved.normalize().startsWith(this.folder) && Files.isRegularFile(resolved)) ? Optional.of(resolved)
				: Optional.empty();
	}

	/**
	 * {@code /assets/app.js} names a file; {@code /dashboard} is a route of the frontend.
	 */
	private static boolean namesAFile(PathContainer path) {
		List<PathContainer.Element> elements = path.elements();
		String last = elements.isEmpty() ? "" : elements.get(elements.size() - 1).value();
		return last.contains(".");
	}

	private static boolean isNavigation(ServerHttpRequest request) {
		return request.getHeaders()
			.getAccept()
			.stream()
			.anyMatch((type) -> type.getType().equals("text") && type.getSubtype().equals("html"));
	}

	private static Mono<Void> send(ServerHttpResponse response, Path file, HttpMethod method, CacheControl caching) {
		try {
			response.setStatusCode(HttpStatus.OK);
			response.getHeaders()
				.setContentType(MediaTypeFactory.getMediaType(file.getFileName().toString())
					.orElse(MediaType.APPLICATION_OCTET_STREAM));
			response.getHeaders().setContentLength(Files.size(file));
			response.getHeaders().setCacheControl(caching);
			response.getHeaders().set("X-Content-Type-Options", "nosniff");
			if (HttpMethod.HEAD.equals(method)) {
				return response.setComplete();
			}
			return response.writeWith(DataBufferUtils.read(file, response.bufferFactory(), 16 * 1024));
		}
		catch (IOException ex) {
			return ReactiveErrorResponses.write(response,
					new ErrorAnswer(HttpStatus.NOT_FOUND, "Not found", "The frontend has no " + file));
		}
	}

}
