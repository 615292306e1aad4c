package io.vocalhost.booking;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

class BookingServiceApplicationTests extends ServiceConventionsTests {

	@LocalServerPort
	private int port;

	@Override
	protected List<String> readinessComponents() {
		return List.of("readinessState", "db", "kafka");
	}

	@Test
	void apiDocumentShowsTheOriginalAnswersAndStatuses() {
		JsonNode document = TestHttp.body(TestHttp.at(this.port).get("/v3/api-docs"));
		JsonNode schemas = document.path("components").path("schemas");
		JsonNode slots = document.path("paths").path("/api/slots/{assistantId}").path("get");
		assertThat(schema(schemas, slots.path("responses").path("200")).path("properties").propertyNames())
			.containsExactly("date", "day", "slots", "business_hours", "slot_duration");
		JsonNode bookings = document.path("paths").path("/api/bookings/{assistantId}");
		assertThat(
				schema(schemas, bookings.path("get").path("responses").path("200")).path("properties").propertyNames())
			.containsExactly("bookings", "slots", "business_hours", "slot_duration");
		assertThat(bookings.path("post").path("responses").has("201")).isTrue();
		assertThat(bookings.path("post").path("responses").has("200")).isFalse();
		for (String status : List.of("409", "422")) {
			assertThat(bookings.path("post")
				.path("responses")
				.path(status)
				.path("content")
				.path("application/json")
				.path("schema")
				.path("$ref")
				.asString()).as(status).isEqualTo("#/components/schemas/ErrorBody");
		}
		JsonNode request = schemas.path(bookings.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("$ref")
			.asString()
			.replace("#/components/schemas/", ""));
		assertThat(request.path("properties").propertyNames()).containsExactly("date", "time", "customer_name",
				"customer_phone", "details");
		assertThat(document.path("paths")
			.path("/api/bookings/{assistantId}/{bookingId}")
			.path("delete")
			.path("responses")
			.has("204")).isTrue();
	}

	private static JsonNode schema(JsonNode schemas, JsonNode response) {
		String reference = response.path("content").path("*/*").path("schema").path("$ref").asString();
		if (reference.isEmpty()) {
			reference = response.path("content").path("application/json").path("schema").path("$ref").asString();
		}
		return schemas.path(reference.replace("#/components/schemas/", ""));
	}

}
