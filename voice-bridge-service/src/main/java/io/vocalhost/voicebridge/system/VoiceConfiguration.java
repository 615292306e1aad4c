package io.vocalhost.voicebridge.system;

import io.vocalhost.common.config.PublicUrlProperties;
import io.vocalhost.voicebridge.relay.RealtimeSession;
import io.vocalhost.voicebridge.sms.SmsProperties;
import io.vocalhost.voicebridge.stream.CallStreamHandler;
import io.vocalhost.voicebridge.twilio.CallTwiml;
import io.vocalhost.voicebridge.twilio.TwilioCalls;
import io.vocalhost.voicebridge.twilio.TwilioMessages;
import io.vocalhost.voicebridge.twilio.TwilioSignatures;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/** Twilio, OpenAI Realtime and the media stream endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ VoiceProperties.class, CallCapProperties.class, SmsProperties.class })
class VoiceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(VoiceConfiguration.class);

	/**
	 * Realtime events (session.updated with its instructions, audio deltas) exceed 64
	 * KiB.
	 */
	private static final int MAX_UPSTREAM_FRAME = 4 * 1024 * 1024;

	/** An unreachable Realtime API is retried once, then the caller gets the apology. */
	private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 5000;

	VoiceConfiguration(VoiceProperties properties) {
		if (!properties.aiConfigured()) {
			log.warn("Voice AI is not configured (OPENAI_API_KEY is empty): every call gets the fallback TwiML");
		}
		if (properties.twilioAuthToken() == null || properties.twilioAuthToken().isEmpty()) {
			log.warn("TWILIO_AUTH_TOKEN is not set: every Twilio webhook is refused with 403");
		}
	}

	@Bean
	TwilioSignatures twilioSignatures(VoiceProperties properties, PublicUrlProperties publicUrl) {
		return new TwilioSignatures(properties.twilioAuthToken(), publicUrl.publicUrl().toString());
	}

	@Bean
	TwilioCalls twilioCalls(VoiceProperties properties) {
		TwilioCalls calls = TwilioCalls.create(properties.twilioAccountSid(), properties.twilioAuthToken(),
				properties.twilioApiBase());
		if (!calls.configured()) {
			log.warn("TWILIO_ACCOUNT_SID is not set: calls the bridge ends (idle, maximum duration, drain, "
					+ "Realtime API lost) close their media stream and Twilio plays the fallback instead");
		}
		return calls;
	}

	@Bean
	TwilioMessages twilioMessages(VoiceProperties properties, PublicUrlProperties publicUrl) {
		TwilioMessages messages = TwilioMessages.create(properties.twilioAccountSid(), properties.twilioAuthToken(),
				properties.twilioApiBase(), publicUrl.publicUrl().toString());
		if (!messages.configured()) {
			log.warn("TWILIO_ACCOUNT_SID is not set: text messages are stored as 'simulated' and none is sent");
		}
		return messages;
	}

	@Bean
	CallTwiml callTwiml(PublicUrlProperties publicUrl) {
		return new CallTwiml(publicUrl.publicUrl().toString());
	}

	@Bean
	RealtimeSession realtimeSession(VoiceProperties properties) {
		return new RealtimeSession(properties.turnDetection(), properties.transcriptionModel());
	}

	@Bean
	WebSocketClient realtimeClient() {
		return new ReactorNettyWebSocketClient(
				HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, UPSTREAM_CONNECT_TIMEOUT_MS),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_UPSTREAM_FRAME));
	}

	@Bean
	HandlerMapping callStreamMapping(CallStreamHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/call/*", handler), Ordered.HIGHEST_PRECEDENCE);
	}

}
