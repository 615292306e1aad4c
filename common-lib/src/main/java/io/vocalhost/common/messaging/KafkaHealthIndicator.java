package io.vocalhost.common.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the Kafka cluster answers a metadata request within the timeout. */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private AdminClient admin;

	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
		super("Kafka is not reachable");
		this.adminConfig = adminConfig;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis());
		int nodes = admin().describeCluster(options).nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("nodes", nodes);
	}

	private synchronized AdminClient admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.adminConfig);
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
			this.admin = AdminClient.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
		}
	}

}
