package io.vocalhost.common.testapp;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.validation.CalendarDate;
import io.vocalhost.common.validation.ClockTime;
import io.vocalhost.common.validation.E164Phone;
import io.vocalhost.common.validation.TimeZoneId;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in each of the ways the shared error handling must cover. */
@RestController
class ProbeController {

	@PostMapping("/probe/greetings")
	Greeting create(@Valid @RequestBody Greeting greeting) {
		return greeting;
	}

	@PostMapping("/probe/appointments")
	Appointment book(@Valid @RequestBody Appointment appointment) {
		return appointment;
	}

	@PostMapping(path = "/probe/forms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String submit(@Valid @ModelAttribute SignUpForm form) {
		return form.businessName();
	}

	@GetMapping("/probe/items/{id}")
	String item(@PathVariable long id) {
		throw new ApiException(HttpStatus.NOT_FOUND, "Item not found", "No item " + id);
	}

	@GetMapping("/probe/crash")
	String crash() {
		throw new IllegalStateException("secret internal detail");
	}

	/** What a repository call does when the connection pool cannot reach PostgreSQL. */
	@GetMapping("/probe/database-down")
	String databaseDown() {
		throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
	}

	@GetMapping("/probe/container-error")
	void containerError(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	/** Declared in the order the error details must list the fields. */
	record Appointment(@CalendarDate String date, @ClockTime String time,
			@JsonProperty("customer_name") @NotBlank(message = "is required") String customerName,
			@JsonProperty("customer_phone") @E164Phone String customerPhone, @TimeZoneId(optional = true) String zone) {
	}

	record SignUpForm(@BindParam("business_name") @NotBlank(message = "is required") String businessName,
			@BindParam("opens_at") @ClockTime String opensAt) {
	}

	record Greeting(@NotBlank String name, @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be HH:MM") String time) {
	}

}
