package io.vocalhost.common.jdbc;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;

/** What PostgreSQL said when it refused a statement, by its SQLSTATE. */
public final class PostgresErrors {

	private static final String EXCLUSION_VIOLATION = "23P01";

	private PostgresErrors() {
	}

	/**
	 * Whether an exclusion constraint refused the change: a row that overlaps another,
	 * such as two bookings of the same time.
	 */
	public static boolean isExclusionViolation(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState());
	}

}
