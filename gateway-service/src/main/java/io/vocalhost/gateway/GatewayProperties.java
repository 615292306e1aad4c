package io.vocalhost.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The downstream services by name (the names are also the route ids) and how the status
 * page checks them.
 */
@ConfigurationProperties("vocalhost")
public record GatewayProperties(Map<String, URI> services, @DefaultValue StatusCheck status) {

	public URI serviceUrl(String name) {
		return this.services.get(name);
	}

	/**
	 * @param timeout how long the status page waits for one service's health
	 */
	public record StatusCheck(@DefaultValue("2s") Duration timeout) {
	}

}
