package io.vocalhost.booking.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The callers who booked with an assistant, identified by phone, with their history. */
@RestController
class CustomerController {

	private final Schedules schedules;

	private final JdbcClient jdbc;

	CustomerController(Schedules schedules, JdbcClient jdbc) {
		this.schedules = schedules;
		this.jdbc = jdbc;
	}

	@GetMapping("/api/customers")
	@Transactional(readOnly = true)
	Map<String, List<CustomerView>> customers(@AuthenticationPrincipal Jwt token,
			@RequestParam("assistant_id") long assistantId) {
		this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		List<CustomerView> customers = this.jdbc.sql("""
				SELECT c.id, c.name, c.phone, c.last_contact_at, count(b.id) AS booking_count
				FROM customer c LEFT JOIN booking b ON b.customer_id = c.id AND b.status = 'active'
				WHERE c.assistant_id = ? GROUP BY c.id ORDER BY c.last_contact_at DESC
				""")
			.param(assistantId)
			.query((row, number) -> new CustomerView(row.getLong("id"), row.getString("name"), row.getString("phone"),
					row.getLong("booking_count"), row.getObject("last_contact_at", OffsetDateTime.class).toString()))
			.list();
		return Map.of("customers", customers);
	}

	record CustomerView(long id, String name, String phone, @JsonProperty("booking_count") long bookingCount,
			@JsonProperty("last_contact") String lastContact) {
	}

}
