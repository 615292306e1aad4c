package io.vocalhost.booking.availability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minimumNotice how long before a slot it can still be booked
 * @param maxDaysAhead how many days ahead bookings are taken
 * @param maxRangeDays the longest date range one listing may cover
 */
@ConfigurationProperties("vocalhost.booking")
public record BookingProperties(@DefaultValue("0m") Duration minimumNotice, @DefaultValue("90") int maxDaysAhead,
		@DefaultValue("62") int maxRangeDays) {
}
