package io.vocalhost.voicebridge.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.call.CallRecord;
import io.vocalhost.voicebridge.call.CallSlots;
import io.vocalhost.voicebridge.call.Calls;
import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.voicebridge.call.StreamTokens;
import io.vocalhost.voicebridge.relay.CallContext;
import io.vocalhost.voicebridge.relay.CallRelay;
import io.vocalhost.voicebridge.relay.RealtimeSession;
import io.vocalhost.voicebridge.relay.ToolRunner;
import io.vocalhost.voicebridge.tools.CallTools;
import io.vocalhost.voicebridge.system.VoiceMetrics;
import io.vocalhost.voicebridge.system.VoiceProperties;
import io.vocalhost.voicebridge.twilio.CallTwiml;
import io.vocalhost.voicebridge.twilio.TwilioCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/**
 * {@code /ws/call/{conversationId}}: Twilio's media stream for one call, bridged to one
 * Realtime API socket that is opened only once the call's stream token checks out and is
 * closed whenever the call ends.
 * <p>
 * The Realtime socket failing to open or dropping is retried once per call, the relay
 * restoring the conversation on the new one; after that the live call is redirected
 * through Twilio's REST API to the apology and the business phone ({@code TRANSFERRED})
 * or a hang-up ({@code AI_UNAVAILABLE}). A call the bridge ends on purpose (timers,
 * drain, {@code end_call}) is hung up through the REST API too, before its socket closes;
 * {@code transfer_to_human} dials the business phone the same way.
 */
