package io.vocalhost.auth.service;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services that may get service tokens (OAuth 2.0 client credentials), each with its
 * secret and the scopes it may ask for. A client without a secret cannot get tokens.
 */
@ConfigurationProperties("vocalhost.auth")
public record ServiceClientProperties(@DefaultValue Map<String, Client> serviceClients) {

	public record Client(@DefaultValue("") String secret, @DefaultValue List<String> scopes) {
	}

}
