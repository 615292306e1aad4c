package io.vocalhost.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.vocalhost.auth.system.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 key that signs access tokens, and the public keys the JWKS publishes. In
 * production the key comes from {@code AUTH_SIGNING_KEY}; locally one is generated on
 * first start and kept in the database so that a restart does not sign everyone out.
 */
@Component
public class SigningKeys {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	private final RSAKey signingKey;

	private final JWKSet publicKeys;

	SigningKeys(AuthProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		List<RSAKey> published = new ArrayList<>();
		if (!properties.signingKey().isBlank()) {
			this.signingKey = fromPrivatePem(properties.signingKey());
			logger.info("Signing access tokens with the configured key {}", this.signingKey.getKeyID());
		}
		else {
			this.signingKey = transactions.execute((status) -> storedOrGenerated(jdbc, clock));
			jdbc.sql("SELECT public_key FROM signing_key WHERE kid <> ?")
				.param(this.signingKey.getKeyID())
				.query(String.class)
				.list()
				.forEach((pem) -> published.add(fromPublicPem(pem)));
			logger.info("Signing access tokens with the locally generated key {} (set AUTH_SIGNING_KEY in production)",
					this.signingKey.getKeyID());
		}
		published.add(0, this.signingKey.toPublicJWK());
		properties.previousPublicKeys().forEach((pem) -> published.add(fromPublicPem(pem)));
		this.publicKeys = new JWKSet(new ArrayList<>(published));
	}

	public RSAKey signingKey() {
		return this.signingKey;
	}

	/** Every key a valid token may have been signed with, public parts only. */
	public JWKSet publicKeys() {
		return this.publicKeys;
	}

	private static RSAKey storedOrGenerated(JdbcClient jdbc, Clock clock) {
		jdbc.sql("LOCK TABLE signing_key IN EXCLUSIVE MODE").update();
		return jdbc.sql("SELECT private_key FROM signing_key ORDER BY created_at DESC LIMIT 1")
			.query(String.class)
			.optional()
			.map(SigningKeys::fromPrivatePem)
			.orElseGet(() -> {
				RSAKey generated = generate();
				jdbc.sql("INSERT INTO signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)")
					.params(generated.getKeyID(), toPem(privateKey(generated).getEncoded()),
							toPem(publicKey(generated).getEncoded()), clock.instant().atOffset(ZoneOffset.UTC))
					.update();
				return generated;
			});
	}

	private static RSAKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return withThumbprintId(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot generate a signing key", ex);
		}
	}

	static RSAKey fromPrivatePem(String pem) {
		try {
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(fromPem(pem)));
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return withThumbprintId(new RSAKey.Builder(publicKey).privateKey(privateKey));
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"AUTH_SIGNING_KEY is not an RSA private key in PKCS#8 PEM form: " + ex.getMessage(), ex);
		}
	}

	private static RSAKey fromPublicPem(String pem) {
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(fromPem(pem)));
			return withThumbprintId(new RSAKey.Builder(publicKey));
		}
		catch (Exception ex) {
			throw new IllegalStateException("A previous public key is not an RSA public key in PEM form", ex);
		}
	}

	private static RSAKey withThumbprintId(RSAKey.Builder builder) throws JOSEException {
		RSAKey key = builder.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
		return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
	}

	private static PrivateKey privateKey(RSAKey key) {
		try {
			return key.toPrivateKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAPublicKey publicKey(RSAKey key) {
		try {
			return key.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] fromPem(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

	private static String toPem(byte[] der) {
		return Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
	}

}
