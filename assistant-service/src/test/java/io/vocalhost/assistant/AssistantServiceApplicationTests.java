package io.vocalhost.assistant;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;

class AssistantServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

}
