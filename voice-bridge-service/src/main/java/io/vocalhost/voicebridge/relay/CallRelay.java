package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vocalhost.common.events.call.CallEndReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call's relay between Twilio Media Streams and the OpenAI Realtime API, without any
 * socket: text frames from either side go in, text frames for either side come out
 * through {@link Sink}. Audio payloads are base64 μ-law and pass through as received.
 * <p>
 * Rules: {@code session.update} is the first thing the upstream gets; caller audio before
 * {@code session.updated} is held (at most {@code maxPendingFrames}, oldest dropped
 * first) and sent right after it, followed by {@code response.create} for the greeting.
 * Every audio chunk sent to Twilio is followed by a {@code mark}; Twilio echoes a mark
 * once it has played the audio before it. When the caller starts speaking while marks are
 * outstanding, Twilio gets {@code clear} and the upstream gets
 * {@code conversation.item.truncate} at the audio Twilio acknowledged, never past what
 * was generated for that item.
 * <p>
 * Timers ({@link #tick()}, on the injected clock): after {@link CallLimits#idleTimeout()}
 * of silence (the caller not speaking, no response being generated, nothing played since)
 * the assistant asks once whether the caller is still there; after another such silence,
 * or at {@link CallLimits#maxCallDuration()}, the call ends politely
 * ({@link #endPolitely}): the assistant says goodbye once no response is in progress, and
 * {@link Sink#hangUp} follows when that goodbye is done and Twilio acknowledged all audio
 * sent, or at {@link CallLimits#goodbyeTimeout()} at the latest.
 * <p>
 * When the upstream socket is lost ({@link #upstreamLost()}), caller audio is held again
 * until the next socket's {@code session.updated}; then the completed turns are restored
 * as conversation items before the held audio, and the assistant is asked to carry on.
 * <p>
 * Transcripts of both sides are kept in conversation order by {@link Conversation}.
 * <p>
 * Tools: a function call of the model ({@code response.function_call_arguments.done}, or
 * a {@code function_call} item in {@code response.done} not seen before) runs through the
 * {@link ToolRunner}, bounded by {@link CallLimits#toolTimeout()} (then the model is told
 * the tool could not answer in time); an identical call (name and arguments) while one is
 * running shares its result. Each result goes upstream as a {@code function_call_output}
 * with the call's {@code call_id}, and once no tool is running, {@code response.create}
 * asks for the reply, after the response in progress is done. A result that ends the call
 * ({@code end_call}, {@code transfer_to_human}) makes that reply the goodbye:
 * {@link Sink#hangUp} follows once it has been played. The caller pressing 0 tells the
 * model they want a person.
 * <p>
 * Thread-safe: the two sockets may deliver on different threads.
 */
public final class CallRelay {

	private static final Logger log = LoggerFactory.getLogger(CallRelay.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	/** μ-law at 8 kHz: one byte per sample, 8 bytes per millisecond. */
	private static final int BYTES_PER_MS = 8;

	/** Where the relay's output goes; implemented over the two sockets. */
	public interface Sink {

		void toTwilio(String frame);

		void toRealtime(String frame);

		/**
		 * Twilio's {@code start} arrived: check the token, then open the upstream and
		 * call {@link CallRelay#upstreamOpened()}, or end the call.
		 */
		void started(String callSid, String streamSid, String token);

		/** The call is over (Twilio's {@code stop}); both sockets should close. */
		void stopped();

		/**
		 * The bridge ends the call: the goodbye for {@code reason} has been played, or
		 * could not be; hang up through Twilio.
		 */
		void hangUp(CallEndReason reason);

	}

	private record SentMark(String name, String itemId, long endMs) {
	}

	private final String callId;

	private final RealtimeSession session;

	private final Clock clock;

	private final int maxPendingFrames;

	private final CallLimits limits;

	private final Sink sink;

	private final ToolRunner tools;

	/** Running tool calls by name and arguments, so that a repeated one shares. */
	private final Map<String, CompletableFuture<ToolRunner.Result>> running = new HashMap<>();

	/** The {@code call_id}s of function calls taken, each run once. */
	private final Set<String> functionCalls = new HashSet<>();

	/** Function names by {@code call_id}, from the items, for events that omit them. */
	private final Map<String, String> functionNames = new HashMap<>();

	private final List<ToolCall> toolCalls = new ArrayList<>();

	/** Tool results still awaited for the current upstream session. */
	private int toolsOutstanding;

	/** Counts upstream sessions: a result for an earlier one is not sent. */
	private int upstreamSession;

	/** The tools have answered while a response was in progress: reply after it. */
	private boolean replyWanted;

	private final Deque<String> pendingAudio = new ArrayDeque<>();

	private final Deque<SentMark> unacknowledged = new ArrayDeque<>();

	private final Map<String, Long> generatedBytes = new HashMap<>();

	private final Set<String> truncated = new HashSet<>();

	private String streamSid;

	/** The stream sid as a JSON string literal, for the frames written around audio. */
	private String quotedStreamSid;

	private boolean upstreamOpen;

	private boolean sessionReady;

	private boolean stopped;

	private long marks;

	private String acknowledgedItem;

	private long acknowledgedMs;

	private CallContext context;

	private final Conversation conversation;

	private boolean greeted;

	private final Instant startedAt;

	private Instant quietSince;

	private boolean callerSpeaking;

	private boolean responseActive;

	private boolean askedIfThere;

	private CallEndReason ending;

	private Instant hangUpBy;

	private boolean goodbyeSent;

	/** A tool ends the call: the reply to its result is the goodbye. */
	private boolean replyIsGoodbye;

	private boolean goodbyeDone;

	private boolean hungUp;

	public CallRelay(String callId, RealtimeSession session, Clock clock, int maxPendingFrames, CallLimits limits,
			ToolRunner tools, Sink sink) {
		this.callId = callId;
		this.session = session;
		this.clock = clock;
		this.maxPendingFrames = maxPendingFrames;
		this.limits = limits;
		this.tools = tools;
		this.sink = sink;
		this.startedAt = clock.instant();
		this.conversation = new Conversation(clock);
	}

	/** The call's turns so far, in conversation order. */
	public Conversation conversation() {
		return this.conversation;
	}

	/** The tools called so far, in the order their results arrived. */
	public synchronized List<ToolCall> toolCalls() {
		return List.copyOf(this.toolCalls);
	}

	/** A text frame from Twilio. */
	public synchronized void fromTwilio(String frame) {
		AudioFrames.Scanned scanned = scan(frame, "Twilio");
		if (scanned == null || this.stopped) {
			return;
		}
		String event = (scanned.kind() != null) ? scanned.kind() : "";
		switch (event) {
			case "media" -> media(scanned);
			case "mark" -> acknowledge((scanned.name() != null) ? scanned.name() : "");
			default -> {
				JsonNode message = parse(frame, "Twilio");
				if (message != null) {
					fromTwilio(event, message);
				}
			}
		}
	}

	private void fromTwilio(String event, JsonNode message) {
		switch (event) {
			case "connected" -> {
			}
			case "start" -> start(message);
			case "dtmf" -> keyPressed(message.path("dtmf").path("digit").asString(""));
			case "stop" -> {
				this.stopped = true;
				this.sink.stopped();
			}
			default -> log.warn("Call {}: ignored Twilio event '{}'", this.callId, event);
		}
	}

	/**
	 * The upstream socket is open: configure the session for this call's assistant before
	 * anything else.
	 */
	public synchronized void upstreamOpened(CallContext context) {
		this.context = context;
		this.upstreamOpen = true;
		this.sink.toRealtime(write(this.session.sessionUpdate(this.context, this.clock)));
	}

	/**
	 * The upstream socket is gone: caller audio is held until the next one is ready. A
	 * call that was ending hangs up now, its goodbye can no longer be said.
	 */
	public synchronized void upstreamLost() {
		this.upstreamOpen = false;
		this.sessionReady = false;
		this.responseActive = false;
		this.callerSpeaking = false;
		this.upstreamSession++;
		this.toolsOutstanding = 0;
		this.replyWanted = false;
		this.running.clear();
		this.conversation.newSession();
		if (this.ending != null) {
			hangUp();
		}
	}

	/** Looks at the call's timers; called periodically. */
	public synchronized void tick() {
		if (this.stopped || this.hungUp) {
			return;
		}
		Instant now = this.clock.instant();
		if (this.ending != null) {
			if (!now.isBefore(this.hangUpBy)) {
				log.info("Call {}: the goodbye was not played in time, hanging up", this.callId);
				hangUp();
			}
			return;
		}
		if (!now.isBefore(this.startedAt.plus(this.limits.maxCallDuration()))) {
			endPolitely(CallEndReason.MAX_DURATION);
			return;
		}
		if (!this.sessionReady || this.callerSpeaking || this.responseActive
				|| now.isBefore(this.quietSince.plus(this.limits.idleTimeout()))) {
			return;
		}
		if (this.askedIfThere) {
			endPolitely(CallEndReason.IDLE_TIMEOUT);
			return;
		}
		this.askedIfThere = true;
		this.quietSince = now;
		this.sink.toRealtime(write(this.session.stillThere()));
	}

	/**
	 * Ends the call the polite way: the assistant says goodbye, then {@link Sink#hangUp}
	 * once it has been played (bounded by the goodbye timeout). Only the first end
	 * counts.
	 */
	public synchronized void endPolitely(CallEndReason reason) {
		if (this.stopped || this.ending != null) {
			return;
		}
		this.ending = reason;
		this.hangUpBy = this.clock.instant().plus(this.limits.goodbyeTimeout());
		log.info("Call {}: ending politely ({})", this.callId, reason);
		if (!this.sessionReady) {
			hangUp();
		}
		else if (!this.responseActive) {
			sayGoodbye();
		}
	}

	/** A text frame from the Realtime API. */
	public synchronized void fromRealtime(String frame) {
		AudioFrames.Scanned scanned = scan(frame, "Realtime");
		if (scanned == null || this.stopped) {
			return;
		}
		if ("response.output_audio.delta".equals(scanned.kind())) {
			audioDelta(scanned);
			return;
		}
		JsonNode message = parse(frame, "Realtime");
		if (message == null) {
			return;
		}
		switch ((scanned.kind() != null) ? scanned.kind() : "") {
			case "session.updated" -> sessionUpdated();
			case "response.created" -> this.responseActive = true;
			case "response.function_call_arguments.done" -> functionCall(message.path("call_id").asString(""),
					message.path("name").asString(""), message.path("arguments").asString(""));
			case "response.output_item.added", "response.output_item.done" -> functionItem(message.path("item"));
			case "response.done" -> {
				for (JsonNode item : message.at("/response/output")) {
					if ("function_call".equals(item.path("type").asString(""))) {
						functionCall(item.path("call_id").asString(""), item.path("name").asString(""),
								item.path("arguments").asString(""));
					}
				}
				responseDone();
			}
			case "input_audio_buffer.speech_started" -> {
				this.callerSpeaking = true;
				this.askedIfThere = false;
				this.quietSince = this.clock.instant();
				bargeIn();
			}
			case "input_audio_buffer.speech_stopped" -> {
				this.callerSpeaking = false;
				this.quietSince = this.clock.instant();
			}
			case "input_audio_buffer.committed" -> this.conversation.placed(message.path("item_id").asString(""),
					previousItemId(message), Conversation.Role.CALLER);
			case "conversation.item.added", "conversation.item.done" -> placed(message);
			case "conversation.item.input_audio_transcription.completed" ->
				transcribed(message, Conversation.Role.CALLER);
			case "response.output_audio_transcript.delta" -> this.conversation
				.assistantSaid(message.path("item_id").asString(""), message.path("delta").asString(""));
			case "response.output_audio_transcript.done" -> transcribed(message, Conversation.Role.ASSISTANT);
			case "error" -> log.warn("Call {}: Realtime API error {}: {}", this.callId,
					message.path("error").path("code").asString(""),
					message.path("error").path("message").asString(""));
			default -> {
			}
		}
	}

	private void start(JsonNode message) {
		if (this.streamSid != null) {
			log.warn("Call {}: ignored a second start", this.callId);
			return;
		}
		JsonNode start = message.path("start");
		this.streamSid = message.path("streamSid").asString(start.path("streamSid").asString(""));
		this.quotedStreamSid = json.writeValueAsString(this.streamSid);
		JsonNode token = start.path("customParameters").path("token");
		this.sink.started(start.path("callSid").asString(""), this.streamSid,
				token.isString() ? token.asString() : null);
	}

	private void media(AudioFrames.Scanned media) {
		if (this.streamSid == null || !this.streamSid.equals(media.streamSid())) {
			log.warn("Call {}: ignored media for another stream", this.callId);
			return;
		}
		String payload = media.audio();
		if (payload == null) {
			return;
		}
		if (this.sessionReady) {
			this.sink.toRealtime(append(payload));
			return;
		}
		if (this.pendingAudio.size() == this.maxPendingFrames) {
			this.pendingAudio.removeFirst();
			log.warn("Call {}: upstream not ready, dropped the oldest held frame", this.callId);
		}
		this.pendingAudio.addLast(payload);
	}

	private void sessionUpdated() {
		if (this.sessionReady || !this.upstreamOpen) {
			return;
		}
		this.sessionReady = true;
		this.quietSince = this.clock.instant();
		if (this.greeted) {
			restoreConversation();
		}
		while (!this.pendingAudio.isEmpty()) {
			this.sink.toRealtime(append(this.pendingAudio.removeFirst()));
		}
		this.sink.toRealtime(write(this.greeted ? this.session.resume() : this.session.greeting(this.context)));
		this.greeted = true;
	}

	private void restoreConversation() {
		for (Conversation.Turn turn : this.conversation.completedTurns()) {
			this.sink.toRealtime(write(this.session.restoredTurn(turn)));
		}
	}

	private void responseDone() {
		this.responseActive = false;
		this.quietSince = this.clock.instant();
		if (this.replyWanted) {
			reply();
			return;
		}
		if (this.ending == null) {
			return;
		}
		if (this.goodbyeSent) {
			this.goodbyeDone = true;
			hangUpOncePlayed();
		}
		else if (!this.replyIsGoodbye) {
			sayGoodbye();
		}
	}

	private void keyPressed(String digit) {
		log.debug("Call {}: DTMF {}", this.callId, digit);
		if ("0".equals(digit) && this.sessionReady && this.ending == null) {
			this.sink.toRealtime(write(this.session.callerPressedZero()));
			replyWhenFree();
		}
	}

	private void functionItem(JsonNode item) {
		if ("function_call".equals(item.path("type").asString(""))) {
			this.functionNames.put(item.path("call_id").asString(""), item.path("name").asString(""));
		}
	}

	private void functionCall(String functionCallId, String name, String argumentsText) {
		if (functionCallId.isEmpty() || !this.functionCalls.add(functionCallId)) {
			return;
		}
		String function = name.isEmpty() ? this.functionNames.getOrDefault(functionCallId, "") : name;
		JsonNode arguments = argumentsOf(argumentsText);
		Instant at = this.clock.instant();
		long started = System.nanoTime();
		int upstream = this.upstreamSession;
		String key = function + '\n' + ((arguments != null) ? write(arguments) : argumentsText);
		CompletableFuture<ToolRunner.Result> result = this.running.computeIfAbsent(key,
				(ignored) -> run(function, arguments));
		this.toolsOutstanding++;
		result.whenComplete((answer, failure) -> toolAnswered(functionCallId, function, argumentsText, at, started,
				upstream, key, result, answer));
	}

	private CompletableFuture<ToolRunner.Result> run(String function, JsonNode arguments) {
		if (arguments == null) {
			return CompletableFuture.completedFuture(
					ToolRunner.Result.refused("The arguments were not a JSON object; call the tool again."));
		}
		CompletableFuture<ToolRunner.Result> result;
		try {
			result = this.tools.run(function, arguments).copy();
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		return result.exceptionally((ex) -> {
			log.warn("Call {}: tool {} failed: {}", this.callId, function, ex.toString());
			return ToolRunner.Result.refused("That could not be checked right now because of a technical problem.");
		})
			.completeOnTimeout(
					ToolRunner.Result.refused("That could not be checked right now; the system did not "
							+ "answer in time. Offer to take a message or to try again."),
					this.limits.toolTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized void toolAnswered(String functionCallId, String function, String arguments, Instant at,
			long started, int upstream, String key, CompletableFuture<ToolRunner.Result> result,
			ToolRunner.Result answer) {
		this.running.remove(key, result);
		if (upstream != this.upstreamSession) {
			return;
		}
		this.toolsOutstanding--;
		String output = write(answer.output());
		this.toolCalls.add(new ToolCall(function, arguments, output, at, Duration.ofNanos(System.nanoTime() - started),
				answer.summary()));
		if (this.stopped || this.hungUp) {
			return;
		}
		this.sink.toRealtime(write(this.session.functionOutput(functionCallId, output)));
		if (this.ending != null && !this.replyIsGoodbye) {
			// The call is ending for another reason, whose goodbye comes instead.
			return;
		}
		if (answer.then() != ToolRunner.AfterReply.CONTINUE && this.ending == null) {
			this.ending = (answer.then() == ToolRunner.AfterReply.TRANSFER) ? CallEndReason.TRANSFERRED
					: CallEndReason.ASSISTANT_ENDED;
			this.hangUpBy = this.clock.instant().plus(this.limits.goodbyeTimeout());
			this.replyIsGoodbye = true;
			log.info("Call {}: {} after the assistant's reply", this.callId, this.ending);
		}
		if (this.toolsOutstanding == 0) {
			replyWhenFree();
		}
	}

	/** {@code response.create} now, or after the response in progress. */
	private void replyWhenFree() {
		if (this.responseActive) {
			this.replyWanted = true;
		}
		else {
			reply();
		}
	}

	private void reply() {
		this.replyWanted = false;
		this.goodbyeSent |= this.replyIsGoodbye;
		this.sink.toRealtime(write(this.session.replyToTools()));
	}

	private JsonNode argumentsOf(String text) {
		try {
			JsonNode arguments = json.readTree(text.isBlank() ? "{}" : text);
			return (arguments != null && arguments.isObject()) ? arguments : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private void sayGoodbye() {
		this.goodbyeSent = true;
		this.sink.toRealtime(write(this.session.goodbye(this.ending)));
	}

	private void hangUpOncePlayed() {
		if (this.goodbyeDone && this.unacknowledged.isEmpty()) {
			hangUp();
		}
	}

	private void hangUp() {
		if (!this.hungUp) {
			this.hungUp = true;
			this.sink.hangUp(this.ending);
		}
	}

	private void audioDelta(AudioFrames.Scanned delta) {
		String itemId = (delta.itemId() != null) ? delta.itemId() : "";
		String audio = delta.audio();
		if (this.streamSid == null || audio == null) {
			return;
		}
		long bytes = decodedLength(audio);
		this.conversation.audioGenerated(itemId, bytes);
		if (this.truncated.contains(itemId)) {
			return;
		}
		long endMs = this.generatedBytes.merge(itemId, bytes, Long::sum) / BYTES_PER_MS;
		this.sink.toTwilio("{\"event\":\"media\",\"streamSid\":" + this.quotedStreamSid + ",\"media\":{\"payload\":"
				+ AudioFrames.quoted(json, audio) + "}}");
		SentMark mark = new SentMark("m" + (++this.marks), itemId, endMs);
		this.sink.toTwilio("{\"event\":\"mark\",\"streamSid\":" + this.quotedStreamSid + ",\"mark\":{\"name\":\""
				+ mark.name() + "\"}}");
		this.unacknowledged.addLast(mark);
	}

	private void acknowledge(String name) {
		if (!isUnacknowledged(name)) {
			return;
		}
		SentMark mark;
		do {
			mark = this.unacknowledged.removeFirst();
		}
		while (!mark.name().equals(name));
		this.acknowledgedItem = mark.itemId();
		this.acknowledgedMs = mark.endMs();
		this.quietSince = this.clock.instant();
		hangUpOncePlayed();
	}

	private boolean isUnacknowledged(String name) {
		for (SentMark mark : this.unacknowledged) {
			if (mark.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private void bargeIn() {
		if (this.unacknowledged.isEmpty()) {
			return;
		}
		String itemId = this.unacknowledged.peekFirst().itemId();
		long played = itemId.equals(this.acknowledgedItem) ? this.acknowledgedMs : 0;
		long audioEndMs = Math.min(played, this.generatedBytes.getOrDefault(itemId, 0L) / BYTES_PER_MS);
		this.unacknowledged.clear();
		this.truncated.add(itemId);
		this.conversation.interrupted(itemId, audioEndMs * BYTES_PER_MS);
		this.sink.toTwilio(write(twilio("clear")));
		ObjectNode truncate = json.createObjectNode()
			.put("type", "conversation.item.truncate")
			.put("item_id", itemId)
			.put("content_index", 0)
			.put("audio_end_ms", audioEndMs);
		this.sink.toRealtime(write(truncate));
		hangUpOncePlayed();
	}

	private void placed(JsonNode message) {
		JsonNode item = message.path("item");
		functionItem(item);
		this.conversation.placed(item.path("id").asString(""), previousItemId(message), speaker(item));
	}

	/**
	 * Who spoke a message item; {@code null} for other items, which only hold a place.
	 */
	private static Conversation.Role speaker(JsonNode item) {
		if (!"message".equals(item.path("type").asString(""))) {
			return null;
		}
		return switch (item.path("role").asString("")) {
			case "user" -> Conversation.Role.CALLER;
			case "assistant" -> Conversation.Role.ASSISTANT;
			default -> null;
		};
	}

	private void transcribed(JsonNode message, Conversation.Role role) {
		this.conversation.transcribed(message.path("item_id").asString(""), role,
				message.path("transcript").asString(""));
	}

	private static String previousItemId(JsonNode message) {
		JsonNode previous = message.path("previous_item_id");
		return previous.isString() ? previous.asString() : null;
	}

	private ObjectNode twilio(String event) {
		return json.createObjectNode().put("event", event).put("streamSid", this.streamSid);
	}

	private static String append(String payload) {
		return "{\"type\":\"input_audio_buffer.append\",\"audio\":" + AudioFrames.quoted(json, payload) + "}";
	}

	/** The decoded length of a base64 string, without decoding it. */
	static long decodedLength(String base64) {
		int length = base64.length();
		int padding = 0;
		while (padding < 2 && padding < length && base64.charAt(length - 1 - padding) == '=') {
			padding++;
		}
		return (length / 4L) * 3 - padding;
	}

	private AudioFrames.Scanned scan(String frame, String side) {
		AudioFrames.Scanned scanned = AudioFrames.scan(json, frame);
		if (scanned == null) {
			log.warn("Call {}: ignored a malformed {} frame", this.callId, side);
		}
		return scanned;
	}

	/** The tree of a frame {@link #scan} found to be a JSON object. */
	private JsonNode parse(String frame, String side) {
		JsonNode node;
		try {
			node = json.readTree(frame);
		}
		catch (JacksonException ex) {
			node = null;
		}
		if (node == null || !node.isObject()) {
			log.warn("Call {}: ignored a malformed {} frame", this.callId, side);
			return null;
		}
		return node;
	}

	private static String write(JsonNode node) {
		return json.writeValueAsString(node);
	}

}
