package io.vocalhost.common.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** {@link PlanLimits} for every service, so that all read the same settings. */
@AutoConfiguration
@EnableConfigurationProperties(PlanLimits.class)
public class PlanLimitsAutoConfiguration {

}
