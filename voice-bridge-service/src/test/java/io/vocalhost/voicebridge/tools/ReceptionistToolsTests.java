package io.vocalhost.voicebridge.tools;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.relay.ToolRunner;
import io.vocalhost.voicebridge.relay.ToolRunner.AfterReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpoints a tool passes before any other service is asked, on a fixed clock: a
 * Thursday, 14:30 in Berlin, the business open 09:00-17:00 on weekdays. What needs
 * booking-service and rag-service is tested against the real services in the local
 * stack's end-to-end test.
 */
class ReceptionistToolsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final Clock THURSDAY_AFTERNOON = Clock.fixed(Instant.parse("2026-12-03T13:30:00Z"), BERLIN);

	private static final List<OpeningHours> WEEKDAYS = List
		.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
		.stream()
		.map((day) -> new OpeningHours(day, LocalTime.of(9, 0), LocalTime.of(17, 0)))
		.toList();

	private static final ToolsProperties NOT_CONFIGURED = new ToolsProperties(URI.create("http://localhost:1"),
			URI.create("http://localhost:1"), URI.create("http://localhost:1/oauth2/token"), "", Duration.ofSeconds(1),
			3);

	@Test
	void aBookingNamesTheCheckpointItFails() {
		ToolRunner tools = tools("+4917612345678", "+4930123456", THURSDAY_AFTERNOON);
		assertThat(refusal(tools, "book_appointment", "{\"date\":\"tomorrow\",\"time\":\"10\"}")).isEqualTo("name");
		assertThat(
				refusal(tools, "book_appointment", "{\"date\":\"someday\",\"time\":\"10\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("date");
		assertThat(refusal(tools, "book_appointment",
				"{\"date\":\"tomorrow\",\"time\":\"morning\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("time");
		assertThat(refusal(tools, "book_appointment", "{\"date\":\"today\",\"time\":\"10\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("past");
		assertThat(
				refusal(tools, "book_appointment", "{\"date\":\"saturday\",\"time\":\"10\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("hours");
		assertThat(refusal(tools, "book_appointment",
				"{\"date\":\"tomorrow\",\"time\":\"6 pm\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("hours");
		ToolRunner withheld = tools("anonymous", "+4930123456", THURSDAY_AFTERNOON);
		assertThat(refusal(withheld, "book_appointment",
				"{\"date\":\"tomorrow\",\"time\":\"10\",\"customer_name\":\"Jon\"}"))
			.isEqualTo("caller_phone");
		assertThat(refusal(withheld, "cancel_or_reschedule", "{\"action\":\"cancel\"}")).isEqualTo("caller_phone");
	}

	@Test
	void withoutTheServiceTokenTheBookingAndKnowledgeToolsSaySoAndOfferAMessage() {
		ToolRunner tools = tools("+4917612345678", "+4930123456", THURSDAY_AFTERNOON);
		for (String call : List.of("check_availability {\"date\":\"tomorrow\"}",
				"book_appointment {\"date\":\"tomorrow\",\"time\":\"10\",\"customer_name\":\"Jon\"}",
				"search_knowledge {\"question\":\"parking\"}")) {
			String[] parts = call.split(" ", 2);
			JsonNode output = run(tools, parts[0], parts[1]).output();
			assertThat(output.path("ok").asBoolean()).as(call).isFalse();
			assertThat(output.path("reason").asString()).as(call).contains("not available", "take a message");
		}
	}

	@Test
	void transferNeedsTheBusinessOpenAndAPhoneOtherwiseAMessageIsOffered() {
		ToolRunner.Result open = run(tools("+4917612345678", "+4930123456", THURSDAY_AFTERNOON), "transfer_to_human",
				"{}");
		assertThat(open.then()).isEqualTo(AfterReply.TRANSFER);
		assertThat(open.output().path("ok").asBoolean()).isTrue();

		Clock saturday = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), BERLIN);
		ToolRunner.Result closed = run(tools("+4917612345678", "+4930123456", saturday), "transfer_to_human", "{}");
		assertThat(closed.then()).isEqualTo(AfterReply.CONTINUE);
		assertThat(closed.output().path("checkpoint").asString()).isEqualTo("closed");
		assertThat(closed.output().path("reason").asString()).contains("take_message");

		ToolRunner.Result noPhone = run(tools("+4917612345678", "", THURSDAY_AFTERNOON), "transfer_to_human", "{}");
		assertThat(noPhone.then()).isEqualTo(AfterReply.CONTINUE);
		assertThat(noPhone.output().path("checkpoint").asString()).isEqualTo("no_phone");
	}

	@Test
	void aMessageNeedsANameTheMessageAndANumberToCallBack() {
		ToolRunner tools = tools("anonymous", "+4930123456", THURSDAY_AFTERNOON);
		assertThat(run(tools, "take_message", "{\"message\":\"Call me\"}").output().path("reason").asString())
			.contains("name");
		assertThat(refusal(tools, "take_message", "{\"name\":\"Jon\",\"message\":\"Call me\"}"))
			.isEqualTo("callback_number");
		assertThat(refusal(tools, "take_message",
				"{\"name\":\"Jon\",\"message\":\"Call me\",\"callback_number\":\"0176 1234\"}"))
			.isEqualTo("callback_number");
	}

	@Test
	void endCallHangsUpAfterTheReplyAndAnUnknownToolIsRefused() {
		ToolRunner tools = tools("+4917612345678", "+4930123456", THURSDAY_AFTERNOON);
		assertThat(run(tools, "end_call", "{}").then()).isEqualTo(AfterReply.HANG_UP);
		assertThat(run(tools, "order_pizza", "{}").output().path("reason").asString())
			.contains("no tool called order_pizza");
	}

	private static ToolRunner tools(String caller, String businessPhone, Clock clock) {
		AssistantReplica assistant = new AssistantReplica(41, 7, "Lena", "Praxis Berlin", null, BERLIN, WEEKDAYS,
				"female", null, businessPhone, "+15005550101", "active");
		return new ReceptionistTools(UUID.randomUUID(), caller, assistant, null, NOT_CONFIGURED, null,
				new CallerDates(clock), clock);
	}

	private static ToolRunner.Result run(ToolRunner tools, String name, String arguments) {
		return tools.run(name, json.readTree(arguments)).join();
	}

	/** The checkpoint a refused call names. */
	private static String refusal(ToolRunner tools, String name, String arguments) {
		JsonNode output = run(tools, name, arguments).output();
		assertThat(output.path("ok").asBoolean()).as(output.toString()).isFalse();
		assertThat(output.path("reason").asString()).as(output.toString()).isNotBlank();
		return output.path("checkpoint").asString();
	}

}
