package io.vocalhost.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.vocalhost.auth.token.AccessTokens;
import io.vocalhost.auth.token.SigningKeys;
import io.vocalhost.testsupport.ServiceConventionsTests;
import io.vocalhost.testsupport.TokenSigner;

import org.springframework.beans.factory.annotation.Autowired;

class AuthServiceApplicationTests extends ServiceConventionsTests {

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	SigningKeys signingKeys;

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db");
	}

	/** auth-service trusts only its own signing key. */
	@Override
	protected String accessToken() {
		return this.accessTokens.issue(1, UUID.randomUUID(), Instant.now()).value();
	}

	/**
	 * The forged tokens are signed with auth-service's own key, so each is refused by
	 * auth-service's own claim and header checks rather than for an unknown signature.
	 */
	@Override
	protected TokenSigner tokenSigner() {
		RSAKey key = this.signingKeys.signingKey();
		try {
			return new TokenSigner(key.toPrivateKey(), key.toPublicKey(), key.getKeyID());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
