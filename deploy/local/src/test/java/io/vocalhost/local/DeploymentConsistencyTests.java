package io.vocalhost.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks it against the
 * services' own configuration: every service, its port, its database, its health check
 * and its dependencies. The local stack's table of services is checked the same way.
 */
class DeploymentConsistencyTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

	private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

	static final List<StackService> services = StackService.ALL;

	@ParameterizedTest
	@FieldSource("services")
	void theLocalStackUsesEachServicesOwnPortAndDatabase(StackService service) throws IOException {
		Map<String, Object> config = load(ROOT.resolve(service.name()).resolve("src/main/resources/application.yml"));
		assertThat(at(config, "spring.application.name")).isEqualTo(service.name());
		assertThat(defaultPort(config)).isEqualTo(service.defaultPort());
		assertThat(at(config, "vocalhost.database.name")).isEqualTo(service.database());
	}

	@ParameterizedTest
	@FieldSource("services")
	void composeRunsEachServiceLikeItsConfigurationSays(StackService service) throws IOException {
		Map<String, Object> compose = compose(service.name());
		assertThat((String) compose.get("image")).isEqualTo("vocalhost/" + service.name() + ":" + projectVersion());
		Map<String, Object> environment = map(compose.get("environment"));
		assertThat(String.valueOf(environment.get("SERVER_PORT"))).isEqualTo(String.valueOf(service.defaultPort()));
		assertThat(environment).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "OIDC_ISSUER_URI");
		assertThat(compose.get("mem_limit")).as("memory limit").isNotNull();

		String healthCheck = String.valueOf(map(compose.get("healthcheck")).get("test"));
		assertThat(healthCheck).contains("/dev/tcp/127.0.0.1/" + service.defaultPort())
			.contains("/actuator/health/readiness");

		Map<String, Object> dependencies = map(compose.get("depends_on"));
		if (service.database() != null) {
			assertThat(environment.get("DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
			assertThat(Files.readString(ROOT.resolve("deploy/compose/create-databases.sql")))
				.contains("CREATE DATABASE " + service.database() + ";");
			assertHealthyDependency(dependencies, "postgres");
			assertHealthyDependency(dependencies, "kafka");
		}
	}

	@Test
	void composeGatewayReachesEveryServiceByItsNameAndPortAndWaitsForThem() throws IOException {
		Map<String, Object> gateway = compose(StackService.GATEWAY);
		Map<String, Object> environment = map(gateway.get("environment"));
		Map<String, Object> dependencies = map(gateway.get("depends_on"));
		for (StackService service : StackService.ALL) {
			if (!service.name().equals(StackService.GATEWAY)) {
				assertThat(environment.get(service.urlVariable()))
					.isEqualTo("http://" + service.name() + ":" + service.defaultPort());
				assertHealthyDependency(dependencies, service.name());
			}
		}
		assertThat(String.valueOf(gateway.get("ports"))).isEqualTo("[5001:5001]");
	}

	@Test
	void composeRunsTheRealInfrastructureWithHealthChecks() throws IOException {
		for (String infrastructure : List.of("postgres", "kafka", "qdrant", "oidc")) {
			Map<String, Object> definition = compose(infrastructure);
			assertThat(definition.get("image")).as(infrastructure).isNotNull();
			assertThat(definition.get("mem_limit")).as(infrastructure).isNotNull();
		}
		for (String infrastructure : List.of("postgres", "kafka", "qdrant")) {
			assertThat(compose(infrastructure).get("healthcheck")).as(infrastructure).isNotNull();
		}
		assertThat(map(compose("kafka").get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
	}

	private static void assertHealthyDependency(Map<String, Object> dependencies, String name) {
		assertThat(dependencies).as("depends_on").containsKey(name);
		assertThat(map(dependencies.get(name))).containsEntry("condition", "service_healthy");
	}

	private static Map<String, Object> compose(String service) throws IOException {
		Map<String, Object> services = map(load(ROOT.resolve("docker-compose.yml")).get("services"));
		assertThat(services).as("services in docker-compose.yml").containsKey(service);
		return map(services.get(service));
	}

	private static int defaultPort(Map<String, Object> config) {
		Matcher matcher = PLACEHOLDER_DEFAULT.matcher(String.valueOf(at(config, "server.port")));
		assertThat(matcher.matches()).as("server.port is ${VAR:default}").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String projectVersion() throws IOException {
		Matcher matcher = Pattern.compile("<artifactId>vocalhost</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(ROOT.resolve("pom.xml")));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	private static Object at(Map<String, Object> config, String path) {
		Object node = config;
		for (String key : path.split("\\.")) {
			node = (node instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	private static Map<String, Object> load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

}
