package io.vocalhost.callsim;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twilio's side of one bidirectional Media Stream, as Twilio behaves: sends
 * {@code connected} and {@code start} (with the TwiML's parameters), one {@code media}
 * frame per {@link #tick}, and {@code stop}; plays the audio it receives in real time (20
 * ms per tick) and echoes each {@code mark} once the audio sent before it has been
 * played; on {@code clear} drops the unplayed audio and echoes the marks still pending.
 * What was played is kept as the caller heard it.
 */
public final class MediaStream {

	/** 20 ms of 8 kHz μ-law. */
	public static final int FRAME_BYTES = 160;

	/** How much of the call one frame is. */
	public static final int FRAME_MILLISECONDS = 20;

	private static final JsonMapper json = JsonMapper.builder().build();

	/** What a stream's user hears of it; called on the socket's thread. */
	public interface Listener {

		default void assistantAudio(String payload, long receivedNanos) {
		}

		default void cleared(int unplayedMs) {
		}

		default void frame(String event, JsonNode frame) {
		}

		default void closed(Throwable error) {
		}

	}

	private final String streamSid;

	private final String callSid;

	private final Listener listener;

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final CompletableFuture<Void> connected = new CompletableFuture<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	/**
	 * Unplayed audio chunks ({@code byte[]}) and the marks after them ({@code String}).
	 */
	private final Deque<Object> playback = new ArrayDeque<>();

	private final ByteArrayOutputStream heard = new ByteArrayOutputStream();

	private int headOffset;

	private int sequence;

	private int sentFrames;

	private boolean stopped;

	private MediaStream(String streamSid, String callSid, Listener listener) {
		this.streamSid = streamSid;
		this.callSid = callSid;
		this.listener = listener;
	}

	/**
	 * Opens the stream's WebSocket and sends {@code connected} and {@code start}; media
	 * follows with each {@link #tick}.
	 */
	public static MediaStream open(HttpClient client, URI uri, String callSid, Map<String, String> parameters,
			Listener listener) {
		MediaStream stream = new MediaStream("MZ" + callSid.substring(Math.min(2, callSid.length())), callSid,
				listener);
		stream.outgoing.tryEmitNext("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
		ObjectNode start = stream.twilio("start");
		ObjectNode details = start.putObject("start")
			.put("accountSid", CallWebhook.ACCOUNT_SID)
			.put("streamSid", stream.streamSid)
			.put("callSid", callSid);
		details.putArray("tracks").add("inbound");
		ObjectNode custom = details.putObject("customParameters");
		parameters.forEach(custom::put);
		details.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
		stream.emit(start);
		client.websocket().uri(uri).handle((in, out) -> {
			stream.connected.complete(null);
			return Mono.firstWithSignal(in.receive().asString().doOnNext(stream::received).then(),
					out.sendString(stream.outgoing.asFlux()).then());
		}).then().subscribe(null, stream::ended, () -> stream.ended(null));
		return stream;
	}

	/** Completes when the WebSocket is open (exceptionally if it could not be). */
	public CompletableFuture<Void> connected() {
		return this.connected;
	}

	/** Completes when the WebSocket has closed, from either side. */
	public CompletableFuture<Void> ended() {
		return this.ended;
	}

	public boolean isOpen() {
		return !this.ended.isDone();
	}

	/**
	 * 20 ms of the call: the caller's next frame is sent and 20 ms of the reply played.
	 */
	public synchronized void tick(CallerAudio caller) {
		if (this.stopped) {
			return;
		}
		int index = this.sentFrames++;
		String payload = Base64.getEncoder().encodeToString(caller.frame(index));
		this.outgoing.tryEmitNext("{\"event\":\"media\",\"sequenceNumber\":\"" + (++this.sequence)
				+ "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + (index + 1) + "\",\"timestamp\":\""
				+ (index * 20) + "\",\"payload\":\"" + payload + "\"},\"streamSid\":\"" + this.streamSid + "\"}");
		play(FRAME_BYTES);
	}

	/** The caller hangs up: {@code stop}, then the socket closes. */
	public synchronized void hangUp() {
		if (this.stopped) {
			return;
		}
		ObjectNode stop = twilio("stop");
		stop.putObject("stop").put("accountSid", CallWebhook.ACCOUNT_SID).put("callSid", this.callSid);
		emit(stop);
		this.stopped = true;
		this.outgoing.tryEmitComplete();
	}

	/** The assistant's audio as far as it was played, as 8 kHz PCM. */
	public synchronized short[] heard() {
		return MuLaw.decode(this.heard.toByteArray());
	}

	public synchronized int framesSent() {
		return this.sentFrames;
	}

	private void received(String text) {
		JsonNode frame;
		try {
			frame = json.readTree(text);
		}
		catch (RuntimeException ex) {
			this.listener.frame("malformed", null);
			return;
		}
		String event = frame.path("event").asString("");
		synchronized (this) {
			switch (event) {
				case "media" -> {
					String payload = frame.path("media").path("payload").asString("");
					this.playback.addLast(Base64.getDecoder().decode(payload));
					this.listener.assistantAudio(payload, System.nanoTime());
				}
				case "mark" -> {
					String name = frame.path("mark").path("name").asString("");
					if (this.playback.stream().anyMatch(byte[].class::isInstance)) {
						this.playback.addLast(name);
					}
					else {
						echoMark(name);
					}
				}
				case "clear" -> clear();
				default -> {
				}
			}
		}
		this.listener.frame(event, frame);
	}

	private void play(int bytes) {
		int remaining = bytes;
		while (!this.playback.isEmpty()) {
			Object head = this.playback.peekFirst();
			if (head instanceof String mark) {
				this.playback.removeFirst();
				echoMark(mark);
			}
			else if (remaining > 0) {
				byte[] chunk = (byte[]) head;
				int played = Math.min(remaining, chunk.length - this.headOffset);
				this.heard.write(chunk, this.headOffset, played);
				remaining -= played;
				this.headOffset += played;
				if (this.headOffset == chunk.length) {
					this.playback.removeFirst();
					this.headOffset = 0;
				}
			}
			else {
				return;
			}
		}
	}

	private void clear() {
		int unplayed = -this.headOffset;
		for (Object entry : this.playback) {
			if (entry instanceof byte[] chunk) {
				unplayed += chunk.length;
			}
		}
		this.playback.removeIf(byte[].class::isInstance);
		this.headOffset = 0;
		while (!this.playback.isEmpty()) {
			echoMark((String) this.playback.removeFirst());
		}
		this.listener.cleared(unplayed / 8);
	}

	private void echoMark(String name) {
		ObjectNode mark = twilio("mark");
		mark.putObject("mark").put("name", name);
		emit(mark);
	}

	private ObjectNode twilio(String event) {
		return json.createObjectNode().put("event", event).put("sequenceNumber", String.valueOf(++this.sequence));
	}

	private synchronized void emit(ObjectNode frame) {
		if (!this.stopped) {
			frame.put("streamSid", this.streamSid);
			this.outgoing.tryEmitNext(json.writeValueAsString(frame));
		}
	}

	private void ended(Throwable error) {
		this.connected.completeExceptionally(
				(error != null) ? error : new IllegalStateException("The stream closed before it opened"));
		synchronized (this) {
			this.stopped = true;
		}
		this.listener.closed(error);
		this.ended.complete(null);
	}

}
