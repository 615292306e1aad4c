package io.vocalhost.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The only public entry of VocalHost: routes every public path to the service that owns
 * it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayServiceApplication.class, args);
	}

}
