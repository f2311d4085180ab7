package io.poolkit.sample.web;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A simple meter registry beside Prometheus's, for the dashboard. The Prometheus registry
 * keeps a timer's percentiles out of {@code /actuator/metrics} (Prometheus computes them
 * on its server, from the histogram); the simple registry publishes them there as gauges,
 * {@code pool.acquire.percentile} tagged {@code phi=0.99}, which the dashboard reads
 * every second. With two registries Boot puts a composite in front of both, so every
 * meter, the pool's included, is recorded in each.
 */
@Configuration(proxyBeanMethods = false)
class DashboardMetricsConfiguration {

	@Bean
	SimpleMeterRegistry dashboardMeterRegistry(Clock clock) {
		return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
	}

}
