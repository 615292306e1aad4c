package io.vocalhost.voicebridge;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;

class VoiceBridgeServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

}
