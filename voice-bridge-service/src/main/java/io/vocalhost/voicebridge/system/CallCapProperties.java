package io.vocalhost.voicebridge.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How live calls hold their slot under the concurrent-call cap
 * ({@code vocalhost.voice.call-cap.*}). The caps themselves are the plans' concurrent
 * calls in common-lib's {@code PlanLimits} ({@code VOICE_CALL_CAP_*}), which billing
 * reports, so that the two never disagree.
 *
 * @param lease how long a live call's slot holds without its instance renewing it; an
 * instance renews its calls' leases every third of this
 */
@Validated
@ConfigurationProperties("vocalhost.voice.call-cap")
public record CallCapProperties(@NotNull Duration lease) {
}
