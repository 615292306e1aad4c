package io.vocalhost.common.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Access tokens whose RS256 signature has been checked, remembered by their compact form,
 * so that the signature check and the parsing happen once per token instead of once per
 * request: a signed-in user sends the same token with every request for its whole
 * lifetime, and the signature check was the largest single cost of a request at the
 * gateway. The claims (issuer, audience, expiry, revoked session) are still checked on
 * every request. A token is remembered no longer than it is valid, and at most
 * {@link #CAPACITY} of them.
 */
public final class VerifiedAccessTokens {

	static final int CAPACITY = 2048;

	/**
	 * Claims converted as Spring Security does, except the issuer, which stays the string
	 * it is: ours is a name, not a URL, and the default conversion tries
	 * {@code URI.toURL} first, an exception thrown and caught for every token.
	 */
	public static final Converter<Map<String, Object>, Map<String, Object>> CLAIMS = MappedJwtClaimSetConverter
		.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null));

	/**
	 * For the decoder that checks the signature: the claims are validated by
	 * {@link #validated(Jwt)}, on every use.
	 */
	public static final OAuth2TokenValidator<Jwt> SIGNATURE_ONLY = (jwt) -> OAuth2TokenValidatorResult.success();

	private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final OAuth2TokenValidator<Jwt> validator;

	private final Clock clock;

	public VerifiedAccessTokens(SecurityProperties properties, RevokedSessions revokedSessions, Clock clock) {
		this.validator = AccessTokenValidators.of(properties, revokedSessions);
		this.clock = clock;
	}

	/**
	 * A servlet decoder: {@code signatureCheck} is set up to check the signature only,
	 * and every token it accepted is remembered.
	 * @param signatureCheck a decoder holding our verification keys
	 * @return the decoder that checks the claims of every request
	 */
	public JwtDecoder decoder(NimbusJwtDecoder signatureCheck) {
		signatureCheck.setClaimSetConverter(CLAIMS);
		signatureCheck.setJwtValidator(SIGNATURE_ONLY);
		return (token) -> {
			Jwt jwt = known(token);
			if (jwt == null) {
				jwt = signatureCheck.decode(token);
				remember(token, jwt);
			}
			return validated(jwt);
		};
	}

	/**
	 * A reactive decoder, with the same rules as {@link #decoder(NimbusJwtDecoder)}: only
	 * a token not seen before waits for its signature check (and, the first time, the key
	 * set).
	 * @param signatureCheck a decoder holding our verification keys
	 * @return the decoder that checks the claims of every request
	 */
	public ReactiveJwtDecoder reactiveDecoder(NimbusReactiveJwtDecoder signatureCheck) {
		signatureCheck.setClaimSetConverter(CLAIMS);
		signatureCheck.setJwtValidator(SIGNATURE_ONLY);
		return (token) -> Mono.justOrEmpty(known(token))
			.switchIfEmpty(
					Mono.defer(() -> signatureCheck.decode(token).doOnNext((checked) -> remember(token, checked))))
			.map(this::validated);
	}

	/** The token if its signature has been checked before, else {@code null}. */
	public Jwt known(String token) {
		return this.tokens.get(token);
	}

	/** Remembers a token whose signature has just been checked. */
	public void remember(String token, Jwt jwt) {
		if (this.tokens.size() >= CAPACITY) {
			Instant now = this.clock.instant();
			this.tokens.values()
				.removeIf((remembered) -> remembered.getExpiresAt() == null || remembered.getExpiresAt().isBefore(now));
			if (this.tokens.size() >= CAPACITY) {
				this.tokens.clear();
			}
		}
		this.tokens.put(token, jwt);
	}

	/**
	 * The token if its claims make it acceptable now.
	 * @param jwt a token whose signature has been checked
	 * @return the same token
	 * @throws JwtValidationException as Spring Security's own decoders do
	 */
	public Jwt validated(Jwt jwt) {
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return jwt;
	}

	int size() {
		return this.tokens.size();
	}

}
