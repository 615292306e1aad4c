package io.vocalhost.booking.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The callers who booked with an assistant, with how many active bookings they hold. */
@Service
class Customers {

	private final JdbcClient jdbc;

	Customers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Most recent contact first. */
	@Transactional(readOnly = true)
	List<Customer> of(long assistantId) {
		return this.jdbc.sql("""
				SELECT c.id, c.name, c.phone, c.last_contact_at, count(b.id) AS booking_count
				FROM customer c LEFT JOIN booking b ON b.customer_id = c.id AND b.status = 'active'
				WHERE c.assistant_id = ? GROUP BY c.id ORDER BY c.last_contact_at DESC
				""")
			.param(assistantId)
			.query((row, number) -> new Customer(row.getLong("id"), row.getString("name"), row.getString("phone"),
					row.getLong("booking_count"), row.getObject("last_contact_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	record Customer(long id, String name, String phone, long bookingCount, Instant lastContact) {
	}

}
