package io.vocalhost.voicebridge.sms;

import io.vocalhost.voicebridge.twilio.TwilioSignatures;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Twilio's signed messaging webhooks. */
@RestController
class SmsWebhookController {

	/**
	 * Answers go out through the Messages API, so Twilio is told to send nothing itself.
	 */
	static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final TwilioSignatures signatures;

	private final IncomingTexts incoming;

	SmsWebhookController(TwilioSignatures signatures, IncomingTexts incoming) {
		this.signatures = signatures;
		this.incoming = incoming;
	}

	/** A customer texted an assistant's number. */
	@PostMapping(path = "/sms/incoming", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_XML_VALUE)
	Mono<String> incoming(ServerWebExchange exchange) {
		return this.signatures.signedForm(exchange)
			.flatMap((form) -> Mono.fromRunnable(() -> this.incoming.received(form))
				.subscribeOn(Schedulers.boundedElastic()))
			.thenReturn(EMPTY_TWIML);
	}

}
