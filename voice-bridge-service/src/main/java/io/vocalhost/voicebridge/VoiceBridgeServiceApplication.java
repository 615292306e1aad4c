package io.vocalhost.voicebridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Twilio voice and SMS webhooks, the Media Streams to OpenAI Realtime bridge, calls and
 * transcripts.
 */
@SpringBootApplication
public class VoiceBridgeServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(VoiceBridgeServiceApplication.class, args);
	}

}
