package io.vocalhost.callsim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./vocalhost call <number> [--audio question.wav] [--out reply.wav] [--seconds N]
 * [--from +1…] [--say-at 2,8]}. Settings from the environment: {@code VOCALHOST_URL}
 * (where the stack is reached, default {@code http://localhost:5001}),
 * {@code VOCALHOST_PUBLIC_URL} (what the bridge believes it is reached at, default
 * {@code VOCALHOST_URL}) and {@code TWILIO_AUTH_TOKEN} (default the local stack's
 * {@code local-twilio-auth-token}).
 */
public final class CallSimulatorMain {

	static final String USAGE = "usage: ./vocalhost call <number> [--audio question.wav] [--out reply.wav] "
			+ "[--seconds N] [--from +15550100199] [--say-at 2,8]";

	/**
	 * The local stack's token when TWILIO_AUTH_TOKEN is not set (docs/local-stack.md).
	 */
	static final String LOCAL_TWILIO_AUTH_TOKEN = "local-twilio-auth-token";

	private CallSimulatorMain() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		CallSimulator.Options options;
		try {
			options = options(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		System.exit(new CallSimulator(options, System.out).run());
	}

	static CallSimulator.Options options(String[] args, Map<String, String> env) {
		String to = null;
		Path audio = null;
		Path reply = Path.of("reply.wav");
		Duration duration = null;
		String from = "+15550100199";
		List<Integer> speakAt = List.of();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--audio" -> audio = Path.of(value(args, ++i, arg));
				case "--out" -> reply = Path.of(value(args, ++i, arg));
				case "--seconds" -> duration = Duration.ofSeconds(seconds(value(args, ++i, arg), arg));
				case "--from" -> from = value(args, ++i, arg);
				case "--say-at" -> speakAt = secondsList(value(args, ++i, arg));
				default -> {
					if (arg.startsWith("-") || to != null) {
						throw new IllegalArgumentException("Unexpected argument: " + arg);
					}
					to = arg;
				}
			}
		}
		if (audio != null && !speakAt.isEmpty()) {
			throw new IllegalArgumentException("Give either --audio or --say-at, not both");
		}
		if (to == null) {
			throw new IllegalArgumentException("Which number? Give the assistant's Twilio number.");
		}
		String target = env.getOrDefault("VOCALHOST_URL", "http://localhost:5001");
		return new CallSimulator.Options(URI.create(target), env.getOrDefault("VOCALHOST_PUBLIC_URL", target),
				blankToDefault(env.get("TWILIO_AUTH_TOKEN"), LOCAL_TWILIO_AUTH_TOKEN), from, to, audio, reply,
				(duration != null) ? duration : Duration.ofSeconds((audio != null || !speakAt.isEmpty()) ? 30 : 15),
				speakAt, blankToDefault(env.get("VOCALHOST_TOKEN"), null));
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static List<Integer> secondsList(String value) {
		List<Integer> seconds = new ArrayList<>();
		for (String second : value.split(",")) {
			seconds.add((int) seconds(second.trim(), "--say-at"));
		}
		return List.copyOf(seconds);
	}

	private static long seconds(String value, String option) {
		try {
			long seconds = Long.parseLong(value);
			if (seconds > 0) {
				return seconds;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the option's meaning.
		}
		throw new IllegalArgumentException(option + " needs whole numbers of seconds > 0, not " + value);
	}

	private static String blankToDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
