package io.vocalhost.local;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser signed in through the gateway the way a person does it: the login redirect,
 * the OIDC stand-in's login page (any username), the callback, then cookies on every
 * request. Its {@code fetch} calls follow the browser's CORS rules for a page of the
 * original frontend on {@link #FRONTEND_ORIGIN}.
 */
final class BrowserSession {

	/** Where the original frontend's dev server serves its pages. */
	static final String FRONTEND_ORIGIN = "http://localhost:5173";

	private static final Set<String> SIMPLE_METHODS = Set.of("GET", "HEAD", "POST");

	private static final Set<String> SIMPLE_CONTENT_TYPES = Set.of("application/x-www-form-urlencoded",
			"multipart/form-data", "text/plain");

	private static final Set<String> SAFELISTED_HEADERS = Set.of("accept", "accept-language", "content-language");

	private static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final StackLayout layout;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private final List<String> preflights = new ArrayList<>();

	private BrowserSession(StackLayout layout) {
		this.layout = layout;
	}

	static BrowserSession signIn(StackLayout layout, String username) throws Exception {
		return signIn(layout, username, "http://localhost:3000/");
	}

	/** Signs in from a frontend that asked to land on {@code landing} afterwards. */
	static BrowserSession signIn(StackLayout layout, String username, String landing) throws Exception {
		BrowserSession browser = new BrowserSession(layout);
		HttpResponse<String> login = browser
			.get("/api/auth/google/login?callback=" + URLEncoder.encode(landing, StandardCharsets.UTF_8));
		assertThat(login.statusCode()).isEqualTo(302);
		URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());

		HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorize).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("username");
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(authorize)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
		assertThat(callback.getPath()).isEqualTo("/api/auth/google/callback");

		HttpResponse<String> landed = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
		assertThat(landed.statusCode()).isEqualTo(302);
		assertThat(landed.headers().firstValue("Location")).hasValue(landing + "?login=success");
		return browser;
	}

	JsonNode me() throws Exception {
		HttpResponse<String> response = get("/api/auth/user/me");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	String accessToken() {
		return this.cookies.get("vh_access");
	}

	int logout() throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + "/api/auth/logout"))
			.header("X-XSRF-TOKEN", this.cookies.getOrDefault("XSRF-TOKEN", ""))
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode();
	}

	/**
	 * A state change as the frontend sends it: with the CSRF token echoed from its
	 * cookie.
	 */
	HttpResponse<String> change(String method, String path, String contentType, byte[] body)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path))
			.header("X-XSRF-TOKEN", this.cookies.getOrDefault("XSRF-TOKEN", ""))
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path)).GET());
	}

	/**
	 * A {@code fetch(url, {credentials: 'include'})} from a frontend page to the gateway,
	 * another origin: the preflight first when the request is not simple (without
	 * cookies, as browsers send it, and checked as a browser checks it), then the request
	 * with cookies, {@code Origin} and no CSRF header; its answer must be one the browser
	 * lets the page read.
	 */
	HttpResponse<String> fetch(String method, String path, Map<String, String> headers, byte[] body)
			throws IOException, InterruptedException {
		List<String> unsafeHeaders = unsafeHeaders(headers);
		if (!SIMPLE_METHODS.contains(method) || !unsafeHeaders.isEmpty()) {
			preflight(method, path, unsafeHeaders);
		}
		HttpResponse<String> response = fetchFrom(FRONTEND_ORIGIN, method, path, headers, body);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("%s %s readable", method, path)
			.hasValue(FRONTEND_ORIGIN);
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as("%s %s readable", method, path)
			.hasValue("true");
		return response;
	}

	/**
	 * A simple request (no preflight) that a page on {@code origin} sends with this
	 * browser's cookies, such as a form posted from another page of the same site.
	 */
	HttpResponse<String> fetchFrom(String origin, String method, String path, Map<String, String> headers, byte[] body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path))
			.header("Origin", origin)
			.header("Referer", origin + "/")
			.header("Accept", "*/*")
			.method(method, (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::setHeader);
		return send(request);
	}

	/**
	 * A {@code fetch(path)} without a credentials option from a page served on the API's
	 * own origin: a same-origin GET carries cookies and no {@code Origin}.
	 */
	HttpResponse<String> fetchSameOrigin(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path)).header("Accept", "*/*").GET());
	}

	/** The preflights sent so far, each as method and path. */
	List<String> preflights() {
		return List.copyOf(this.preflights);
	}

	private void preflight(String method, String path, List<String> unsafeHeaders)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path))
			.header("Origin", FRONTEND_ORIGIN)
			.header("Access-Control-Request-Method", method)
			.header("Accept", "*/*")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody());
		if (!unsafeHeaders.isEmpty()) {
			request.header("Access-Control-Request-Headers", String.join(",", unsafeHeaders));
		}
		HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		String what = "preflight of " + method + " " + path;
		assertThat(answer.statusCode()).as(what).isBetween(200, 299);
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(what).hasValue(FRONTEND_ORIGIN);
		assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).as(what).hasValue("true");
		assertThat(listed(answer, "Access-Control-Allow-Methods")).as(what).contains(method.toLowerCase(Locale.ROOT));
		assertThat(listed(answer, "Access-Control-Allow-Headers")).as(what).containsAll(unsafeHeaders);
		this.preflights.add(method + " " + path);
	}

	/** The request headers that make a request non-simple, as a browser names them. */
	private static List<String> unsafeHeaders(Map<String, String> headers) {
		return headers.entrySet()
			.stream()
			.filter((header) -> !safelisted(header.getKey().toLowerCase(Locale.ROOT), header.getValue()))
			.map((header) -> header.getKey().toLowerCase(Locale.ROOT))
			.sorted()
			.toList();
	}

	private static boolean safelisted(String name, String value) {
		if (name.equals("content-type")) {
			return SIMPLE_CONTENT_TYPES.contains(value.split(";")[0].trim().toLowerCase(Locale.ROOT));
		}
		return SAFELISTED_HEADERS.contains(name);
	}

	private static List<String> listed(HttpResponse<?> response, String header) {
		return response.headers()
			.allValues(header)
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.toList();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		for (String header : response.headers().allValues("Set-Cookie")) {
			for (HttpCookie cookie : HttpCookie.parse(header)) {
				if (cookie.getMaxAge() == 0) {
					this.cookies.remove(cookie.getName());
				}
				else {
					this.cookies.put(cookie.getName(), cookie.getValue());
				}
			}
		}
		return response;
	}

}
