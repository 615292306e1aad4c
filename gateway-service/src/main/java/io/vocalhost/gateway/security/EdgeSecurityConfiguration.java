package io.vocalhost.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelOption;
import io.vocalhost.common.config.PublicUrlProperties;
import io.vocalhost.common.security.ReactiveJsonSecurityErrors;
import io.vocalhost.common.security.ReactiveSecurityDefaults;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sign-in enforcement at the edge: every route but the public ones needs a valid access
 * token (from the session cookie or a bearer header), refreshed transparently while the
 * user is active; cookie-authenticated state changes need the CSRF token; CORS admits
 * only the frontend origins; rate limits per client and per user. The token checks
 * themselves (decoder, revocations) are common-lib's, as in every service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EdgeSecurityProperties.class, RateLimitProperties.class })
class EdgeSecurityConfiguration {

	@Bean
	SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, EdgeSecurityProperties edge,
			RateLimitProperties limits, ReactiveJwtDecoder decoder, Clock clock, PublicUrlProperties publicUrl) {
		List<String> publicPaths = edge.publicPaths();
		return ReactiveSecurityDefaults.stateless(http)
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.addFilterAt(new JsonCorsFilter(cors(edge.corsOrigins(), publicUrl.publicUrl())),
					SecurityWebFiltersOrder.CORS)
			.addFilterBefore(
					new DoubleSubmitCsrfFilter(edge.csrfExemptPaths(),
							TrustedOrigins.of(edge.corsOrigins(), publicUrl.publicUrl())),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterBefore(new SessionRefreshFilter(authClient(edge), edge.refreshAfter(), clock),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAfter(new RateLimitFilter(limits), SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.matchers(PathList.of(publicPaths))
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server.bearerTokenConverter(new AccessTokenConverter(publicPaths))
				.jwt((jwt) -> jwt.jwtDecoder(decoder))
				.authenticationEntryPoint(ReactiveJsonSecurityErrors.unauthorized()))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(ReactiveJsonSecurityErrors.unauthorized())
				.accessDeniedHandler(ReactiveJsonSecurityErrors.forbidden()))
			.build();
	}

	private static WebClient authClient(EdgeSecurityProperties edge) {
		return WebClient.builder()
			.baseUrl(edge.authUrl().toString())
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
				.responseTimeout(Duration.ofSeconds(3))))
			.build();
	}

	/** The frontend origins and the gateway's own, where it may serve the frontend. */
	private static UrlBasedCorsConfigurationSource cors(List<String> frontendOrigins, URI publicUrl) {
		CorsConfiguration configuration = new CorsConfiguration();
		List<String> origins = new ArrayList<>(frontendOrigins);
		origins.add(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority());
		configuration.setAllowedOrigins(origins);
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		configuration.setAllowedHeaders(List.of("Content-Type", "Authorization", SessionCookieNames.XSRF_HEADER));
		configuration.setAllowCredentials(true);
		configuration.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

}
