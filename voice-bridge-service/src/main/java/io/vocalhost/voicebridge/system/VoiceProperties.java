package io.vocalhost.voicebridge.system;

import java.net.URI;
import java.time.Duration;

import io.vocalhost.voicebridge.relay.CallLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The voice bridge's settings ({@code vocalhost.voice.*}).
 *
 * @param twilioAuthToken signs Twilio's webhooks
 * @param openaiApiKey empty: voice AI is not configured and every call gets the fallback
 * @param streamTokenTtl how long a call's stream token is valid after the webhook
 * @param maleVoice the Realtime voice for voice type {@code male}
 * @param femaleVoice the Realtime voice for voice type {@code female} (and any other)
 * @param turnDetection the Realtime {@code turn_detection.type}
 * @param maxPendingFrames caller frames held while the upstream session is not ready
 * @param idleTimeout silence after which the assistant asks whether the caller is still
 * there, and after another such silence says goodbye
 * @param maxCallDuration a call this long is ended politely
 * @param goodbyeTimeout how long a polite end waits for the goodbye to be played
 * @param toolTimeout how long a tool of the assistant may take before the model is told
 * it could not be checked
 * @param drainTimeout how long live calls run on after SIGTERM before they are ended
 * politely
 * @param twilioAccountSid with the auth token, lets the bridge end and redirect live
 * calls through Twilio's REST API
 * @param twilioApiBase empty for Twilio itself; another base URL for its REST API
 */
@ConfigurationProperties("vocalhost.voice")
public record VoiceProperties(String twilioAuthToken, @DefaultValue("") String openaiApiKey, URI realtimeUrl,
		String realtimeModel, Duration streamTokenTtl, String maleVoice, String femaleVoice, String turnDetection,
		String transcriptionModel, int maxPendingFrames, Duration idleTimeout, Duration maxCallDuration,
		Duration goodbyeTimeout, @DefaultValue("5s") Duration toolTimeout, Duration drainTimeout,
		@DefaultValue("") String twilioAccountSid, @DefaultValue("") String twilioApiBase) {

	public boolean aiConfigured() {
		return !this.openaiApiKey.isBlank();
	}

	public CallLimits callLimits() {
		return new CallLimits(this.idleTimeout, this.maxCallDuration, this.goodbyeTimeout, this.toolTimeout);
	}

	public String realtimeVoice(String voiceType) {
		return "male".equalsIgnoreCase(voiceType) ? this.maleVoice : this.femaleVoice;
	}

	/** The upstream URL with the model, as the Realtime API expects it. */
	public URI realtimeEndpoint() {
		String separator = (this.realtimeUrl.getRawQuery() == null) ? "?" : "&";
		return URI.create(this.realtimeUrl + separator + "model=" + this.realtimeModel);
	}

}
