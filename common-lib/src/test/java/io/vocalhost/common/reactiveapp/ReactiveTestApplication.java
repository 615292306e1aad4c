package io.vocalhost.common.reactiveapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal reactive (WebFlux) service, as the voice bridge will be, using the shared
 * mechanics the way a service does: nothing of its own but its endpoints.
 */
@SpringBootApplication
public class ReactiveTestApplication {

}
