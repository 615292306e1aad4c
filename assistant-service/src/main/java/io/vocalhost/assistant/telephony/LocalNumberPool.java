package io.vocalhost.assistant.telephony;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Simulated numbers from {@code LOCAL_NUMBER_POOL}, for running without Twilio. Taken and
 * given back in the same database transaction as the assistant, so a number is never lost
 * or shared.
 */

class LocalNumberPool implements PhoneNumbers {

	private static final Logger logger = LoggerFactory.getLogger(LocalNumberPool.class);

	private final JdbcClient jdbc;

	LocalNumberPool(JdbcClient jdbc, List<String> pool) {
		this.jdbc = jdbc;
		pool.forEach((number) -> jdbc.sql("INSERT INTO local_number (number) VALUES (?) ON CONFLICT DO NOTHING")
			.param(number.trim())
			.update());
		logger.info("Phone numbers come from the local pool of {} simulated numbers (no Twilio credentials)",
				pool.size());
	}

	@Override
	public AcquiredNumber acquire(long assistantId) {
		return this.jdbc.sql("""
				UPDATE local_number SET assistant_id = ?
				WHERE number = (SELECT number FROM local_number WHERE assistant_id IS NULL
					ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING number
				""")
			.param(assistantId)
			.query(String.class)
			.optional()
			.map((number) -> new AcquiredNumber(number, true))
			.orElseThrow(() -> new NoNumberAvailableException(
					"Every number of the local pool is taken; add numbers to LOCAL_NUMBER_POOL"));
	}

	@Override
	public void release(String number) {
		this.jdbc.sql("UPDATE local_number SET assistant_id = NULL WHERE number = ?").param(number).update();
	}

}
