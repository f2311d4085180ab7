package io.poolkit.sample;

import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application as it ships (its application.yml), on a random port, against the
 * real PostgreSQL. The test classes extending this share one running application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class RunningSample {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("app.pool.url", PostgresTestSupport::url);
		registry.add("app.pool.username", PostgresTestSupport::user);
		registry.add("app.pool.password", PostgresTestSupport::password);
	}

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void http() {
		this.http = new Http(this.port);
	}

}
