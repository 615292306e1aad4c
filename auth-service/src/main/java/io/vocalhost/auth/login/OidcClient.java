package io.vocalhost.auth.login;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.http.HttpClients;
import io.vocalhost.auth.system.AuthProperties;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OAuth 2.0 authorization-code flow with PKCE against the OpenID provider (Google, or
 * the local stand-in): discovery, the authorization URL, the code exchange and the ID
 * token check.
 */
@Component
class OidcClient {

	private final AuthProperties.Oidc oidc;

	private final RestClient http;

	private volatile Provider provider;

	OidcClient(AuthProperties properties) {
		this.oidc = properties.oidc();
		this.http = HttpClients.restClient(Duration.ofSeconds(3), Duration.ofSeconds(5));
	}

	URI authorizationUri(String state, String nonce, String codeChallenge, URI redirectUri) {
		return UriComponentsBuilder.fromUri(provider().metadata().authorizationEndpoint())
			.queryParam("response_type", "code")
			.queryParam("client_id", this.oidc.clientId())
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", "openid email profile")
			.queryParam("state", state)
			.queryParam("nonce", nonce)
			.queryParam("code_challenge", codeChallenge)
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
	}

	/** Exchanges the code and returns the verified ID token's identity. */
	Identity complete(String code, String codeVerifier, String nonce, URI redirectUri) {
		Provider current = provider();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", redirectUri.toString());
		form.add("code_verifier", codeVerifier);
		TokenResponse tokens;
		try {
			tokens = this.http.post()
				.uri(current.metadata().tokenEndpoint())
				.headers((headers) -> headers.setBasicAuth(this.oidc.clientId(), this.oidc.clientSecret()))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(TokenResponse.class);
		}
		catch (RestClientException ex) {
			throw new LoginFailure("token_exchange_failed", "The provider refused the code: " + ex.getMessage(), ex);
		}
		if (tokens == null || tokens.idToken() == null) {
			throw new LoginFailure("token_exchange_failed", "The provider returned no ID token", null);
		}
		try {
			Jwt idToken = current.decoder().decode(tokens.idToken());
			if (!nonce.equals(idToken.getClaimAsString("nonce"))) {
				throw new LoginFailure("invalid_id_token", "The ID token's nonce is not this login's", null);
			}
			String name = (idToken.getClaimAsString("name") != null) ? idToken.getClaimAsString("name")
					: idToken.getSubject();
			// The local stand-in signs in any username without an email: it becomes
			// <username>@example.com.
			String email = (idToken.getClaimAsString("email") != null) ? idToken.getClaimAsString("email")
					: idToken.getSubject() + "@example.com";
			return new Identity(idToken.getSubject(), name, email);
		}
		catch (JwtException ex) {
			throw new LoginFailure("invalid_id_token", "The ID token was refused: " + ex.getMessage(), ex);
		}
	}

	private Provider provider() {
		Provider current = this.provider;
		if (current == null) {
			URI discovery = UriComponentsBuilder.fromUri(this.oidc.issuerUri())
				.path("/.well-known/openid-configuration")
				.build()
				.toUri();
			try {
				Metadata metadata = this.http.get().uri(discovery).retrieve().body(Metadata.class);
				if (metadata == null || !this.oidc.issuerUri().toString().equals(metadata.issuer())) {
					throw new LoginFailure("provider_unavailable",
							"The provider's discovery document names another issuer", null);
				}
				NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(metadata.jwksUri().toString())
					.jwsAlgorithm(SignatureAlgorithm.RS256)
					.build();
				// Issuer, audience (our client id) and expiry; the nonce is checked per
				// login.
				OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
						new JwtTimestampValidator(Duration.ofSeconds(60)), new JwtIssuerValidator(metadata.issuer()),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
								(audience) -> audience != null && audience.contains(this.oidc.clientId()))));
				decoder.setJwtValidator(validator);
				current = new Provider(metadata, decoder);
				this.provider = current;
			}
			catch (RestClientException ex) {
				throw new LoginFailure("provider_unavailable",
						"The sign-in provider is not reachable: " + ex.getMessage(), ex);
			}
		}
		return current;
	}

	record Identity(String subject, String name, String email) {
	}

	record Metadata(String issuer, @JsonProperty("authorization_endpoint") URI authorizationEndpoint,
			@JsonProperty("token_endpoint") URI tokenEndpoint, @JsonProperty("jwks_uri") URI jwksUri) {
	}

	record TokenResponse(@JsonProperty("id_token") String idToken) {
	}

	private record Provider(Metadata metadata, NimbusJwtDecoder decoder) {
	}

}
