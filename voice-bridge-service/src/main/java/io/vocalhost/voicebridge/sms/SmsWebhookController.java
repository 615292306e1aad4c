package io.vocalhost.voicebridge.sms;

import io.vocalhost.common.web.RequestValues;
import io.vocalhost.voicebridge.twilio.TwilioSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Twilio's signed messaging webhooks. */
@RestController
class SmsWebhookController {

	private static final Logger log = LoggerFactory.getLogger(SmsWebhookController.class);

	/**
	 * Answers go out through the Messages API, so Twilio is told to send nothing itself.
	 */
	static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

	private final TwilioSignatures signatures;

	private final IncomingTexts incoming;

	private final TextMessages messages;

	SmsWebhookController(TwilioSignatures signatures, IncomingTexts incoming, TextMessages messages) {
		this.signatures = signatures;
		this.incoming = incoming;
		this.messages = messages;
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

	/** Twilio's status callback of a message the bridge sent. */
	@PostMapping(path = "/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<Void> status(ServerWebExchange exchange) {
		return this.signatures.signedForm(exchange).flatMap((form) -> Mono.fromRunnable(() -> {
			String sid = form.get("MessageSid");
			String status = form.get("MessageStatus");
			if (sid == null || sid.isBlank()) {
				throw RequestValues.invalid("MessageSid", "is required");
			}
			if (status == null || !DeliveryStatus.known(status)) {
				throw RequestValues.invalid("MessageStatus", "must be one of Twilio's message statuses");
			}
			String errorCode = form.get("ErrorCode");
			if (errorCode != null && !errorCode.matches("\\d{1,9}")) {
				throw RequestValues.invalid("ErrorCode", "must be Twilio's numeric error code");
			}
			if (!this.messages.statusReported(sid, status, (errorCode != null) ? Integer.valueOf(errorCode) : null)) {
				log.info("Status {} of message {}: not a message the bridge sent, or older than its status", status,
						sid);
			}
		}).subscribeOn(Schedulers.boundedElastic())).then();
	}

}
