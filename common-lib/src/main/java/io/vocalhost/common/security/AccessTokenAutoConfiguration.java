package io.vocalhost.common.security;

import java.time.Clock;

import io.vocalhost.common.config.ClockAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What every web service that checks access tokens shares, servlet or reactive: the token
 * settings and the revoked sessions, fed from Kafka where the service has it. The decoder
 * and the security chain come from {@link ServletSecurityAutoConfiguration} or
 * {@link ReactiveSecurityAutoConfiguration}.
 */
@AutoConfiguration(after = ClockAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(Jwt.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class AccessTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RevokedSessions revokedSessions(Clock clock) {
		return new RevokedSessions(clock);
	}

	@Bean
	@ConditionalOnClass(name = "org.springframework.kafka.annotation.KafkaListener")
	SessionRevocationListener sessionRevocationListener(RevokedSessions revokedSessions) {
		return new SessionRevocationListener(revokedSessions);
	}

}