@Component
public class CallStreamHandler implements WebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(CallStreamHandler.class);

	private final StreamTokens tokens;

	private final Calls calls;

	private final Assistants assistants;

	private final RealtimeSession session;

	private final WebSocketClient realtimeClient;

	private final VoiceProperties properties;

	private final Clock clock;

	private final CallSlots slots;

	private final LiveCalls liveCalls;

	private final TwilioCalls twilioCalls;

	private final CallTwiml twiml;

	private final VoiceMetrics metrics;

	private final CallTools callTools;

	CallStreamHandler(StreamTokens tokens, Calls calls, Assistants assistants, RealtimeSession session,
			WebSocketClient realtimeClient, VoiceProperties properties, Clock clock, CallSlots slots,
			LiveCalls liveCalls, TwilioCalls twilioCalls, CallTwiml twiml, VoiceMetrics metrics, CallTools callTools) {
		this.tokens = tokens;
		this.calls = calls;
		this.assistants = assistants;
		this.session = session;
		this.realtimeClient = realtimeClient;
		this.properties = properties;
		this.clock = clock;
		this.slots = slots;
		this.liveCalls = liveCalls;
		this.twilioCalls = twilioCalls;
		this.twiml = twiml;
		this.metrics = metrics;
		this.callTools = callTools;
	}

	@Override
	public Mono<Void> handle(WebSocketSession twilio) {
		Optional<UUID> callId = callId(twilio.getHandshakeInfo().getUri().getPath());
		if (callId.isEmpty()) {
			return twilio.close();
		}
		return new Bridge(callId.get(), twilio).run();
	}

	private static Optional<UUID> callId(String path) {
		try {
			return Optional.of(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** One call: the Twilio socket, the relay and, once allowed, the upstream socket. */
	private final class Bridge implements CallRelay.Sink, LiveCalls.LiveCall {

		private final UUID callId;

		private final WebSocketSession twilio;

		private final Sinks.Many<String> toTwilio = Sinks.many().unicast().onBackpressureBuffer();

		/** The current upstream socket's outgoing frames: a new one for a reconnect. */
		private final AtomicReference<Sinks.Many<String>> toRealtime = new AtomicReference<>(
				Sinks.many().unicast().onBackpressureBuffer());

		private final Sinks.Empty<Void> ended = Sinks.empty();

		private final AtomicReference<CallEndReason> reason = new AtomicReference<>();

		private final AtomicBoolean accepted = new AtomicBoolean();

		private final AtomicBoolean over = new AtomicBoolean();

		/** This stream consumed the call's token, so the call's slot is its to free. */
		private final AtomicBoolean slotHeld = new AtomicBoolean();

		private final Disposable.Swap upstream = Disposables.swap();

		private final AtomicBoolean reconnected = new AtomicBoolean();

		private final CallRelay relay;

		private volatile String callSid;

		private volatile String businessPhone;

		/** The call's tools, once the stream's token let the call in. */
		private volatile ToolRunner tools = ToolRunner.NONE;

		/** When Twilio's {@code start} arrived, for the call set-up time. */
		private volatile long startedAt;

		Bridge(UUID callId, WebSocketSession twilio) {
			this.callId = callId;
			this.twilio = twilio;
			this.relay = new CallRelay(callId.toString(), CallStreamHandler.this.session, CallStreamHandler.this.clock,
					CallStreamHandler.this.properties.maxPendingFrames(),
					CallStreamHandler.this.properties.callLimits(),
					(name, arguments) -> this.tools.run(name, arguments), this);
		}

		Mono<Void> run() {
			Mono<Void> input = this.twilio.receive().doOnNext(this::fromTwilio).then();
			Mono<Void> output = this.twilio.send(this.toTwilio.asFlux().map(this.twilio::textMessage));
			Mono<Void> end = this.ended.asMono();
			return Mono.firstWithSignal(input, output, end).onErrorResume((ex) -> {
				log.warn("Call {}: media stream failed: {}", this.callId, ex.toString());
				return Mono.empty();
			}).then(Mono.defer(this::finish));
		}

		private void fromTwilio(WebSocketMessage message) {
			if (message.getType() != WebSocketMessage.Type.TEXT) {
				log.warn("Call {}: ignored a {} frame from Twilio", this.callId, message.getType());
				return;
			}
			long received = System.nanoTime();
			this.relay.fromTwilio(message.getPayloadAsText());
			CallStreamHandler.this.metrics.frameFromTwilio(System.nanoTime() - received);
		}

		@Override
		public void toTwilio(String frame) {
			CallStreamHandler.this.metrics.frameToTwilio();
			this.toTwilio.tryEmitNext(frame);
		}

		@Override
		public void toRealtime(String frame) {
			this.toRealtime.get().tryEmitNext(frame);
		}

		@Override
		public void started(String callSid, String streamSid, String token) {
			this.startedAt = System.nanoTime();
			Mono.fromCallable(() -> context(token))
				.subscribeOn(Schedulers.boundedElastic())
				.subscribe((context) -> context.ifPresentOrElse(this::connect, this::refuse),
						(ex) -> end(CallEndReason.ERROR, ex));
		}

		@Override
		public void stopped() {
			end(CallEndReason.CALLER_HUNG_UP, null);
		}

		@Override
		public void hangUp(CallEndReason reason) {
			redirectAndEnd(reason, (reason == CallEndReason.TRANSFERRED)
					? CallStreamHandler.this.twiml.dial(this.businessPhone) : CallStreamHandler.this.twiml.hangUp());
		}

		@Override
		public void tick() {
			this.relay.tick();
		}

		@Override
		public void drain() {
			this.relay.endPolitely(CallEndReason.DRAINED);
		}

		/**
		 * The call's end reason is settled first, so that Twilio's {@code stop} after the
		 * redirect does not count as the caller hanging up; the socket closes once Twilio
		 * took the TwiML (or failed to, leaving the stream's fallback verbs to run).
		 */
		private void redirectAndEnd(CallEndReason reason, String twiml) {
			this.reason.compareAndSet(null, reason);
			CallStreamHandler.this.twilioCalls.redirect(this.callSid, twiml)
				.subscribe(null, null, this.ended::tryEmitEmpty);
		}

		private Optional<CallContext> context(String token) {
			if (!CallStreamHandler.this.tokens.consume(this.callId, token)) {
				return Optional.empty();
			}
			CallStreamHandler.this.slots.streaming(this.callId);
			this.slotHeld.set(true);
			// The call may have ended meanwhile, its finish seeing no slot to free.
			if (this.over.get()) {
				CallStreamHandler.this.slots.release(this.callId);
			}
			Optional<CallRecord> answered = CallStreamHandler.this.calls.answered(this.callId);
			answered.ifPresent((call) -> this.callSid = call.callSid());
			Optional<AssistantReplica> assistant = answered.map(CallRecord::assistantId)
				.flatMap(CallStreamHandler.this.assistants::find);
			assistant.ifPresent((found) -> this.tools = CallStreamHandler.this.callTools.forCall(this.callId,
					answered.get().caller(), found));
			Optional<CallContext> context = assistant.map(this::contextOf);
			if (answered.isPresent() && context.isEmpty()) {
				// The assistant was deleted since the webhook: its call-started gets its
				// end.
				CallStreamHandler.this.calls.ended(this.callId, CallEndReason.REJECTED_NOT_ALLOWED);
			}
			return context;
		}

		private CallContext contextOf(AssistantReplica assistant) {
			this.businessPhone = assistant.businessPhone();
			return new CallContext(assistant.receptionistName(), assistant.businessName(), assistant.description(),
					assistant.zone(), assistant.hours(),
					CallStreamHandler.this.properties.realtimeVoice(assistant.voice()), assistant.greeting());
		}

		private void refuse() {
			log.warn("Call {}: stream refused, its token is missing, expired, reused or another call's", this.callId);
			this.ended.tryEmitEmpty();
		}

		private void connect(CallContext context) {
			if (this.over.get()) {
				return;
			}
			this.accepted.set(true);
			CallStreamHandler.this.liveCalls.add(this);
			CallStreamHandler.this.metrics.callStarted();
			openUpstream(context);
		}

		private void openUpstream(CallContext context) {
			HttpHeaders headers = new HttpHeaders();
			headers.setBearerAuth(CallStreamHandler.this.properties.openaiApiKey());
			Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
			Disposable connection = CallStreamHandler.this.realtimeClient
				.execute(CallStreamHandler.this.properties.realtimeEndpoint(), headers, (realtime) -> {
					this.toRealtime.set(frames);
					if (!this.reconnected.get()) {
						CallStreamHandler.this.metrics
							.upstreamOpened(Duration.ofNanos(System.nanoTime() - this.startedAt));
					}
					this.relay.upstreamOpened(context);
					Mono<Void> in = realtime.receive()
						.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
						.doOnNext((message) -> this.relay.fromRealtime(message.getPayloadAsText()))
						.then();
					Mono<Void> out = realtime.send(frames.asFlux().map(realtime::textMessage));
					return Mono.firstWithSignal(in, out);
				})
				.subscribe(null, (ex) -> upstreamLost(context, ex), () -> upstreamLost(context, null));
			if (!this.upstream.update(connection) || this.over.get()) {
				connection.dispose();
			}
		}

		/** The upstream socket failed to open or closed while the call goes on. */
		private void upstreamLost(CallContext context, Throwable failure) {
			if (this.over.get()) {
				return;
			}
			this.relay.upstreamLost();
			CallStreamHandler.this.metrics.upstreamError();
			if (this.reconnected.compareAndSet(false, true)) {
				CallStreamHandler.this.metrics.upstreamReconnected();
				log.warn("Call {}: Realtime socket lost ({}), reconnecting once", this.callId,
						(failure != null) ? failure.toString() : "closed");
				openUpstream(context);
				return;
			}
			boolean transfer = this.businessPhone != null && !this.businessPhone.isBlank();
			log.warn("Call {}: Realtime socket lost again ({}), the caller gets the apology and {}", this.callId,
					(failure != null) ? failure.toString() : "closed", transfer ? "the business phone" : "a hang-up");
			redirectAndEnd(transfer ? CallEndReason.TRANSFERRED : CallEndReason.AI_UNAVAILABLE,
					CallStreamHandler.this.twiml.fallback(this.businessPhone));
		}

		private void end(CallEndReason reason, Throwable failure) {
			if (failure != null) {
				log.warn("Call {}: ends with {}: {}", this.callId, reason, failure.toString());
			}
			this.reason.compareAndSet(null, reason);
			this.ended.tryEmitEmpty();
		}

		/**
		 * Runs once the Twilio side is over, whichever way: the upstream never outlives
		 * it.
		 */
		private Mono<Void> finish() {
			this.over.set(true);
			this.upstream.dispose();
			Mono<Void> freeSlot = !this.slotHeld.get() ? Mono.empty()
					: Mono.<Void>fromRunnable(() -> CallStreamHandler.this.slots.release(this.callId))
						.subscribeOn(Schedulers.boundedElastic());
			Mono<Void> recordEnd = Mono.empty();
			if (this.accepted.get()) {
				this.reason.compareAndSet(null, CallEndReason.CALLER_HUNG_UP);
				CallStreamHandler.this.metrics.callEnded(this.reason.get().name());
				recordEnd = Mono
					.<Void>fromRunnable(() -> CallStreamHandler.this.calls.ended(this.callId, this.reason.get(),
							this.relay.conversation().turns(), this.relay.toolCalls()))
					.subscribeOn(Schedulers.boundedElastic());
			}
			// The call stays live for the drain until its end is stored, so a
			// shutting-down
			// instance does not close its database under that write.
			return recordEnd.then(freeSlot).onErrorResume((ex) -> {
				log.error("Call {}: could not store its end: {}", this.callId, ex.toString());
				return Mono.empty();
			}).then(this.twilio.close()).doFinally((signal) -> CallStreamHandler.this.liveCalls.remove(this));
		}

	}

}
