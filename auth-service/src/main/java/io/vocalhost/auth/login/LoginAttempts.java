package io.vocalhost.auth.login;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import io.vocalhost.auth.system.AuthProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Started logins: state, nonce and PKCE verifier, each usable once and only for a few
 * minutes.
 */
@Component
class LoginAttempts {

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private final Clock clock;

	LoginAttempts(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	void start(LoginAttempt attempt) {
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM login_attempt WHERE created_at < ?")
			.param(now.minus(this.properties.loginAttemptTtl()).atOffset(ZoneOffset.UTC))
			.update();
		this.jdbc.sql("""
				INSERT INTO login_attempt (state, nonce, code_verifier, callback, created_at) VALUES (?, ?, ?, ?, ?)
				""")
			.params(attempt.state(), attempt.nonce(), attempt.codeVerifier(), attempt.callback(),
					now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Takes the attempt of this state, once: a replayed or expired state finds nothing.
	 */
	@Transactional
	Optional<LoginAttempt> consume(String state) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				UPDATE login_attempt SET consumed_at = ?
				WHERE state = ? AND consumed_at IS NULL AND created_at >= ?
				RETURNING state, nonce, code_verifier, callback
				""")
			.params(now.atOffset(ZoneOffset.UTC), state,
					now.minus(this.properties.loginAttemptTtl()).atOffset(ZoneOffset.UTC))
			.query(LoginAttempt.class)
			.optional();
	}

	record LoginAttempt(String state, String nonce, String codeVerifier, String callback) {
	}

}
