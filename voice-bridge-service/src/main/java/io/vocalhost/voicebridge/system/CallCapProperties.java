package io.vocalhost.voicebridge.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many calls an owner may have live at once, by plan, across every bridge instance
 * ({@code vocalhost.voice.call-cap.*}).
 *
 * @param free the cap of the free plan, which also applies without a paid subscription in
 * force
 * @param basic the cap of the basic plan
 * @param pro the cap of the pro plan
 * @param lease how long a live call's slot holds without its instance renewing it; an
 * instance renews its calls' leases every third of this
 */
@Validated
@ConfigurationProperties("vocalhost.voice.call-cap")
public record CallCapProperties(@PositiveOrZero int free, @PositiveOrZero int basic, @PositiveOrZero int pro,
		@NotNull Duration lease) {

	/** The cap of a plan; a plan this bridge does not know gets the free plan's. */
	public int capOf(String plan) {
		return switch (plan) {
			case "basic" -> this.basic;
			case "pro" -> this.pro;
			default -> this.free;
		};
	}

}
