package io.vocalhost.assistant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Assistants, their configuration, phone numbers and plan limits. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AssistantServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssistantServiceApplication.class, args);
	}

}
