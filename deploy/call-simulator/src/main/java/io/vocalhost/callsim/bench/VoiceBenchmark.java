package io.vocalhost.callsim.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vocalhost.callsim.CallWebhook;
import io.vocalhost.callsim.MediaStream;
import io.vocalhost.callsim.Twiml;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * N concurrent simulated calls at real 20 ms pacing with both ends in this process on one
 * clock: the Twilio side is the simulator's {@link MediaStream}, the OpenAI side
 * {@link EchoRealtime}. {@code bridge} runs the calls through a separately started bridge
 * (signed webhooks, TwiML, tokens) and reads its CPU time, RSS and threads from /proc;
 * {@code floor} runs them through {@link EchoRelay} in this process instead. Prints one
 * Markdown table row. Run by deploy/local/benchmark-voice.sh.
 */
public final class VoiceBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long FRAME_NANOS = 20_000_000L;

	private static final long RAMP_NANOS = 1_000_000_000L;

	/**
	 * How long a call stays on after its last frame, for the echoes still on their way.
	 */
	private static final int DRAIN_SECONDS = 3;

	private static final String NUMBER = "+15005550777";

	private VoiceBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		String mode = args[0];
		int calls = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		Map<String, String> env = System.getenv();
		int frames = seconds * 50;
		Measurements run = new Measurements(calls, frames + 50);
		try (EchoRealtime realtime = new EchoRealtime(Integer.parseInt(env.getOrDefault("BENCH_REALTIME_PORT", "0")))) {
			if (mode.equals("bridge")) {
				URI bridge = URI.create(env.get("BENCH_BRIDGE_URL"));
				CallWebhook webhook = new CallWebhook(bridge, env.get("BENCH_PUBLIC_URL"),
						env.get("TWILIO_AUTH_TOKEN"));
				publishAssistant(env.get("KAFKA_BOOTSTRAP_SERVERS"));
				awaitAnswering(webhook);
				realtime.measureInto(run);
				measure(mode, calls, frames, run, Long.parseLong(env.get("BENCH_BRIDGE_PID")),
						(call) -> dial(webhook, call));
			}
			else {
				try (EchoRelay relay = new EchoRelay(
						URI.create("ws://127.0.0.1:" + realtime.port() + "/v1/realtime"))) {
					realtime.measureInto(run);
					measure(mode, calls, frames, run, ProcessHandle.current().pid(),
							(call) -> new Stream(URI.create("ws://127.0.0.1:" + relay.port() + "/ws/call/" + call),
									Map.of("token", "floor")));
				}
			}
		}
		System.exit(0);
	}

	private record Stream(URI uri, Map<String, String> parameters) {
	}

	private interface Dialer {

		Stream dial(int call) throws Exception;

	}

	private static Stream dial(CallWebhook webhook, int call) throws Exception {
		Twiml twiml = webhook
			.answer(CallWebhook.incomingCall("CAbench" + UUID.randomUUID(), "+1555000" + call, NUMBER));
		if (!twiml.connectsStream()) {
			throw new IllegalStateException("Call " + call + " got the fallback: " + twiml.verbs());
		}
		return new Stream(webhook.streamOnTarget(twiml.streamUrl()), twiml.parameters());
	}

	private static void measure(String mode, int calls, int frames, Measurements run, long pid, Dialer dialer)
			throws Exception {
		HttpClient client = HttpClient.create();
		ScheduledExecutorService pacers = Executors.newScheduledThreadPool(2);
		List<CompletableFuture<Void>> done = new ArrayList<>();
		long start = System.nanoTime();
		long harnessStart = cpuNanos(ProcessHandle.current().pid());
		for (int call = 0; call < calls; call++) {
			int index = call;
			CompletableFuture<Void> finished = new CompletableFuture<>();
			done.add(finished);
			long phase = RAMP_NANOS * call / calls;
			pacers.schedule(
					() -> Thread.ofVirtual().start(() -> runCall(index, frames, run, dialer, client, pacers, finished)),
					phase, TimeUnit.NANOSECONDS);
		}
		// All calls stream from RAMP + 1 s on; the first ends at about RAMP + seconds.
		long windowStart = start + RAMP_NANOS + 1_000_000_000L;
		long windowEnd = start + frames * FRAME_NANOS - 500_000_000L;
		sleepUntil(windowStart);
		long cpuStart = cpuNanos(pid);
		long[] peak = { 0, 0 };
		while (System.nanoTime() < windowEnd - 1_000_000_000L) {
			sleepUntil(System.nanoTime() + 1_000_000_000L);
			long[] status = status(pid);
			peak[0] = Math.max(peak[0], status[0]);
			peak[1] = Math.max(peak[1], status[1]);
		}
		sleepUntil(windowEnd);
		long cpu = cpuNanos(pid) - cpuStart;
		double window = (windowEnd - windowStart) / 1e9;
		CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		double harnessCpu = (cpuNanos(ProcessHandle.current().pid()) - harnessStart) / 1e9;
		double harnessWall = (System.nanoTime() - start) / 1e9;
		pacers.shutdownNow();
		report(mode, calls, run, cpu, window, peak, harnessCpu / harnessWall);
	}

	private static void runCall(int call, int frames, Measurements run, Dialer dialer, HttpClient client,
			ScheduledExecutorService pacers, CompletableFuture<Void> finished) {
		try {
			Stream target = dialer.dial(call);
			MediaStream stream = MediaStream.open(client, target.uri(), "CAbench" + call, target.parameters(),
					new MediaStream.Listener() {
						@Override
						public void assistantAudio(String payload, long receivedNanos) {
							FrameTag tag = FrameTag.read(payload);
							if (run.inRange(tag)) {
								run.down[tag.call()][tag.sequence()] = receivedNanos - tag.sentNanos();
							}
						}

						@Override
						public void closed(Throwable error) {
							if (error != null) {
								System.err.println("Call " + call + ": stream failed: " + error);
							}
						}
					});
			stream.connected().get(30, TimeUnit.SECONDS);
			ScheduledFuture<?>[] pacer = new ScheduledFuture<?>[1];
			pacer[0] = pacers.scheduleAtFixedRate(() -> {
				if (stream.framesSent() >= frames) {
					pacer[0].cancel(false);
					pacers.schedule(() -> {
						stream.hangUp();
						finished.complete(null);
					}, DRAIN_SECONDS, TimeUnit.SECONDS);
					return;
				}
				stream.tick((sequence) -> {
					long now = System.nanoTime();
					run.sent[call][sequence] = now;
					return FrameTag.frame(call, sequence, now);
				});
			}, 0, FRAME_NANOS, TimeUnit.NANOSECONDS);
		}
		catch (Exception ex) {
			System.err.println("Call " + call + " failed: " + ex);
			finished.complete(null);
		}
	}

	private static void report(String mode, int calls, Measurements run, long cpuNanos, double window, long[] peak,
			double harnessCores) {
		long[] up = Measurements.percentilesMicros(run.up);
		long[] down = Measurements.percentilesMicros(run.down);
		long sent = 0;
		long lostAtStart = 0;
		long lostUpAfter = 0;
		long echoed = 0;
		long lostDown = 0;
		for (int call = 0; call < calls; call++) {
			for (int frame = 0; frame < run.sent[call].length; frame++) {
				if (run.sent[call][frame] == Measurements.MISSING) {
					continue;
				}
				sent++;
				if (run.up[call][frame] == Measurements.MISSING) {
					if (run.sent[call][frame] < run.sessionReady[call]) {
						lostAtStart++;
					}
					else {
						lostUpAfter++;
					}
				}
				if (run.echoed[call][frame] != Measurements.MISSING) {
					echoed++;
					if (run.down[call][frame] == Measurements.MISSING) {
						lostDown++;
					}
				}
			}
		}
		double framePeriods = calls * window * 50;
		System.out.printf(Locale.ROOT,
				"| %s | %d | %.2f / %.2f (max %.1f) | %.2f / %.2f (max %.1f) | %d of %d | %d up, %d of %d down | %.1f | %d | %d | %.2f |%n",
				mode, calls, up[0] / 1000.0, up[1] / 1000.0, up[2] / 1000.0, down[0] / 1000.0, down[1] / 1000.0,
				down[2] / 1000.0, lostAtStart, sent, lostUpAfter, lostDown, echoed, cpuNanos / 1000.0 / framePeriods,
				peak[0] / 1024, peak[1], harnessCores);
	}

	/**
	 * The assistant the calls reach, as assistant-service announces it on
	 * assistant-events.
	 */
	private static void publishAssistant(String bootstrap) throws Exception {
		ObjectNode assistant = json.createObjectNode()
			.put("assistantId", 777_000_001L)
			.put("ownerId", 777L)
			.put("receptionistName", "Ava")
			.put("businessName", "Bench Bistro")
			.put("description", "Benchmark")
			.put("timeZone", "Europe/Berlin")
			.put("slotMinutes", 30)
			.put("voice", "female")
			.put("greeting", "Hello")
			.putNull("businessPhone")
			.put("twilioNumber", NUMBER)
			.put("status", "active");
		assistant.putArray("hours").addObject().put("day", "MONDAY").put("start", "09:00:00").put("end", "17:00:00");
		ObjectNode event = json.createObjectNode()
			.put("eventId", UUID.randomUUID().toString())
			.put("occurredAt", Instant.now().toString());
		event.set("assistant", assistant);
		Properties config = new Properties();
		config.put("bootstrap.servers", bootstrap);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("assistant-events", "777000001",
					json.writeValueAsString(event));
			record.headers().add("__TypeId__", "assistant-created".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
	}

	private static void awaitAnswering(CallWebhook webhook) throws Exception {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			try {
				dial(webhook, 0);
				return;
			}
			catch (IllegalStateException ex) {
				Thread.sleep(500);
			}
		}
		throw new IllegalStateException("The bridge did not learn the benchmark's assistant within 60 s");
	}

	/** utime + stime of a process, in nanoseconds (clock ticks of 10 ms). */
	private static long cpuNanos(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
	}

	/** VmRSS in kB and the thread count of a process. */
	private static long[] status(long pid) throws IOException {
		long rss = 0;
		long threads = 0;
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				rss = Long.parseLong(line.replaceAll("\\D", ""));
			}
			else if (line.startsWith("Threads:")) {
				threads = Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return new long[] { rss, threads };
	}

	private static void sleepUntil(long nanos) throws InterruptedException {
		long left = nanos - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

}
