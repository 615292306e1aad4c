package io.vocalhost.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vocalhost.auth.token.AccessTokens;
import io.vocalhost.testsupport.ServiceConventionsTests;

import org.springframework.beans.factory.annotation.Autowired;

class AuthServiceApplicationTests extends ServiceConventionsTests {

	@Autowired
	AccessTokens accessTokens;

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db");
	}

	/** auth-service trusts only its own signing key. */
	@Override
	protected String accessToken() {
		return this.accessTokens.issue(1, UUID.randomUUID(), Instant.now()).value();
	}

}
