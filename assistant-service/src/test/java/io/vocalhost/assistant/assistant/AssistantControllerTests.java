package io.vocalhost.assistant.assistant;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.vocalhost.common.error.ApiExceptionHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The register forms in a web slice: validation of every field at once with the original
 * texts, and the domain's refusals as answers, in a second and without a database (the
 * integration tests run the same forms against the real one).
 */
@WebMvcTest(controllers = AssistantController.class,
		properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:1/jwks")
@Import({ ApiExceptionHandler.class, AssistantControllerTests.Beans.class })
class AssistantControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Assistants assistants;

	@MockitoBean
	private DocumentIndexing documents;

	@Test
	void aBadRegistrationNamesEveryFieldAndRegistersNothing() throws Exception {
		this.mvc
			.perform(asOwner(multipart("/api/register")).param("start_time", "25:00")
				.param("end_time", "9am")
				.param("booking_duration_minutes", "481")
				.param("phone_number", "030123456")
				.param("available_days", "{\"funday\":true}")
				.param("voice_type", "robot")
				.param("timezone", "Mars/Olympus"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("Invalid request"))
			.andExpect(jsonPath("$.details").value("business_name: is required; receptionist_name: is required; "
					+ "start_time: must be a time as HH:MM; end_time: must be a time as HH:MM; "
					+ "booking_duration_minutes: must be between 5 and 480 minutes; "
					+ "phone_number: must be a phone number in E.164 form, like +14155550123; "
					+ "available_days: 'funday' is not a weekday name; voice_type: must be male or female; "
					+ "timezone: must be an IANA time zone, like Europe/Berlin"));
		verify(this.assistants, never()).register(anyLong(), any());
	}

	@Test
	void theCreatePageFormNeedsItsTwoNames() throws Exception {
		this.mvc.perform(asOwner(multipart("/api/register/assistant")).param("business_description", "x"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.details").value("assistant_name: is required; business_name: is required"));
		verify(this.assistants, never()).register(anyLong(), any());
	}

	@Test
	void aFullPlanIs402AndSomeoneElsesUserIdIs403() throws Exception {
		given(this.assistants.register(anyLong(), any())).willThrow(new PlanLimitReachedException("free", 1));
		this.mvc
			.perform(asOwner(multipart("/api/register/assistant")).param("assistant_name", "Ava")
				.param("business_name", "Smile Dental"))
			.andExpect(status().isPaymentRequired())
			.andExpect(jsonPath("$.error").value("Plan limit reached"));
		this.mvc
			.perform(asOwner(multipart("/api/register/assistant")).param("user_id", "7")
				.param("assistant_name", "Ava")
				.param("business_name", "Smile Dental"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.details").value("user_id must be your own user id"));
	}

	private static MockMultipartHttpServletRequestBuilder asOwner(MockMultipartHttpServletRequestBuilder request) {
		request.with(jwt().jwt((token) -> token.subject("42"))).with(csrf());
		return request;
	}

	@TestConfiguration
	static class Beans {

		@Bean
		AssistantProperties assistantProperties() {
			return new AssistantProperties(ZoneId.of("Europe/Berlin"), 10, Map.of("free", List.of("voice")));
		}

	}

}
