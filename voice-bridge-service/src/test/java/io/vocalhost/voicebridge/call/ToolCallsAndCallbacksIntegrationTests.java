package io.vocalhost.voicebridge.call;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.voicebridge.relay.Conversation.Role;
import io.vocalhost.voicebridge.relay.Conversation.Turn;
import io.vocalhost.voicebridge.relay.ToolCall;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the assistant's tools leave behind, as the owner sees it: the tool calls and the
 * summary of a call, and the messages callers left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ToolCallsAndCallbacksIntegrationTests {

	private static final long OWNER = 8101;

	private static final long STRANGER = 8102;

	@LocalServerPort
	private int port;

	@Autowired
	private Calls calls;

	@Autowired
	private Callbacks callbacks;

	@Test
	void aCallShowsItsToolCallsInOrderAndASummaryOfWhatHappened() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		UUID callId = this.calls.offered("CA" + UUID.randomUUID(), assistantId, OWNER, "+15550101", "+15550102");
		Instant at = Instant.parse("2026-12-03T10:00:00Z");
		List<ToolCall> tools = List.of(
				new ToolCall("check_availability", "{\"date\":\"tomorrow\"}",
						"{\"ok\":true,\"free_times\":[\"10:00\"]}", at, Duration.ofMillis(40), null),
				new ToolCall("book_appointment", "{\"date\":\"tomorrow\",\"time\":\"10:00\",\"customer_name\":\"Jon\"}",
						"{\"ok\":true,\"booking_id\":12}", at.plusSeconds(5), Duration.ofMillis(90),
						"Booked Friday 4 December at 10:00 for Jon."));
		this.calls
			.ended(callId, CallEndReason.ASSISTANT_ENDED,
					List.of(new Turn(Role.ASSISTANT, "Hello, Bella's.", at.minusSeconds(5)),
							new Turn(Role.CALLER, "Do you have anything tomorrow morning?", at.minusSeconds(2))),
					tools);

		JsonNode call = TestHttp.body(TestHttp.at(this.port).asUser(OWNER).get("/api/calls/" + callId));
		assertThat(call.path("tool_calls")).hasSize(2);
		JsonNode booking = call.path("tool_calls").get(1);
		assertThat(booking.path("seq").asInt()).isEqualTo(2);
		assertThat(booking.path("name").asString()).isEqualTo("book_appointment");
		assertThat(booking.at("/arguments/customer_name").asString()).isEqualTo("Jon");
		assertThat(booking.at("/output/booking_id").asLong()).isEqualTo(12);
		assertThat(booking.path("took_ms").asLong()).isEqualTo(90);
		String summary = "+15550101 asked: \"Do you have anything tomorrow morning?\". "
				+ "Booked Friday 4 December at 10:00 for Jon.";
		assertThat(call.path("summary").asString()).isEqualTo(summary);
		JsonNode list = TestHttp
			.body(TestHttp.at(this.port).asUser(OWNER).get("/api/calls?assistant_id=" + assistantId));
		assertThat(list.at("/calls/0/summary").asString()).isEqualTo(summary);
	}

	@Test
	void aCallWhereNothingWasSaidOrDoneHasNoSummaryRatherThanAnEmptyOne() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		UUID callId = this.calls.offered("CA" + UUID.randomUUID(), assistantId, OWNER, "+15550101", "+15550102");
		this.calls.ended(callId, CallEndReason.CALLER_HUNG_UP, List.of(), List.of());
		JsonNode call = TestHttp.body(TestHttp.at(this.port).asUser(OWNER).get("/api/calls/" + callId));
		assertThat(call.path("summary").isNull()).isTrue();
		assertThat(call.path("tool_calls")).isEmpty();
	}

	@Test
	void callbacksAreListedNewestFirstForTheirOwnerOnlyAndCanBeMarkedHandled() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		UUID callId = this.calls.offered("CA" + UUID.randomUUID(), assistantId, OWNER, "+15550101", "+15550102");
		long first = this.callbacks.left(assistantId, OWNER, callId, "Jon", "+15550101", "Call me about my crown");
		long second = this.callbacks.left(assistantId, OWNER, callId, "Mia", "+15550199", "Is parking free?");
		TestHttp owner = TestHttp.at(this.port).asUser(OWNER);

		JsonNode list = TestHttp.body(owner.get("/api/callbacks?assistant_id=" + assistantId));
		assertThat(list.path("callbacks").valueStream().map((callback) -> callback.path("id").asLong()))
			.containsExactly(second, first);
		assertThat(list.at("/callbacks/1/message").asString()).isEqualTo("Call me about my crown");
		assertThat(list.at("/callbacks/1/callback_number").asString()).isEqualTo("+15550101");
		assertThat(list.at("/callbacks/1/call_id").asString()).isEqualTo(callId.toString());
		assertThat(list.at("/callbacks/1/handled").asBoolean()).isFalse();

		TestHttp stranger = TestHttp.at(this.port).asUser(STRANGER);
		TestHttp.assertError(stranger.get("/api/callbacks?assistant_id=" + assistantId), 404, "Not found");
		TestHttp.assertError(stranger.json("PATCH", "/api/callbacks/" + first, "{\"handled\":true}"), 404, "Not found");

		HttpResponse<String> handled = owner.json("PATCH", "/api/callbacks/" + first, "{\"handled\":true}");
		assertThat(handled.statusCode()).isEqualTo(200);
		assertThat(TestHttp.body(handled).path("handled").asBoolean()).isTrue();
		assertThat(TestHttp.body(handled).path("handled_at").isString()).isTrue();
		assertThat(TestHttp.body(owner.get("/api/callbacks?assistant_id=" + assistantId))
			.at("/callbacks/1/handled")
			.asBoolean()).isTrue();

		TestHttp.assertError(owner.json("PATCH", "/api/callbacks/" + first, "{}"), 400, "Invalid request");
		TestHttp.assertError(owner.get("/api/callbacks"), 400, "Invalid request");
		TestHttp.assertError(owner.json("PATCH", "/api/callbacks/999999999999", "{\"handled\":true}"), 404,
				"Not found");
		assertThat(TestHttp.at(this.port).get("/api/callbacks?assistant_id=" + assistantId).statusCode())
			.isEqualTo(401);
	}

}
