package io.vocalhost.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard in {@code deploy/monitoring} against the code and the
 * runbook: every VocalHost metric they query is registered by some service (a renamed
 * metric would silently empty a panel or never fire an alert), and every alert has a
 * severity, a summary and a runbook section in docs/operations.md.
 */
class MonitoringRulesTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

	private static final Pattern OUR_METRIC = Pattern.compile("vocalhost_[a-z_]+");

	@Test
	void everyAlertHasASeverityASummaryAndARunbookSection() throws IOException {
		String operations = Files.readString(ROOT.resolve("docs/operations.md"));
		List<Map<String, Object>> rules = alertRules();
		assertThat(rules).isNotEmpty();
		for (Map<String, Object> rule : rules) {
			String name = (String) rule.get("alert");
			assertThat((String) rule.get("expr")).as(name).isNotBlank();
			assertThat(map(rule.get("labels")).get("severity")).as(name).isIn("page", "ticket");
			Map<String, Object> annotations = map(rule.get("annotations"));
			assertThat((String) annotations.get("summary")).as(name).isNotBlank();
			assertThat(annotations.get("runbook")).as(name).isEqualTo("docs/operations.md#" + name.toLowerCase());
			assertThat(operations).as("runbook section for " + name).contains("\n#### " + name + "\n");
		}
	}

	@Test
	void everyVocalHostMetricTheAlertsAndTheDashboardQueryIsRegisteredByTheCode() throws IOException {
		List<String> queries = new ArrayList<>();
		alertRules().forEach((rule) -> queries.add((String) rule.get("expr")));
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(ROOT.resolve("deploy/monitoring/grafana-dashboard.json")));
		assertThat(dashboard.path("panels").size()).isPositive();
		dashboard.path("panels")
			.forEach((panel) -> panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString())));

		Set<String> metrics = queries.stream()
			.flatMap((query) -> OUR_METRIC.matcher(query).results().map((match) -> match.group()))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(metrics).isNotEmpty();
		String sources = mainSources();
		for (String metric : metrics) {
			String meterName = metric.replaceAll("_(bucket|count|sum|max)$", "")
				.replaceAll("_total$", "")
				.replaceAll("_seconds$", "")
				.replace('_', '.');
			assertThat(sources).as("a meter named \"%s\" (queried as %s) in the services' main code", meterName, metric)
				.contains("\"" + meterName + "\"");
		}
	}

	private static String mainSources() throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.walk(ROOT)) {
			for (Path file : files
				.filter((path) -> path.toString().endsWith(".java") && path.toString().contains("/src/main/java/"))
				.toList()) {
				all.append(Files.readString(file));
			}
		}
		return all.toString();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> alertRules() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("deploy/monitoring/alerts.yml"))) {
			Map<String, Object> file = new Yaml().load(reader);
			return ((List<Map<String, Object>>) file.get("groups")).stream()
				.flatMap((group) -> ((List<Map<String, Object>>) group.get("rules")).stream())
				.toList();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
