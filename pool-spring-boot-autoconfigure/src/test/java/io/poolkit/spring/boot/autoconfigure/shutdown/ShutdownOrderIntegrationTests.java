package io.poolkit.spring.boot.autoconfigure.shutdown;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;

import io.poolkit.PoolDataSource;
import io.poolkit.testkit.PostgresTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool closes with the application context, and only after the web server has stopped
 * taking requests: a request still in flight can finish its database work.
 */
class ShutdownOrderIntegrationTests {

	@Test
	void thePoolClosesAfterTheWebServerHasStopped() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.properties("server.port=0", "app.pool.name=shutdown", "app.pool.max-size=1", "app.pool.min-idle=1",
					"app.pool.url=" + PostgresTestSupport.url(), "app.pool.username=" + PostgresTestSupport.user(),
					"app.pool.password=" + PostgresTestSupport.password())
			.run();
		PoolDataSource pool = context.getBean(PoolDataSource.class);
		ShutdownProbe probe = context.getBean(ShutdownProbe.class);
		assertThat(probe.port).isPositive();
		assertThat(accepts(probe.port)).as("web server accepts connections while running").isTrue();
		context.close();
		assertThat(probe.destroyed).isTrue();
		assertThat(probe.webServerAcceptedAtDestroy).as("web server stopped before the pool closed").isFalse();
		assertThat(probe.poolLentAtDestroy).as("pool still lent connections then").isTrue();
		assertThat(pool.isClosed()).isTrue();
	}

	static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		ShutdownProbe shutdownProbe(PoolDataSource pool) {
			return new ShutdownProbe(pool);
		}

	}

	/**
	 * Depends on the pool, so Spring destroys it just before the pool: what it sees then
	 * is what the pool's own close sees.
	 */
	static class ShutdownProbe implements DisposableBean, ApplicationListener<WebServerInitializedEvent> {

		private final PoolDataSource pool;

		volatile int port;

		volatile boolean destroyed;

		volatile boolean webServerAcceptedAtDestroy;

		volatile boolean poolLentAtDestroy;

		ShutdownProbe(PoolDataSource pool) {
			this.pool = pool;
		}

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			this.port = event.getWebServer().getPort();
		}

		@Override
		public void destroy() {
			this.webServerAcceptedAtDestroy = accepts(this.port);
			try (Connection connection = this.pool.getConnection()) {
				this.poolLentAtDestroy = connection.isValid(1);
			}
			catch (SQLException ex) {
				this.poolLentAtDestroy = false;
			}
			this.destroyed = true;
		}

	}

}
