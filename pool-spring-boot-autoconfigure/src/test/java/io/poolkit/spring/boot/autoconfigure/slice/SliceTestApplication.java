package io.poolkit.spring.boot.autoconfigure.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application a test slice finds by searching the test's package and those above it,
 * as in a user's project.
 */
@SpringBootApplication
public class SliceTestApplication {

}
