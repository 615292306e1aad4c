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
 * and its dependencies. The local stack's table of services is checked the same way, and
 * every other place that lists the services (the build, the gateway's routes and API
 * documents, the database script, the README, the gateway's tests) against that table.
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

	/**
	 * {@link StackService#ALL} is the list of services; every other place that names them
	 * all must name the same ones. A service added to one place and forgotten in another
	 * fails here, with the place in the message.
	 */
	@Test
	void everyPlaceThatListsTheServicesListsTheSameOnes() throws IOException {
		List<String> names = StackService.ALL.stream().map(StackService::name).toList();
		List<String> downstreams = names.stream().filter((name) -> !name.equals(StackService.GATEWAY)).toList();

		assertThat(matches(Files.readString(ROOT.resolve("pom.xml")), "<module>([a-z-]+-service)</module>"))
			.as("modules in pom.xml")
			.containsExactlyElementsOf(names);
		assertThat(matches(Files.readString(ROOT.resolve("deploy/local/pom.xml")),
				"<artifactId>([a-z-]+-service)</artifactId>"))
			.as("services deploy/local/pom.xml builds before the stack")
			.containsExactlyElementsOf(names);
		assertThat(map(load(ROOT.resolve("docker-compose.yml")).get("services")).keySet()
			.stream()
			.filter((name) -> name.endsWith("-service"))).as("services in docker-compose.yml")
			.containsExactlyInAnyOrderElementsOf(names);
		assertThat(matches(Files.readString(ROOT.resolve("deploy/compose/create-databases.sql")),
				"CREATE DATABASE ([a-z_]+);"))
			.as("databases in deploy/compose/create-databases.sql")
			.containsExactlyElementsOf(
					StackService.ALL.stream().map(StackService::database).filter((name) -> name != null).toList());
		String readme = Files.readString(ROOT.resolve("README.md"));
		for (StackService service : StackService.ALL) {
			assertThat(readme).as("README's module and port tables")
				.contains("| `" + service.name() + "` |")
				.contains("| " + service.defaultPort() + " | " + service.name().replace("-service", ""));
		}

		Map<String, Object> gateway = load(gatewayConfiguration());
		List<Map<String, Object>> serviceRoutes = routes(gateway).stream()
			.filter((route) -> !route.get("id").equals("openapi"))
			.toList();
		assertThat(serviceRoutes.stream().map(DeploymentConsistencyTests::routedService).distinct())
			.as("the services the gateway routes to")
			.containsExactlyElementsOf(downstreams);
		serviceRoutes.forEach((route) -> assertThat(route.get("uri")).as("uri of route %s", route.get("id"))
			.isEqualTo("${vocalhost.services." + routedService(route) + "}"));
		assertThat(map(at(gateway, "vocalhost.services")).keySet()).as("the gateway's vocalhost.services")
			.containsExactlyElementsOf(downstreams);
		assertThat(gatewayTestServices()).as("the gateway tests' downstream services")
			.containsExactlyElementsOf(downstreams);
	}

	@ParameterizedTest
	@FieldSource("services")
	void theGatewayFindsEachServiceAtItsPortAndShowsItsApiDocument(StackService service) throws IOException {
		Map<String, Object> gateway = load(gatewayConfiguration());
		String documentUrl = service.name().equals(StackService.GATEWAY) ? "/v3/api-docs"
				: "/openapi/" + service.name();
		assertThat(list(at(gateway, "springdoc.swagger-ui.urls"))).as("springdoc.swagger-ui.urls")
			.contains(Map.of("name", service.name(), "url", documentUrl));
		if (!service.name().equals(StackService.GATEWAY)) {
			assertThat(map(at(gateway, "vocalhost.services")).get(service.name()))
				.isEqualTo("${" + service.urlVariable() + ":http://localhost:" + service.defaultPort() + "}");
		}
	}

	private static Path gatewayConfiguration() {
		return ROOT.resolve("gateway-service/src/main/resources/application.yml");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> routes(Map<String, Object> gateway) {
		return (List<Map<String, Object>>) (List<?>) list(at(gateway, "spring.cloud.gateway.server.webflux.routes"));
	}

	/**
	 * The service a route leads to: its id, or its metadata {@code service} where a
	 * service has several routes (as the gateway's error handler reads it).
	 */
	private static Object routedService(Map<String, Object> route) {
		Object metadata = route.get("metadata");
		return (metadata != null && map(metadata).get("service") != null) ? map(metadata).get("service")
				: route.get("id");
	}

	/** The one list of downstream services that the gateway's tests stand in for. */
	private static List<String> gatewayTestServices() throws IOException {
		String source = Files
			.readString(ROOT.resolve("gateway-service/src/test/java/io/vocalhost/gateway/Downstreams.java"));
		Matcher list = Pattern.compile("NAMES = List\\.of\\(([^)]*)\\)").matcher(source);
		assertThat(list.find()).as("Downstreams.NAMES = List.of(...)").isTrue();
		return matches(list.group(1), "\"([a-z-]+)\"");
	}

	private static List<String> matches(String text, String regex) {
		return Pattern.compile(regex).matcher(text).results().map((match) -> match.group(1)).toList();
	}

	private static void assertHealthyDependency(Map<String, Object> dependencies, String name) {
		assertThat(dependencies).as("depends_on").containsKey(name);
		assertThat(map(dependencies.get(name))).containsEntry("condition", "service_healthy");
	}

	static Map<String, Object> compose(String service) throws IOException {
		Map<String, Object> services = map(load(ROOT.resolve("docker-compose.yml")).get("services"));
		assertThat(services).as("services in docker-compose.yml").containsKey(service);
		return map(services.get(service));
	}

	private static int defaultPort(Map<String, Object> config) {
		Matcher matcher = PLACEHOLDER_DEFAULT.matcher(String.valueOf(at(config, "server.port")));
		assertThat(matcher.matches()).as("server.port is ${VAR:default}").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	static String projectVersion() throws IOException {
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
	private static List<Object> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<Object>) node;
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
