package io.vocalhost.benchmark;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.netty.autoconfigure.NettyAutoConfiguration;
import org.springframework.boot.reactor.autoconfigure.ReactorAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.cloud.gateway.config.GatewayAutoConfiguration;

/**
 * The benchmark's floor: what a Boot app with only the gateway starter and one route
 * costs. It runs from the gateway's built jar (deploy/local/benchmark-bookings.sh), so it
 * imports the starter's auto-configurations by name instead of everything on that
 * classpath (our security, metrics, tracing and Kafka would make it no floor), and reads
 * no application.yml of ours. Outside io.vocalhost.gateway, so that neither the gateway's
 * component scan nor its tests find this configuration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		SslAutoConfiguration.class, ReactorAutoConfiguration.class, NettyAutoConfiguration.class,
		NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
		WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class, CodecsAutoConfiguration.class,
		JacksonAutoConfiguration.class, GatewayAutoConfiguration.class })
public class BareGatewayMain {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BareGatewayMain.class);
		application.setDefaultProperties(Map.of("spring.config.name", "bare-gateway", "server.port", "5099",
				"spring.cloud.gateway.server.webflux.routes[0].id", "upstream",
				"spring.cloud.gateway.server.webflux.routes[0].uri", "${BARE_GATEWAY_UPSTREAM:http://localhost:8083}",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/**"));
		application.run(args);
	}

}
