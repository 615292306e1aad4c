package io.vocalhost.callsim;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

/**
 * One simulated phone call, as a person runs it with {@code ./vocalhost call}: Twilio's
 * signed webhook, then either the fallback TwiML printed, or the Media Stream with the
 * caller's audio at real pace and the assistant's audio written to a WAV file, printing
 * what happens on the stream as it happens.
 */
public final class CallSimulator {

	private static final Duration FRAME = Duration.ofMillis(20);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Options options;

	private final PrintStream out;

	private final long startNanos = System.nanoTime();

	public CallSimulator(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * What to call and how.
	 *
	 * @param target where the webhook is posted and the stream opened (the gateway)
	 * @param publicUrl the bridge's {@code VOCALHOST_PUBLIC_URL}, which signatures cover
	 * @param audio a 16-bit PCM WAV file the caller says, or {@code null} for silence
	 * @param reply where the assistant's audio is written (8 kHz 16-bit PCM WAV)
	 * @param duration how long the caller stays on the line once the stream is open
	 * @param speakAt without {@code audio}: the seconds of the call at which the caller
	 * says something (a burst of {@link SpeechSound} of {@link #SPOKEN_MILLISECONDS})
	 * @param ownerToken the assistant owner's access token, to print the stored
	 * transcript after the call, or {@code null}
	 */
	public record Options(URI target, String publicUrl, String authToken, String from, String to, Path audio,
			Path reply, Duration duration, List<Integer> speakAt, String ownerToken) {

		public Options(URI target, String publicUrl, String authToken, String from, String to, Path audio, Path reply,
				Duration duration) {
			this(target, publicUrl, authToken, from, to, audio, reply, duration, List.of(), null);
		}

		String callerSays() {
			if (this.audio != null) {
				return this.audio.toString();
			}
			return this.speakAt.isEmpty() ? "silence" : "speech at " + this.speakAt + " s, silence between";
		}

	}

	/** How long the caller speaks at each second of {@code --say-at}. */
	static final int SPOKEN_MILLISECONDS = 1500;

	/** Places the call; answers the process exit code (0: the call went through). */
	public int run() throws IOException, InterruptedException {
		String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
		CallerAudio caller = (this.options.audio() != null)
				? CallerAudio.of(MuLaw.encode(Wav.readPhoneAudio(this.options.audio())))
				: CallerAudio.speakingAt(this.options.speakAt(), SPOKEN_MILLISECONDS);
		CallWebhook webhook = new CallWebhook(this.options.target(), this.options.publicUrl(),
				this.options.authToken());
		print("Calling %s from %s: POST %s (call %s)", this.options.to(), this.options.from(),
				this.options.target().resolve("/voice/voice"), callSid);
		Twiml twiml;
		try {
			twiml = webhook.answer(CallWebhook.incomingCall(callSid, this.options.from(), this.options.to()));
		}
		catch (ConnectException ex) {
			print("Nothing answers at %s: is the stack up (./vocalhost up)?", this.options.target());
			return 1;
		}
		catch (IOException ex) {
			print("No answer: %s", ex.getMessage());
			return 1;
		}
		if (!twiml.connectsStream()) {
			print("The bridge answered without a stream (the fallback):");
			twiml.verbs().forEach((verb) -> print("  %s", verb));
			return 0;
		}
		URI stream = webhook.streamOnTarget(twiml.streamUrl());
		print("TwiML: <Connect><Stream url=\"%s\"> with parameters %s, then %s", twiml.streamUrl(),
				twiml.parameters().keySet(), twiml.verbs());
		return stream(stream, callSid, twiml, caller);
	}

	private int stream(URI uri, String callSid, Twiml twiml, CallerAudio caller) throws InterruptedException {
		Printer printer = new Printer();
		MediaStream stream = MediaStream.open(HttpClient.create(), uri, callSid, twiml.parameters(), printer);
		try {
			stream.connected().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			print("The stream did not open: %s", (ex.getCause() != null) ? ex.getCause() : ex);
			return 1;
		}
		print("Stream open: %s; sending %s at 20 ms per frame for %d s", uri, this.options.callerSays(),
				this.options.duration().toSeconds());
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		pacer.scheduleAtFixedRate(() -> stream.tick(caller), 0, FRAME.toNanos(), TimeUnit.NANOSECONDS);
		Thread hangUpOnCtrlC = new Thread(stream::hangUp);
		Runtime.getRuntime().addShutdownHook(hangUpOnCtrlC);
		try {
			stream.ended().get(this.options.duration().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			print("Hanging up: stop");
			stream.hangUp();
		}
		catch (Exception ex) {
			print("The stream failed: %s", ex);
		}
		pacer.shutdownNow();
		awaitClose(stream);
		Runtime.getRuntime().removeShutdownHook(hangUpOnCtrlC);
		short[] heard = stream.heard();
		try {
			Wav.writePhoneAudio(this.options.reply(), heard);
		}
		catch (IOException ex) {
			print("Could not write %s: %s", this.options.reply(), ex.getMessage());
			return 1;
		}
		print("Wrote %s: %.2f s of the assistant's audio as it was played (%d frames received, %d marks, %d clears)",
				this.options.reply(), heard.length / (double) Wav.PHONE_RATE, printer.audioFrames, printer.marks,
				printer.clears);
		printTranscript(conversationId(twiml));
		return 0;
	}

	/**
	 * The bridge sends no transcripts over the stream; it stores them with the call when
	 * it ends. With the owner's access token they are fetched and printed.
	 */
	private void printTranscript(String callId) throws InterruptedException {
		if (this.options.ownerToken() == null) {
			print("Transcript: GET /api/calls/%s as the assistant's owner (or set VOCALHOST_TOKEN to the "
					+ "owner's access token, the vh_access cookie, to have it printed here)", callId);
			return;
		}
		HttpRequest request = HttpRequest.newBuilder(this.options.target().resolve("/api/calls/" + callId))
			.header("Authorization", "Bearer " + this.options.ownerToken())
			.timeout(Duration.ofSeconds(10))
			.build();
		try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
			for (int attempt = 0; attempt < 10; attempt++) {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					print("Transcript: GET /api/calls/%s answered %d %s", callId, response.statusCode(),
							response.body());
					return;
				}
				JsonNode call = json.readTree(response.body());
				if (call.path("ended_at").isString()) {
					print("Transcript (%s, %d s):", call.path("end_reason").asString(""),
							call.path("duration_seconds").asLong());
					call.path("messages")
						.forEach((message) -> print("  %-10s %s", message.path("role").asString("") + ":",
								message.path("text").asString("")));
					call.path("tool_calls")
						.forEach((tool) -> print("Tool %s %s -> %s", tool.path("name").asString(""),
								tool.path("arguments"), tool.path("output")));
					if (call.path("summary").isString()) {
						print("Summary: %s", call.path("summary").asString());
					}
					return;
				}
				Thread.sleep(500);
			}
			print("Transcript: the call was not stored as ended within 5 s");
		}
		catch (IOException ex) {
			print("Transcript: GET /api/calls/%s failed: %s", callId, ex.getMessage());
		}
	}

	private static void awaitClose(MediaStream stream) throws InterruptedException {
		try {
			stream.ended().get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// Closed or not, what was played is written.
		}
	}

	private static String conversationId(Twiml twiml) {
		String path = twiml.streamUrl().getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private void print(String format, Object... arguments) {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		this.out
			.println(String.format(Locale.ROOT, "[%7.3f] ", seconds) + String.format(Locale.ROOT, format, arguments));
	}

	/**
	 * Prints the stream's events: a line per burst of the assistant's audio, not per
	 * frame.
	 */
	private final class Printer implements MediaStream.Listener {

		private static final long PAUSE_NANOS = Duration.ofMillis(500).toNanos();

		private long lastAudioNanos = Long.MIN_VALUE;

		private int audioFrames;

		private int marks;

		private int clears;

		@Override
		public void assistantAudio(String payload, long receivedNanos) {
			if (this.lastAudioNanos == Long.MIN_VALUE || receivedNanos - this.lastAudioNanos > PAUSE_NANOS) {
				print("The assistant speaks (media from the bridge)");
			}
			this.lastAudioNanos = receivedNanos;
			this.audioFrames++;
		}

		@Override
		public void cleared(int unplayedMs) {
			this.clears++;
			print("clear: barge-in, %d ms of unplayed audio dropped", unplayedMs);
		}

		@Override
		public void frame(String event, JsonNode frame) {
			switch (event) {
				case "media", "clear" -> {
				}
				case "mark" -> this.marks++;
				default -> print("Unexpected frame from the bridge: %s", frame);
			}
		}

		@Override
		public void closed(Throwable error) {
			print("Stream closed%s", (error != null) ? ": " + error : "");
		}

	}

}
