package io.vocalhost.auth.token;

import java.time.Clock;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vocalhost.common.security.RevokedSessions;
import io.vocalhost.common.security.SecurityProperties;
import io.vocalhost.common.security.VerifiedAccessTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service checks access tokens against its own public keys in-process, with the same
 * rules as every other service, instead of fetching its own JWKS over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class OwnTokenDecoderConfiguration {

	@Bean
	JwtDecoder accessTokenDecoder(SigningKeys keys, SecurityProperties properties, RevokedSessions revokedSessions,
			Clock clock) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys.publicKeys())));
		// Expiry and the other claims are checked on every request by the shared rules.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return new VerifiedAccessTokens(properties, revokedSessions, clock).decoder(new NimbusJwtDecoder(processor));
	}

}
