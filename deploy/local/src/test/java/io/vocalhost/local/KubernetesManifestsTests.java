package io.vocalhost.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders every overlay of {@code deploy/k8s} with {@code kubectl kustomize} (Kustomize
 * is built into kubectl) and checks the result as typed Kubernetes objects: what an
 * operator relies on (probes, limits, the security context, secrets only by reference,
 * the images of this build, who may call whom, the voice bridge's scaling and drain)
 * against the services' own facts and docker-compose.yml. Skipped, with the reason, where
 * kubectl is not installed.
 */
class KubernetesManifestsTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

	private static final Path K8S = ROOT.resolve("deploy/k8s");

	/** A credential's name; where a service is (a URL such as AUTH_TOKEN_URI) is none. */
	private static final Pattern SECRET_NAME = Pattern.compile("(?!.*_(URI|URL)$).*(PASSWORD|SECRET|_KEY|TOKEN).*");

	/**
	 * Who calls whom inside the cluster, besides every service reaching PostgreSQL and
	 * Kafka: the gateway routes to every service, every service checks tokens against
	 * auth-service's keys and gets service tokens there, assistant-service hands
	 * documents to rag-service, the voice bridge books and searches during calls.
	 */
	private static final Map<String, Set<String>> CALLS = Map.of("gateway-service",
			StackService.ALL.stream()
				.map(StackService::name)
				.filter((name) -> !name.equals(StackService.GATEWAY))
				.collect(Collectors.toSet()),
			"auth-service", Set.of(), "assistant-service", Set.of("auth-service", "rag-service"), "booking-service",
			Set.of("auth-service"), "billing-service", Set.of("auth-service"), "voice-bridge-service",
			Set.of("auth-service", "booking-service", "rag-service"), "rag-service", Set.of("auth-service"));

	/** Reached from the ingress controller; nothing else is. */
	private static final Set<String> PUBLIC = Set.of("gateway-service", "voice-bridge-service");

	static final List<StackService> services = StackService.ALL;

	static final List<String> overlays = List.of("local", "production");

	private static final Map<String, List<HasMetadata>> rendered = new HashMap<>();

	@BeforeAll
	static void render() throws Exception {
		assumeTrue(kubectlAvailable(), "kubectl is not installed: deploy/k8s cannot be rendered here");
		KubernetesSerialization serialization = new KubernetesSerialization();
		for (String overlay : overlays) {
			Process kustomize = new ProcessBuilder("kubectl", "kustomize",
					K8S.resolve("overlays").resolve(overlay).toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(kustomize.exitValue()).as("kubectl kustomize overlays/%s: %s", overlay, output).isZero();
			rendered.put(overlay,
					Stream.of(output.split("(?m)^---$"))
						.filter((document) -> !document.isBlank())
						.map((document) -> (HasMetadata) serialization.unmarshal(document))
						.toList());
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyServiceRunsTheImageOfThisBuildAsANonRootUserOnAReadOnlyFilesystem(String overlay) throws IOException {
		for (StackService service : StackService.ALL) {
			PodSpec pod = deployment(overlay, service.name()).getSpec().getTemplate().getSpec();
			Container container = only(pod.getContainers());
			assertThat(container.getImage()).as(service.name())
				.isEqualTo("vocalhost/" + service.name() + ":" + DeploymentConsistencyTests.projectVersion());
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service.name()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup())
				.as("the pod's user is the image's")
				.isEqualTo(jibUser());
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service.name()).isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service.name()).isFalse();
			assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service.name())
				.containsExactly("ALL");
			assertThat(container.getVolumeMounts()).as("a writable /tmp for " + service.name())
				.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
			assertThat(pod.getVolumes()).anySatisfy((volume) -> assertThat(volume.getEmptyDir()).isNotNull());
			ServiceAccount account = find(overlay, ServiceAccount.class, pod.getServiceAccountName());
			assertThat(account.getAutomountServiceAccountToken()).as(service.name()).isFalse();
			assertThat(pod.getTopologySpreadConstraints()).as(service.name())
				.anySatisfy((spread) -> assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
		}
	}

	@ParameterizedTest
	@FieldSource("services")
	void probesReachTheHealthGroupsOnTheServicesOwnPort(StackService service) {
		for (String overlay : overlays) {
			Container container = only(
					deployment(overlay, service.name()).getSpec().getTemplate().getSpec().getContainers());
			assertThat(container.getPorts()).singleElement().satisfies((port) -> {
				assertThat(port.getName()).isEqualTo("http");
				assertThat(port.getContainerPort()).isEqualTo(service.defaultPort());
			});
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
			assertThat(settings(overlay, service.name())).containsEntry("SERVER_PORT",
					String.valueOf(service.defaultPort()));
			Service kubernetesService = find(overlay, Service.class, service.name());
			assertThat(kubernetesService.getSpec().getPorts()).singleElement()
				.satisfies((port) -> assertThat(port.getPort()).isEqualTo(service.defaultPort()));
		}
	}

	@ParameterizedTest
	@FieldSource("services")
	void everyServiceHasMemoryRequestsAndLimitsAndAGracePeriodLongerThanItsShutdown(StackService service) {
		for (String overlay : overlays) {
			PodSpec pod = deployment(overlay, service.name()).getSpec().getTemplate().getSpec();
			Container container = only(pod.getContainers());
			long request = bytes(container.getResources().getRequests().get("memory").toString());
			long limit = bytes(container.getResources().getLimits().get("memory").toString());
			assertThat(request).as(service.name()).isPositive().isLessThanOrEqualTo(limit);
			// Measured idle RSS is 180-300 MiB (docs/benchmarks.md); the heap is 75 % of
			// the limit.
			assertThat(limit).as(service.name()).isGreaterThanOrEqualTo(512L << 20);
			long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
			long drain = service.name().equals("voice-bridge-service")
					? Duration.parse("PT" + settings(overlay, service.name()).get("VOICE_DRAIN_TIMEOUT")).toSeconds()
					: 0;
			long shutdown = 20;
			assertThat(pod.getTerminationGracePeriodSeconds()).as("grace period of " + service.name())
				.isGreaterThanOrEqualTo(preStop + drain + shutdown + 5);
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void credentialsComeOnlyFromSecretsThatAreNotInTheRepository(String overlay) {
		assertThat(rendered.get(overlay)).noneMatch(Secret.class::isInstance);
		for (HasMetadata resource : rendered.get(overlay)) {
			if (resource instanceof ConfigMap configMap && configMap.getData() != null) {
				assertThat(configMap.getData().keySet()).as("keys of ConfigMap " + configMap.getMetadata().getName())
					.noneMatch((key) -> SECRET_NAME.matcher(key).matches());
			}
		}
		for (StackService service : StackService.ALL) {
			Container container = only(
					deployment(overlay, service.name()).getSpec().getTemplate().getSpec().getContainers());
			List<EnvVar> environment = container.getEnv() == null ? List.of() : container.getEnv();
			assertThat(environment).noneMatch(
					(variable) -> variable.getValue() != null && SECRET_NAME.matcher(variable.getName()).matches());
			if (service.database() != null) {
				assertThat(container.getEnvFrom()).extracting(EnvFromSource::getSecretRef)
					.filteredOn(Objects::nonNull)
					.extracting(SecretEnvSource::getName)
					.contains("vocalhost-database");
			}
		}
	}

	@Test
	void theVoiceBridgeScalesOnItsLiveCallsAndDrainsThemBeforeItStops() {
		for (String overlay : overlays) {
			HorizontalPodAutoscaler autoscaler = find(overlay, HorizontalPodAutoscaler.class, "voice-bridge-service");
			assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("voice-bridge-service");
			assertThat(autoscaler.getSpec().getMetrics()).singleElement()
				.satisfies(
						(metric) -> assertThat(metric.getPods().getMetric().getName()).isEqualTo("voice_active_calls"));
			assertThat(autoscaler.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds())
				.isGreaterThanOrEqualTo(300);
			Container bridge = only(
					deployment(overlay, "voice-bridge-service").getSpec().getTemplate().getSpec().getContainers());
			assertThat(bridge.getLifecycle().getPreStop().getSleep().getSeconds())
				.as("readiness drops and the ingress moves new calls away before SIGTERM")
				.isGreaterThanOrEqualTo(10);
		}
		HorizontalPodAutoscaler production = find("production", HorizontalPodAutoscaler.class, "voice-bridge-service");
		assertThat(production.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);

		List<Ingress> ingresses = all("production", Ingress.class);
		Map<String, String> backends = ingresses.stream()
			.flatMap((ingress) -> ingress.getSpec().getRules().stream())
			.flatMap((rule) -> rule.getHttp().getPaths().stream())
			.collect(Collectors.toMap((path) -> path.getPath(), (path) -> path.getBackend().getService().getName()));
		assertThat(backends).containsExactlyInAnyOrderEntriesOf(
				Map.of("/", "gateway-service", "/voice", "voice-bridge-service", "/ws/call", "voice-bridge-service"));
		Ingress voice = ingresses.stream()
			.filter((ingress) -> ingress.getSpec()
				.getRules()
				.get(0)
				.getHttp()
				.getPaths()
				.get(0)
				.getPath()
				.equals("/voice"))
			.findFirst()
			.orElseThrow();
		assertThat(Long
			.parseLong(voice.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
			.as("the media stream outlives the longest call")
			.isGreaterThan(3600);
	}

	@Test
	void productionRunsTwoOfEverythingWithDisruptionBudgets() {
		for (StackService service : StackService.ALL) {
			assertThat(deployment("production", service.name()).getSpec().getReplicas()).as(service.name())
				.isGreaterThanOrEqualTo(2);
			PodDisruptionBudget budget = find("production", PodDisruptionBudget.class, service.name());
			assertThat(budget.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name",
					service.name());
		}
		for (StackService service : StackService.ALL) {
			assertThat(deployment("local", service.name()).getSpec().getReplicas()).as(service.name()).isEqualTo(1);
		}
	}

	/**
	 * Every pair of services that may talk is allowed on both ends (the caller's egress
	 * and the callee's ingress) on the callee's port, and no other pair is.
	 */
	@Test
	void productionNetworkPoliciesLetEachServiceReachOnlyWhatItCalls() {
		List<NetworkPolicy> policies = all("production", NetworkPolicy.class);
		assertThat(policies).anySatisfy((policy) -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		});
		Set<String> allowedIngress = new HashSet<>();
		Set<String> allowedEgress = new HashSet<>();
		Set<String> fromIngressController = new HashSet<>();
		for (NetworkPolicy policy : policies) {
			String target = policy.getSpec().getPodSelector().getMatchLabels() == null ? null
					: policy.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
			if (target == null) {
				continue;
			}
			for (var rule : policy.getSpec().getIngress()) {
				for (NetworkPolicyPeer peer : rule.getFrom()) {
					if (peer.getNamespaceSelector() != null) {
						fromIngressController.add(target + ":" + ports(rule.getPorts()));
					}
					else {
						allowedIngress.add(peerName(peer) + "->" + target + ":" + ports(rule.getPorts()));
					}
				}
			}
			for (var rule : policy.getSpec().getEgress()) {
				for (NetworkPolicyPeer peer : rule.getTo()) {
					if (peer.getPodSelector() != null) {
						allowedEgress.add(target + "->" + peerName(peer) + ":" + ports(rule.getPorts()));
					}
				}
			}
		}
		Set<String> expected = CALLS.entrySet()
			.stream()
			.flatMap((calls) -> calls.getValue()
				.stream()
				.map((callee) -> calls.getKey() + "->" + callee + ":" + port(callee)))
			.collect(Collectors.toSet());
		assertThat(allowedIngress).as("ingress between services").isEqualTo(expected);
		assertThat(allowedEgress).as("egress between services").isEqualTo(expected);
		assertThat(fromIngressController).as("reached from the ingress controller")
			.isEqualTo(PUBLIC.stream().map((name) -> name + ":" + port(name)).collect(Collectors.toSet()));
	}

	@ParameterizedTest
	@FieldSource("services")
	void composeRunsTheSameImagesAsKubernetes(StackService service) throws IOException {
		Map<String, Object> compose = DeploymentConsistencyTests.compose(service.name());
		for (String overlay : overlays) {
			String image = only(deployment(overlay, service.name()).getSpec().getTemplate().getSpec().getContainers())
				.getImage();
			assertThat(compose.get("image")).isEqualTo(image);
		}
	}

	@Test
	void imagesArePinnedToOneJdkBuildAndRunAsTheirNonRootUser() throws IOException {
		assertThat(pomProperty("jib.base-image")).as("a JDK build, not a moving tag")
			.matches("eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-jre-[a-z]+");
		assertThat(jibUser()).matches("[1-9]\\d*:[1-9]\\d*");
	}

	@Test
	void theLocalOverlaysDatabaseCreatesEveryServicesDatabase() {
		ConfigMap init = find("local", ConfigMap.class, "postgres-init");
		List<String> databases = Pattern.compile("CREATE DATABASE ([a-z_]+);")
			.matcher(init.getData().get("create-databases.sql"))
			.results()
			.map((match) -> match.group(1))
			.toList();
		assertThat(databases).containsExactlyElementsOf(
				StackService.ALL.stream().map(StackService::database).filter((name) -> name != null).toList());
	}

	private static void assertProbe(Probe probe, String path) {
		assertThat(probe).as(path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
	}

	private static String peerName(NetworkPolicyPeer peer) {
		return peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
	}

	private static String ports(List<NetworkPolicyPort> ports) {
		return ports.stream()
			.map((port) -> port.getPort().getIntVal() == null ? port.getPort().getStrVal()
					: String.valueOf(port.getPort().getIntVal()))
			.sorted()
			.collect(Collectors.joining(","));
	}

	private static int port(String service) {
		return StackService.ALL.stream()
			.filter((candidate) -> candidate.name().equals(service))
			.findFirst()
			.orElseThrow()
			.defaultPort();
	}

	/** The service's settings: its generated ConfigMap, whose name has a content hash. */
	private static Map<String, String> settings(String overlay, String service) {
		Container container = only(deployment(overlay, service).getSpec().getTemplate().getSpec().getContainers());
		String name = container.getEnvFrom()
			.stream()
			.filter((source) -> source.getConfigMapRef() != null
					&& source.getConfigMapRef().getName().startsWith(service + "-"))
			.findFirst()
			.orElseThrow()
			.getConfigMapRef()
			.getName();
		return find(overlay, ConfigMap.class, name).getData();
	}

	private static Deployment deployment(String overlay, String name) {
		return find(overlay, Deployment.class, name);
	}

	private static <T extends HasMetadata> T find(String overlay, Class<T> type, String name) {
		return all(overlay, type).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " in overlays/" + overlay));
	}

	private static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
		return rendered.get(overlay).stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T> T only(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	private static long seconds(String duration) {
		assertThat(duration).as("a duration setting in seconds").matches("\\d+s");
		return Duration.parse("PT" + duration.toUpperCase()).toSeconds();
	}

	private static long bytes(String quantity) {
		Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
		assertThat(matcher.matches()).as("memory quantity %s in Mi or Gi", quantity).isTrue();
		return Long.parseLong(matcher.group(1)) << (matcher.group(2).equals("Gi") ? 30 : 20);
	}

	private static String jibUser() throws IOException {
		return pomProperty("jib.user");
	}

	private static String pomProperty(String name) throws IOException {
		Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
			.matcher(Files.readString(ROOT.resolve("pom.xml")));
		assertThat(matcher.find()).as(name + " in pom.xml").isTrue();
		return matcher.group(1);
	}

	private static boolean kubectlAvailable() {
		try {
			return new ProcessBuilder("kubectl", "version", "--client").start().waitFor(20, TimeUnit.SECONDS);
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
