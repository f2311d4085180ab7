package io.poolkit.spring.boot.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test web application started inside a test method, for tests that must see what
 * happens during startup (log lines, failures) or that need settings no other test
 * shares. Listens on a random port.
 *
 * @param context the running application's context
 */
record RunningApplication(ConfigurableApplicationContext context) implements AutoCloseable {

	/**
	 * Starts the application.
	 * @param args command-line style properties, e.g. {@code --app.pool.max-size=2}
	 * @return the running application
	 */
	static RunningApplication start(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(List.of(args));
		return new RunningApplication(new SpringApplication(PoolTestApplication.class).run(all.toArray(String[]::new)));
	}

	/** The application's HTTP port. */
	int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/** The actuator, on the application's port. */
	Actuator actuator() {
		return new Actuator(port());
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
