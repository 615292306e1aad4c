package io.vocalhost.voicebridge.webhook;

import io.vocalhost.voicebridge.call.CallAnswering;
import io.vocalhost.voicebridge.call.Calls;
import io.vocalhost.voicebridge.twilio.TwilioSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Twilio's signed voice webhooks. */
@RestController
class VoiceWebhookController {

	private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);

	private final TwilioSignatures signatures;

	private final CallAnswering answering;

	private final Calls calls;

	VoiceWebhookController(TwilioSignatures signatures, CallAnswering answering, Calls calls) {
		this.signatures = signatures;
		this.answering = answering;
		this.calls = calls;
	}

	/** A call came in: TwiML that streams it to the assistant, or the polite fallback. */
	@PostMapping(path = "/voice/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_XML_VALUE)
	Mono<String> voice(ServerWebExchange exchange) {
		return this.signatures.signedForm(exchange)
			.flatMap((form) -> Mono.fromCallable(() -> this.answering.answer(form))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorResume((ex) -> {
					log.error("Call {} got the fallback after a failure", form.get("CallSid"), ex);
					return Mono.just(this.answering.failed());
				}));
	}

	/** Twilio's final status of a call and its duration. */
	@PostMapping(path = "/voice/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Mono<Void> status(ServerWebExchange exchange) {
		return this.signatures.signedForm(exchange).flatMap((form) -> Mono.fromRunnable(() -> {
			String callSid = form.get("CallSid");
			if (callSid != null) {
				this.calls.statusReported(callSid, form.get("CallStatus"), seconds(form.get("CallDuration")));
			}
		}).subscribeOn(Schedulers.boundedElastic())).then();
	}

	private static Integer seconds(String value) {
		try {
			return (value != null) ? Integer.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
