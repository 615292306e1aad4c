package io.vocalhost.common.security;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * {@link ServletSecurityAutoConfiguration} for a reactive (WebFlux) service: the same
 * token checks (RS256 through auth-service's JWKS, issuer, audience, expiry, revocation,
 * each signature checked once per token), the same public paths, the same JSON 401 and
 * 403. The gateway keeps its own chain (cookies, CSRF, rate limits) and uses the decoder.
 */
@AutoConfiguration(after = AccessTokenAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, ReactiveJwtDecoder.class })
public class ReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder accessTokenDecoder(SecurityProperties properties, RevokedSessions revokedSessions, Clock clock,
			KeySetClient keySetClient) {
		return new VerifiedAccessTokens(properties, revokedSessions, clock)
			.reactiveDecoder(NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.webClient(keySetClient.webClient())
				.build());
	}

	@Bean
	KeySetClient keySetClient() {
		return new KeySetClient();
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityWebFilterChain vocalHostSecurityWebFilterChain(ServerHttpSecurity http, SecurityProperties properties,
			ReactiveJwtDecoder decoder) {
		return ReactiveSecurityDefaults.stateless(http)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(properties.allPublicPaths())
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtDecoder(decoder))
				.authenticationEntryPoint(ReactiveJsonSecurityErrors.unauthorized()))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(ReactiveJsonSecurityErrors.unauthorized())
				.accessDeniedHandler(ReactiveJsonSecurityErrors.forbidden()))
			.build();
	}

}
