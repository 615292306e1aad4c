package io.vocalhost.common.security;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service checks VocalHost access tokens itself (RS256 through
 * auth-service's JWKS, issuer, audience, expiry, revocation) and takes identity only from
 * them. Bearer tokens only: cookies and CSRF are the gateway's business. The reactive
 * twin is {@link ReactiveSecurityAutoConfiguration}.
 */
@AutoConfiguration(after = AccessTokenAutoConfiguration.class, beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, JwtDecoder.class })
public class ServletSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder accessTokenDecoder(SecurityProperties properties, RevokedSessions revokedSessions, Clock clock) {
		return new VerifiedAccessTokens(properties, revokedSessions, clock)
			.decoder(NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.build());
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain vocalHostSecurityFilterChain(HttpSecurity http, SecurityProperties properties)
			throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(properties.allPublicPaths())
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}).authenticationEntryPoint(JsonSecurityErrors.unauthorized()))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(JsonSecurityErrors.unauthorized())
				.accessDeniedHandler(JsonSecurityErrors.forbidden()))
			.build();
	}

}
