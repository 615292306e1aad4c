package io.vocalhost.common.testapp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notes table, through JDBC as every service reaches its tables. */
@Repository
public class NoteRepository {

	private final JdbcClient jdbc;

	NoteRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(String text) {
		this.jdbc.sql("INSERT INTO note (text) VALUES (?)").param(text).update();
	}

	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM note").query(Long.class).single();
	}

}
