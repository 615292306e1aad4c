package io.vocalhost.common.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal service that uses the shared mechanics the way every VocalHost service does.
 */
@SpringBootApplication
public class TestApplication {

}
