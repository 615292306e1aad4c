package io.vocalhost.assistant;

import java.util.List;

import io.vocalhost.testsupport.ServiceConventionsTests;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

class AssistantServiceApplicationTests extends ServiceConventionsTests {

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
		JsonNode paths = document.path("paths");
		JsonNode register = paths.path("/api/register").path("post").path("responses");
		assertThat(register.propertyNames()).contains("201", "400", "401", "402", "403", "502", "503");
		assertThat(errorSchema(register.path("402"))).isEqualTo("#/components/schemas/ErrorBody");
		assertThat(paths.path("/api/register/assistant").path("post").path("responses").propertyNames()).contains("201",
				"400", "402", "403");
		assertThat(schema(schemas, register.path("201")).path("properties").propertyNames()).containsExactly("message",
				"assistant_id", "twilio_number", "indexed_chunks", "warnings");

		JsonNode myAgents = schema(schemas, paths.path("/api/my-agents").path("get").path("responses").path("200"));
		assertThat(myAgents.path("properties").propertyNames()).containsExactly("user_info", "agents", "total_agents");

		JsonNode patch = schema(schemas, paths.path("/api/assistant/{id}").path("patch").path("responses").path("200"));
		assertThat(patch.path("properties").propertyNames()).contains("message", "updated_fields", "assistant",
				"business_name", "hours");
	}

	private static String errorSchema(JsonNode response) {
		return response.path("content").path("application/json").path("schema").path("$ref").asString();
	}

	private static JsonNode schema(JsonNode schemas, JsonNode response) {
		String reference = response.path("content").path("*/*").path("schema").path("$ref").asString();
		if (reference.isEmpty()) {
			reference = response.path("content").path("application/json").path("schema").path("$ref").asString();
		}
		return schemas.path(reference.replace("#/components/schemas/", ""));
	}

}
