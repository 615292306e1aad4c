package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.vocalhost.booking.availability.AssistantNotFoundException;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.BookingProperties;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.error.ApiExceptionHandler;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's booking endpoints in a web slice: how requests are validated and how
 * the domain's refusals become answers, in a second and without a database.
 */
@WebMvcTest(controllers = BookingController.class,
		properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:1/jwks")
@Import({ ApiExceptionHandler.class, BookingControllerTests.Beans.class })
class BookingControllerTests {

	private static final AssistantSchedule SCHEDULE = new AssistantSchedule(7, 42, ZoneId.of("Europe/Berlin"), 30,
			"active", List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Schedules schedules;

	@MockitoBean
	private Bookings bookings;

	@MockitoBean
	private FreeSlots freeSlots;

	@Test
	void aBookingWithBadFieldsNamesEveryOneOfThemAndBooksNothing() throws Exception {
		given(this.schedules.ofOwner(7, 42)).willReturn(SCHEDULE);
		this.mvc.perform(asOwner(post("/api/bookings/7")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"customer_phone\":\"0176\",\"customer_name\":\"\",\"time\":\"9am\",\"date\":\"2026-13-01\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("Invalid request"))
			.andExpect(jsonPath("$.details").value("date: must be a date as YYYY-MM-DD; time: must be a time as HH:MM; "
					+ "customer_name: is required; "
					+ "customer_phone: must be a phone number in E.164 form, like +14155550123"));
		verify(this.bookings, never()).book(any(), any(), anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void aTakenSlotIs409() throws Exception {
		given(this.schedules.ofOwner(7, 42)).willReturn(SCHEDULE);
		given(this.bookings.book(any(), any(), anyString(), anyString(), anyString(), anyString()))
			.willThrow(new SlotTakenException("Another booking already takes it"));
		this.mvc.perform(asOwner(post("/api/bookings/7")).contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"date\":\"2030-01-07\",\"time\":\"10:00\",\"customer_name\":\"Bob\",\"customer_phone\":\"+4917612345678\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.error").value("Slot no longer available"))
			.andExpect(jsonPath("$.details").value("Another booking already takes it"));
	}

	@Test
	void aTimeTheClocksSkipIs422() throws Exception {
		given(this.schedules.ofOwner(7, 42)).willReturn(SCHEDULE);
		this.mvc.perform(asOwner(post("/api/bookings/7")).contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"date\":\"2030-03-31\",\"time\":\"02:30\",\"customer_name\":\"Bob\",\"customer_phone\":\"+4917612345678\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.error").value("Time not bookable"));
		verify(this.bookings, never()).book(any(), any(), anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void someoneElsesAssistantIs404() throws Exception {
		given(this.schedules.ofOwner(anyLong(), anyLong()))
			.willThrow(new AssistantNotFoundException("No assistant 7 among yours"));
		this.mvc.perform(asOwner(get("/api/slots/7")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("Assistant not found"));
	}

	@Test
	void aBadQueryDateIsNamed() throws Exception {
		given(this.schedules.ofOwner(7, 42)).willReturn(SCHEDULE);
		this.mvc.perform(asOwner(get("/api/bookings/7").param("start_date", "tomorrow")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.details").value("start_date: must be a date as YYYY-MM-DD"));
	}

	private static MockHttpServletRequestBuilder asOwner(MockHttpServletRequestBuilder request) {
		return request.with(jwt().jwt((token) -> token.subject("42"))).with(csrf());
	}

	@TestConfiguration
	static class Beans {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		BookingProperties bookingProperties() {
			return new BookingProperties(Duration.ZERO, 90, 62);
		}

	}

}
