package io.poolkit.spring.boot.autoconfigure.observation;

import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.poolkit.PoolDataSource;
import io.poolkit.spring.boot.autoconfigure.ConditionalOnPoolDataSource;
import io.poolkit.spring.boot.autoconfigure.PoolDataSourceAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code poolkit.acquire} observation of every borrow
 * ({@link PoolAcquireObserver}) when the application has an {@link ObservationRegistry}
 * (Boot provides one with Actuator; with Micrometer Tracing each observation is a span):
 * set on every {@link PoolDataSource} bean, wrapped or not, as it is created, so borrows
 * made during startup are observed too. A {@link PoolAcquireObservationConvention} bean
 * changes the names and key values. The timers Boot's default meter handler makes of the
 * observation get a description (Prometheus' HELP text) through a {@code MeterFilter}.
 * <p>
 * Without an {@code ObservationRegistry} no observer is set and a borrow does no work for
 * it. {@code management.observations.enable.poolkit.acquire=false} (or
 * {@code ...enable.poolkit=false}, as Boot reads that map) sets none either, rather than
 * observe borrows only to drop them.
 */
@AutoConfiguration(after = PoolDataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ PoolDataSource.class, ObservationRegistry.class, DataSourceUnwrapper.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnPoolDataSource
public final class PoolObservationAutoConfiguration {

	@Bean
	static PoolAcquireObservationPostProcessor poolAcquireObservationPostProcessor(
			ObjectProvider<ObservationRegistry> registry, ObjectProvider<PoolAcquireObservationConvention> convention,
			Environment environment) {
		return new PoolAcquireObservationPostProcessor(registry, convention, isEnabled(environment));
	}

	/**
	 * Descriptions for the meters Boot's default meter handler makes of the observation
	 * (a Prometheus scrape then has their HELP text), when Micrometer's meters are there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	static class MeterDescriptionsConfiguration {

		@Bean
		MeterFilter poolAcquireMeterDescriptions(ObjectProvider<PoolAcquireObservationConvention> convention) {
			return new PoolAcquireMeterDescriptions(() -> {
				PoolAcquireObservationConvention own = convention.getIfAvailable();
				String name = (own != null) ? own.getName() : null;
				return (name != null) ? name : DefaultPoolAcquireObservationConvention.NAME;
			});
		}

	}

	// As Boot's own predicate reads management.observations.enable: the longest prefix
	// of the name that is set, else "all", else enabled.
	private static boolean isEnabled(Environment environment) {
		Map<String, Boolean> enable = Binder.get(environment)
			.bind("management.observations.enable", Bindable.mapOf(String.class, Boolean.class))
			.orElse(Map.of());
		String name = DefaultPoolAcquireObservationConvention.NAME;
		while (!name.isEmpty()) {
			Boolean enabled = enable.get(name);
			if (enabled != null) {
				return enabled;
			}
			int dot = name.lastIndexOf('.');
			name = (dot > 0) ? name.substring(0, dot) : "";
		}
		return enable.getOrDefault("all", true);
	}

	/**
	 * Sets the observer on each pool as its bean is created: one observer for all, made
	 * when the first pool needs it, so that the registry is not created early.
	 */
	static final class PoolAcquireObservationPostProcessor implements BeanPostProcessor {

		private final ObjectProvider<ObservationRegistry> registry;

		private final ObjectProvider<PoolAcquireObservationConvention> convention;

		private final boolean enabled;

		private volatile PoolAcquireObserver observer;

		PoolAcquireObservationPostProcessor(ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<PoolAcquireObservationConvention> convention, boolean enabled) {
			this.registry = registry;
			this.convention = convention;
			this.enabled = enabled;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (this.enabled && bean instanceof DataSource dataSource) {
				PoolDataSource pool = DataSourceUnwrapper.unwrap(dataSource, PoolDataSource.class);
				// A pool that has one already (the application's own) keeps it.
				if (pool != null && pool.acquireObserver() == null) {
					PoolAcquireObserver observer = observer();
					if (observer != null) {
						pool.setAcquireObserver(observer);
					}
				}
			}
			return bean;
		}

		private PoolAcquireObserver observer() {
			PoolAcquireObserver current = this.observer;
			if (current == null) {
				ObservationRegistry registry = this.registry.getIfAvailable();
				if (registry == null || registry.isNoop()) {
					return null;
				}
				current = new PoolAcquireObserver(registry, this.convention.getIfAvailable());
				this.observer = current;
			}
			return current;
		}

	}

}
