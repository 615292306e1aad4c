package io.vocalhost.common.http;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client our services call other hosts with: the JDK client behind a
 * {@link RestClient}, always with a connect and a response timeout, so that a host that
 * does not answer fails the call instead of holding a request thread.
 */
public final class HttpClients {

	private HttpClients() {
	}

	public static RestClient restClient(Duration connectTimeout, Duration responseTimeout) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(jdkClient(connectTimeout));
		requests.setReadTimeout(responseTimeout);
		return RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * The JDK client itself, for asynchronous calls; each request sets its own response
	 * timeout ({@code HttpRequest.Builder.timeout}).
	 */
	public static HttpClient jdkClient(Duration connectTimeout) {
		return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
	}

}
