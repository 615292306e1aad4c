package io.vocalhost.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Stripe customers, checkout, portal, webhooks, subscriptions and plan state. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BillingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(BillingServiceApplication.class, args);
	}

}
