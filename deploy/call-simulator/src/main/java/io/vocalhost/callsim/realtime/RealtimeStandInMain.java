package io.vocalhost.callsim.realtime;

import java.io.IOException;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./vocalhost realtime-stand-in [--port 5099] [--host 127.0.0.1] [--script turns.json]}:
 * runs the {@link RealtimeStandIn} until Ctrl-C and prints how to point the stack at it.
 */
public final class RealtimeStandInMain {

	static final String USAGE = "usage: ./vocalhost realtime-stand-in [--port 5099] [--host 127.0.0.1] "
			+ "[--script turns.json]";

	private RealtimeStandInMain() {
	}

	public static void main(String[] args) throws IOException {
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		String host = "127.0.0.1";
		int port = 5099;
		StandInScript script = StandInScript.standard();
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--port" -> port = port(value(args, ++i));
					case "--host" -> host = value(args, ++i);
					case "--script" -> script = StandInScript.read(Path.of(value(args, ++i)));
					default -> throw new IllegalArgumentException("Unexpected argument: " + args[i]);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		RealtimeStandIn standIn = new RealtimeStandIn(host, port, script, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
		System.out.println("OpenAI Realtime stand-in at " + standIn.url() + " (" + script.turns().size()
				+ " scripted turns). Start the stack with:");
		System.out.println("  OPENAI_REALTIME_URL=" + standIn.url() + " OPENAI_API_KEY=stand-in ./vocalhost up");
		standIn.awaitShutdown();
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static int port(String value) {
		try {
			int port = Integer.parseInt(value);
			if (port > 0 && port < 65536) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the option's meaning.
		}
		throw new IllegalArgumentException("--port needs a port number (1-65535), not " + value);
	}

}
