package io.vocalhost.voicebridge.stream;

import java.util.UUID;

import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.call.Calls;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A bridge on the real PostgreSQL and Kafka, wired to a Realtime stand-in and a Twilio
 * REST stand-in that every such test class of the JVM shares (they run one after the
 * other; the stand-ins' threads are daemons).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
abstract class StandInCallTests {

	static final RealtimeStandIn realtime = new RealtimeStandIn();

	static final TwilioRestStandIn twilioRest = new TwilioRestStandIn(CallHarness.AUTH_TOKEN);

	@LocalServerPort
	int port;

	@Autowired
	Assistants assistants;

	@Autowired
	Calls calls;

	@DynamicPropertySource
	static void standIns(DynamicPropertyRegistry registry) {
		CallHarness.configure(registry, realtime, twilioRest);
	}

	CallHarness harness() {
		return new CallHarness(this.assistants, realtime);
	}

	String endReason(CallHarness.Call call) {
		return this.calls.find(UUID.fromString(call.callId)).orElseThrow().endReason();
	}

}
