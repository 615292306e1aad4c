package io.vocalhost.rag;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;

class RagServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

}
