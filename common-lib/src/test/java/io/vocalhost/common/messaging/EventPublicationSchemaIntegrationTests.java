package io.vocalhost.common.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox table comes from our Flyway migration, not from the library: it must have
 * the columns that the JDBC event publication registry of the Spring Modulith version on
 * the classpath creates itself, so that an upgrade that changes them fails here rather
 * than at the first publication.
 */
@SpringBootTest(classes = TestApplication.class)
@RealInfrastructure
class EventPublicationSchemaIntegrationTests {

	private static final String LIBRARY_SCHEMA = "org/springframework/modulith/events/jdbc/schemas/v2/schema-postgresql.sql";

	@Autowired
	DataSource dataSource;

	@Test
	void theMigratedPublicationTableHasTheColumnsOfTheLibrarysOwnSchema() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// Only inside this transaction, rolled back below: the library's script
				// creates its tables in a schema of their own.
				statement.execute("CREATE SCHEMA modulith_reference");
				statement.execute("SET LOCAL search_path TO modulith_reference");
			}
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(LIBRARY_SCHEMA));
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			try {
				assertThat(columns(jdbc, "public")).isNotEmpty().isEqualTo(columns(jdbc, "modulith_reference"));
			}
			finally {
				connection.rollback();
			}
		}
	}

	private static List<String> columns(JdbcTemplate jdbc, String schema) {
		return jdbc.queryForList("""
				SELECT column_name || ' ' || data_type || CASE is_nullable WHEN 'NO' THEN ' NOT NULL' ELSE '' END
				FROM information_schema.columns
				WHERE table_schema = ? AND table_name = 'event_publication'
				ORDER BY column_name""", String.class, schema);
	}

}
