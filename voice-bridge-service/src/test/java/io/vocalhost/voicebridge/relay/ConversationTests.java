package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.voicebridge.relay.Conversation.Role;
import io.vocalhost.voicebridge.relay.Conversation.Turn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The call's turns as the relay keeps them from the Realtime API's events. */
class ConversationTests {

	private static final CallContext CONTEXT = new CallContext("Ava", "Bella's Bistro", null, ZoneId.of("Europe/Paris"),
			List.of(new OpeningHours(DayOfWeek.THURSDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), "marin", null);

	private final CallRelayTests.Recorder sink = new CallRelayTests.Recorder();

	private final CallRelay relay = new CallRelay("c-1", new RealtimeSession("server_vad", "whisper-1"),
			Clock.fixed(Instant.parse("2026-12-03T13:30:00Z"), ZoneId.of("UTC")), 3, CallRelayTimersTests.LIMITS,
			ToolRunner.NONE, this.sink);

	@Test
	void aCallersTranscriptionThatArrivesAfterTheReplyStartedStaysBeforeTheReply() {
		ready();
		realtime(MediaStreamFrames.added("item_g", null, "assistant"));
		realtime(MediaStreamFrames.transcriptDone("item_g", "Hello, Bella's Bistro!"));
		realtime(MediaStreamFrames.committed("item_u1", "item_g"));
		realtime(MediaStreamFrames.added("item_u1", "item_g", "user"));
		realtime(MediaStreamFrames.added("item_a2", "item_u1", "assistant"));
		realtime(MediaStreamFrames.transcriptDelta("item_a2", "We open "));
		realtime(MediaStreamFrames.transcriptDelta("item_a2", "at nine."));
		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text)
			.containsExactly("Hello, Bella's Bistro!");
		realtime(MediaStreamFrames.transcriptDone("item_a2", "We open at nine."));
		realtime(MediaStreamFrames.transcribed("item_u1", "When do you open?"));

		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::role, Turn::text)
			.containsExactly(tuple(Role.ASSISTANT, "Hello, Bella's Bistro!"), tuple(Role.CALLER, "When do you open?"),
					tuple(Role.ASSISTANT, "We open at nine."));
	}

	@Test
	void anItemGoesAfterTheItemItNamesAsItsPredecessorWhateverTheArrivalOrder() {
		ready();
		realtime(MediaStreamFrames.added("item_1", null, "assistant"));
		realtime(MediaStreamFrames.added("item_3", "item_1", "user"));
		realtime(MediaStreamFrames.added("item_2", "item_1", "assistant"));
		realtime("{\"type\":\"conversation.item.added\",\"previous_item_id\":\"item_3\","
				+ "\"item\":{\"id\":\"fc_1\",\"type\":\"function_call\",\"name\":\"book\"}}");
		realtime(MediaStreamFrames.added("item_4", "fc_1", "assistant"));
		realtime(MediaStreamFrames.transcriptDone("item_4", "Booked."));
		realtime(MediaStreamFrames.transcribed("item_3", "Book me in."));
		realtime(MediaStreamFrames.transcriptDone("item_2", "Welcome back."));
		realtime(MediaStreamFrames.transcriptDone("item_1", "Hello."));

		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text)
			.containsExactly("Hello.", "Welcome back.", "Book me in.", "Booked.");
	}

	@Test
	void anInterruptedTurnKeepsTheWordsThatWerePlayed() {
		ready();
		realtime(MediaStreamFrames.added("item_a", null, "assistant"));
		for (int chunk = 0; chunk < 4; chunk++) {
			realtime(MediaStreamFrames.delta("item_a", MediaStreamFrames.payload(chunk)));
		}
		realtime(MediaStreamFrames.transcriptDelta("item_a", "We are open from nine "));
		this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", this.sink.twilio(3).at("/mark/name").asString()));
		realtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		realtime(MediaStreamFrames.transcriptDelta("item_a", "to five on weekdays."));
		realtime(MediaStreamFrames.delta("item_a", MediaStreamFrames.payload(8)));
		realtime(MediaStreamFrames.delta("item_a", MediaStreamFrames.payload(9)));
		// 40 of 120 ms played: a third of the 42 characters ends inside "from".
		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text).containsExactly("We are open");

		realtime(MediaStreamFrames.added("item_b", "item_a", "assistant"));
		realtime(MediaStreamFrames.delta("item_b", Base64.getEncoder().encodeToString(new byte[160])));
		realtime(MediaStreamFrames.transcriptDelta("item_b", "Sorry, go ahead."));
		realtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text).containsExactly("We are open");
	}

	@Test
	void aTurnStillBeingSpokenIsKeptForTheEndOfTheCallButIsNotCompleted() {
		ready();
		realtime(MediaStreamFrames.added("item_u", null, "user"));
		realtime(MediaStreamFrames.added("item_a", "item_u", "assistant"));
		realtime(MediaStreamFrames.transcriptDelta("item_a", "Let me check"));
		realtime(MediaStreamFrames.transcribed("item_u", "Do you have a table?"));

		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text)
			.containsExactly("Do you have a table?");
		assertThat(this.relay.conversation().turns()).extracting(Turn::text)
			.containsExactly("Do you have a table?", "Let me check");
	}

	@Test
	void aNewSessionsFirstItemComesAfterTheTurnsSoFar() {
		ready();
		realtime(MediaStreamFrames.added("item_1", null, "assistant"));
		realtime(MediaStreamFrames.transcriptDone("item_1", "Hello."));
		this.relay.conversation().newSession();
		realtime(MediaStreamFrames.added("item_r", null, "user"));
		realtime(MediaStreamFrames.transcribed("item_r", "Are you there?"));

		assertThat(this.relay.conversation().completedTurns()).extracting(Turn::text)
			.containsExactly("Hello.", "Are you there?");
	}

	private void ready() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.upstreamOpened(CONTEXT);
		realtime("{\"type\":\"session.updated\"}");
	}

	private void realtime(String frame) {
		this.relay.fromRealtime(frame);
	}

}
