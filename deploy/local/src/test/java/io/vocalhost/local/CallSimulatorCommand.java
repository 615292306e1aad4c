package io.vocalhost.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The call simulator's commands ({@code ./vocalhost call}, {@code ./vocalhost
 * realtime-stand-in}) run as a user runs them: the module's executable jar in its own
 * JVM, its output in a file.
 */
final class CallSimulatorCommand implements AutoCloseable {

	private static final String CALL = "io.vocalhost.callsim.CallSimulatorMain";

	private static final String REALTIME_STAND_IN = "io.vocalhost.callsim.realtime.RealtimeStandInMain";

	private final Process process;

	private final Path output;

	private CallSimulatorCommand(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/** The Realtime stand-in on a port, playing a script; returns once it listens. */
	static CallSimulatorCommand realtimeStandIn(Path root, int port, Path script, Path output) throws IOException {
		CallSimulatorCommand standIn = start(root, REALTIME_STAND_IN,
				List.of("--port", Integer.toString(port), "--script", script.toString()), Map.of(), output);
		await().atMost(Duration.ofSeconds(60)).until(() -> standIn.output().contains("OpenAI Realtime stand-in at"));
		return standIn;
	}

	/** A simulated call to a number, to its end; answers what the simulator printed. */
	static String call(Path root, List<String> arguments, Map<String, String> environment, Path output)
			throws IOException, InterruptedException {
		try (CallSimulatorCommand call = start(root, CALL, arguments, environment, output)) {
			assertThat(call.process.waitFor(2, TimeUnit.MINUTES)).as("the call ends").isTrue();
			String printed = call.output();
			assertThat(call.process.exitValue()).as(printed).isZero();
			return printed;
		}
	}

	private static CallSimulatorCommand start(Path root, String main, List<String> arguments,
			Map<String, String> environment, Path output) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Dloader.main=" + main,
				"-cp", root.resolve("deploy/call-simulator/target/call-simulator-exec.jar").toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		return new CallSimulatorCommand(builder.start(), output);
	}

	String output() throws IOException {
		return Files.readString(this.output);
	}

	@Override
	public void close() {
		this.process.destroy();
	}

}
