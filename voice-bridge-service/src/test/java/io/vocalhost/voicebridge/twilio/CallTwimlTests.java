package io.vocalhost.voicebridge.twilio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallTwimlTests {

	@Test
	void connectsTheStreamOnWssForAnHttpsPublicUrlWithTheTokenAndFallbackVerbs() {
		String twiml = new CallTwiml("https://voice.example.com/").connect("c-42", "tok&<\"", "+15550001111");
		assertThat(twiml).contains("<Connect><Stream url=\"wss://voice.example.com/ws/call/c-42\">")
			.contains("<Parameter name=\"token\" value=\"tok&amp;&lt;&quot;\"/>")
			.containsSubsequence("</Connect>", "<Say>", "<Dial>+15550001111</Dial>")
			.doesNotContain("<Hangup");
	}

	@Test
	void usesWsForAnHttpPublicUrl() {
		assertThat(new CallTwiml("http://localhost:5001").connect("c-1", "t", null))
			.contains("url=\"ws://localhost:5001/ws/call/c-1\"")
			.containsSubsequence("</Connect>", "<Say>", "<Hangup/>");
	}

	@Test
	void fallbackSaysSorryThenDialsTheBusinessOrHangsUp() {
		CallTwiml twiml = new CallTwiml("https://voice.example.com");
		assertThat(twiml.fallback("+15550001111")).containsSubsequence("<Say>", "</Say>", "<Dial>+15550001111</Dial>")
			.doesNotContain("<Connect", "<Hangup");
		assertThat(twiml.fallback(" ")).containsSubsequence("<Say>", "</Say>", "<Hangup/>")
			.doesNotContain("<Connect", "<Dial");
	}

	@Test
	void aTransferDialsTheBusinessPhoneOnly() {
		assertThat(new CallTwiml("https://voice.example.com").dial("+15550001111"))
			.contains("<Dial>+15550001111</Dial>")
			.doesNotContain("<Say", "<Hangup", "<Connect");
	}

}
