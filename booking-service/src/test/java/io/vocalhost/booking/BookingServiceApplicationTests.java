package io.vocalhost.booking;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;

class BookingServiceApplicationTests extends ServiceConventionsTests {

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

}
