package io.vocalhost.callsim.bench;

import java.net.URI;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the benchmark: a relay in the harness's own process that does the bridge's
 * per-frame work at its simplest (parse each frame, pass the payload on, a mark after
 * each chunk to Twilio) and nothing else: no token, no database, no session configuration
 * beyond the one {@code session.update}.
 */
final class EchoRelay implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DisposableServer server;

	EchoRelay(URI realtime) {
		HttpClient upstreamClient = HttpClient.create();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendWebsocket((twilioIn, twilioOut) -> {
				Sinks.Many<String> toTwilio = Sinks.many().unicast().onBackpressureBuffer();
				Sinks.Many<String> toRealtime = Sinks.many().unicast().onBackpressureBuffer();
				toRealtime.tryEmitNext("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
				Relay relay = new Relay(toTwilio, toRealtime);
				Mono<Void> upstream = upstreamClient.websocket()
					.uri(realtime)
					.handle((in, out) -> Mono.firstWithSignal(
							in.receive().asString().doOnNext(relay::fromRealtime).then(),
							out.sendString(toRealtime.asFlux()).then()))
					.then();
				return Mono.firstWithSignal(twilioIn.receive().asString().doOnNext(relay::fromTwilio).then(),
						twilioOut.sendString(toTwilio.asFlux()).then(), upstream);
			}))
			.bindNow();
	}

	int port() {
		return this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static final class Relay {

		private final Sinks.Many<String> toTwilio;

		private final Sinks.Many<String> toRealtime;

		private String streamSid = "";

		private int marks;

		Relay(Sinks.Many<String> toTwilio, Sinks.Many<String> toRealtime) {
			this.toTwilio = toTwilio;
			this.toRealtime = toRealtime;
		}

		synchronized void fromTwilio(String text) {
			JsonNode frame = json.readTree(text);
			switch (frame.path("event").asString("")) {
				case "start" -> this.streamSid = frame.path("streamSid").asString("");
				case "media" -> this.toRealtime.tryEmitNext("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
						+ frame.path("media").path("payload").asString() + "\"}");
				case "stop" -> this.toRealtime.tryEmitComplete();
				default -> {
				}
			}
		}

		synchronized void fromRealtime(String text) {
			JsonNode frame = json.readTree(text);
			if (frame.path("type").asString("").equals("response.output_audio.delta")) {
				this.toTwilio.tryEmitNext("{\"event\":\"media\",\"streamSid\":\"" + this.streamSid
						+ "\",\"media\":{\"payload\":\"" + frame.path("delta").asString() + "\"}}");
				this.toTwilio.tryEmitNext("{\"event\":\"mark\",\"streamSid\":\"" + this.streamSid
						+ "\",\"mark\":{\"name\":\"m" + (++this.marks) + "\"}}");
			}
		}

	}

}
