package io.vocalhost.assistant.plan;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When billing state stops an owner's assistants.
 *
 * @param gracePeriod how long assistants keep running while the subscription is past due
 * ({@code BILLING_GRACE_PERIOD}); zero suspends at the first failed payment
 * @param checkInterval how often owners past their grace period are looked for
 */
@ConfigurationProperties("vocalhost.plan-policy")
public record PlanPolicy(@DefaultValue("7d") Duration gracePeriod, @DefaultValue("1m") Duration checkInterval) {
}
