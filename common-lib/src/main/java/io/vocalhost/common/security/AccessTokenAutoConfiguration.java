package io.vocalhost.common.security;

import java.time.Clock;

import io.vocalhost.common.config.ClockAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What every web service that checks access tokens shares, servlet or reactive: the token
 * settings and the revoked sessions, fed from Kafka where the service has it. The decoder
 * and the security chain come from {@link ServletSecurityAutoConfiguration} or
 * {@link ReactiveSecurityAutoConfiguration}.
 */
@AutoConfiguration(after = { ClockAutoConfiguration.class, KafkaAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnClass(Jwt.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class AccessTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RevokedSessions revokedSessions(Clock clock) {
		return new RevokedSessions(clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConsumerFactory.class)
	static class RevocationsFromKafka {

		@Bean
		@ConditionalOnBean(ConsumerFactory.class)
		SessionRevocationListener sessionRevocationListener(RevokedSessions revokedSessions,
				ConsumerFactory<?, ?> consumerFactory, SecurityProperties properties, Clock clock) {
			return new SessionRevocationListener(revokedSessions, consumerFactory, properties.revocationLookback(),
					clock);
		}

	}

}
