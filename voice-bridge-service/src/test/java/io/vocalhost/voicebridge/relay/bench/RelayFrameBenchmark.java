package io.vocalhost.voicebridge.relay.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.voicebridge.relay.CallContext;
import io.vocalhost.voicebridge.relay.CallLimits;
import io.vocalhost.voicebridge.relay.CallRelay;
import io.vocalhost.voicebridge.relay.MediaStreamFrames;
import io.vocalhost.voicebridge.relay.RealtimeSession;
import io.vocalhost.voicebridge.relay.ToolRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The relay's own work for one 20 ms frame of a call, without sockets: the caller's frame
 * up (Twilio {@code media} in, {@code input_audio_buffer.append} out) and the assistant's
 * frame down ({@code response.output_audio.delta} in, {@code media} and {@code mark} out,
 * Twilio's {@code mark} echo in). {@code floor} is the least any relay must do for the
 * same frames: find the payload by position and write it into the outgoing frames, with
 * no JSON parsing or validation at all. Run by {@code deploy/local/benchmark-relay.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xmx256m", "-XX:+UseSerialGC" })
public class RelayFrameBenchmark {

	private static final String STREAM = "MZ18ad3ab5a668481ce02b83e7395059f0";

	private final String callerFrame = MediaStreamFrames.media(STREAM, MediaStreamFrames.payload(1));

	private final String assistantFrame = MediaStreamFrames.delta("item_CT0nxr3Ndtn0Eyvi3vEHc",
			MediaStreamFrames.payload(2));

	private CallRelay relay;

	private Blackhole sent;

	private long marks;

	@Setup
	public void readyCall(Blackhole blackhole) {
		this.sent = blackhole;
		this.relay = new CallRelay("bench", new RealtimeSession("server_vad", "whisper-1"),
				Clock.system(ZoneId.of("UTC")), 250,
				new CallLimits(Duration.ofHours(1), Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofSeconds(5)),
				ToolRunner.NONE, new Discard());
		this.relay.fromTwilio(MediaStreamFrames.start(STREAM, "token"));
		this.relay.upstreamOpened(new CallContext("Ava", "Bella's Bistro", "Italian food", ZoneId.of("Europe/Paris"),
				List.of(), "marin", "Hello!"));
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
	}

	@Benchmark
	public void callerFrameUp() {
		this.relay.fromTwilio(this.callerFrame);
	}

	@Benchmark
	public void assistantFrameDownWithItsMark() {
		this.relay.fromRealtime(this.assistantFrame);
		this.relay.fromTwilio(MediaStreamFrames.mark(STREAM, "m" + (++this.marks)));
	}

	@Benchmark
	public void floorBothDirections() {
		this.sent.consume(
				"{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + field(this.callerFrame, "payload") + "\"}");
		String audio = field(this.assistantFrame, "delta");
		this.sent.consume(
				"{\"event\":\"media\",\"streamSid\":\"" + STREAM + "\",\"media\":{\"payload\":\"" + audio + "\"}}");
		this.sent.consume("{\"event\":\"mark\",\"streamSid\":\"" + STREAM + "\",\"mark\":{\"name\":\"m" + (++this.marks)
				+ "\"}}");
		this.sent.consume(field(MediaStreamFrames.mark(STREAM, "m" + this.marks), "name"));
	}

	private static String field(String frame, String name) {
		int start = frame.indexOf("\"" + name + "\":\"") + name.length() + 4;
		return frame.substring(start, frame.indexOf('"', start));
	}

	private final class Discard implements CallRelay.Sink {

		@Override
		public void toTwilio(String frame) {
			RelayFrameBenchmark.this.sent.consume(frame);
		}

		@Override
		public void toRealtime(String frame) {
			RelayFrameBenchmark.this.sent.consume(frame);
		}

		@Override
		public void started(String callSid, String streamSid, String token) {
		}

		@Override
		public void stopped() {
		}

		@Override
		public void hangUp(CallEndReason reason) {
		}

	}

}
