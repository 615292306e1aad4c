package io.vocalhost.billing;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;

class BillingServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

}
