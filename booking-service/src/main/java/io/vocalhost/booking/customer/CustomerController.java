package io.vocalhost.booking.customer;

import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The callers who booked with an assistant, identified by phone, with their history. */
@RestController
class CustomerController {

	private final Schedules schedules;

	private final Customers customers;

	CustomerController(Schedules schedules, Customers customers) {
		this.schedules = schedules;
		this.customers = customers;
	}

	@GetMapping("/api/customers")
	CustomersView customers(@AuthenticationPrincipal Jwt token, @RequestParam("assistant_id") long assistantId) {
		this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		return new CustomersView(this.customers.of(assistantId)
			.stream()
			.map((customer) -> new CustomerView(customer.id(), customer.name(), customer.phone(),
					customer.bookingCount(), customer.lastContact().atOffset(ZoneOffset.UTC).toString()))
			.toList());
	}

	record CustomersView(List<CustomerView> customers) {
	}

	record CustomerView(long id, String name, String phone, @JsonProperty("booking_count") long bookingCount,
			@JsonProperty("last_contact") String lastContact) {
	}

}
