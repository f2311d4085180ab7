package io.poolkit.sample.data;

import io.poolkit.PoolConfig;
import io.poolkit.PoolDataSource;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two ways to reach the database that the sample compares: the pool (Boot's
 * {@link JdbcClient} on the auto-configured {@link PoolDataSource}), and a connection
 * opened and closed per request.
 */
@Configuration(proxyBeanMethods = false)
public class DataConfiguration {

	@Bean
	ConnectionWaits connectionWaits() {
		return new ConnectionWaits();
	}

	/**
	 * A {@link JdbcClient} that opens a new physical connection for every statement, to
	 * the same database, as the same user, as the pool.
	 */
	@Bean
	PerRequestJdbc perRequestJdbc(PoolDataSource pool, ConnectionWaits waits) {
		PoolConfig config = pool.config();
		return new PerRequestJdbc(JdbcClient
			.create(new ConnectionPerRequestDataSource(config.url(), config.username(), config.password(), waits)));
	}

	/**
	 * Listens to the pool's borrows once the application is ready: the measurements start
	 * later, so nothing earlier is needed.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void listenToPoolWaits(ApplicationReadyEvent event) {
		PoolDataSource pool = event.getApplicationContext().getBean(PoolDataSource.class);
		ConnectionWaits waits = event.getApplicationContext().getBean(ConnectionWaits.class);
		pool.addListener(waits.poolListener());
	}

	/**
	 * A {@link JdbcClient} over connections opened per statement, as its own type so it
	 * cannot be confused.
	 */
	public record PerRequestJdbc(JdbcClient client) {
	}

}
