package io.poolkit.spring.boot.autoconfigure.web;

import java.util.Map;

import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.endpoint.PoolEndpoint;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who can reach {@code /actuator/pool}, in a booted application: nobody over HTTP unless
 * the application exposes it; only its read operation with {@code access=read-only}; and,
 * exposed on a management port bound to localhost, not on the application's own port.
 * These are the settings the README recommends.
 */
class PoolEndpointAccessIntegrationTests {

	@Test
	void notExposedUnlessTheApplicationSaysSo() {
		try (RunningApplication application = start()) {
			assertThat(application.context().getBeanNamesForType(PoolEndpoint.class)).isEmpty();
			assertThat(application.actuator().get("/actuator/pool").status()).isEqualTo(404);
			assertThat(application.actuator().post("/actuator/pool/evict", null).status()).isEqualTo(404);
		}
	}

	@Test
	void readOnlyAccessLeavesOnlyTheReadOperation() {
		try (RunningApplication application = start("--management.endpoints.web.exposure.include=pool",
				"--management.endpoint.pool.access=read-only")) {
			Actuator actuator = application.actuator();
			assertThat(actuator.get("/actuator/pool").status()).isEqualTo(200);
			assertThat(actuator.post("/actuator/pool/suspend", null).status()).isBetween(400, 499);
			assertThat(actuator.post("/actuator/pool", Map.of("maxSize", 3)).status()).isBetween(400, 499);
			PoolDataSource pool = application.bean(PoolDataSource.class);
			assertThat(pool.stats().suspended()).isFalse();
			assertThat(pool.stats().max()).isEqualTo(2);
		}
	}

	@Test
	void onALocalManagementPortOnlyThere() {
		try (RunningApplication application = start("--management.endpoints.web.exposure.include=pool",
				"--management.server.port=0", "--management.server.address=127.0.0.1")) {
			int managementPort = application.context()
				.getEnvironment()
				.getRequiredProperty("local.management.port", Integer.class);
			assertThat(managementPort).isNotEqualTo(application.port());
			assertThat(application.actuator().get("/actuator/pool").status()).isEqualTo(404);
			Actuator management = new Actuator(managementPort);
			assertThat(management.get("/actuator/pool").status()).isEqualTo(200);
			assertThat(management.json("/actuator/pool")).containsEntry("name", "poolkit-access-it");
		}
	}

	private static RunningApplication start(String... management) {
		String[] pool = { "--app.pool.name=poolkit-access-it", "--app.pool.url=" + PostgresTestSupport.url(),
				"--app.pool.username=" + PostgresTestSupport.user(),
				"--app.pool.password=" + PostgresTestSupport.password(), "--app.pool.max-size=2",
				"--app.pool.min-idle=1" };
		String[] args = new String[pool.length + management.length];
		System.arraycopy(pool, 0, args, 0, pool.length);
		System.arraycopy(management, 0, args, pool.length, management.length);
		return RunningApplication.start(args);
	}

}
