package io.vocalhost.auth;

import java.util.List;

import io.vocalhost.infra.test.ServiceConventionsTests;

class AuthServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db");
	}

}
