package io.vocalhost.common.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** {@link PublicUrlProperties} for every service. */
@AutoConfiguration
@EnableConfigurationProperties(PublicUrlProperties.class)
public class PublicUrlAutoConfiguration {

}
