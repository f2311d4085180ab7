package io.poolkit.spring.boot.autoconfigure;

import java.util.Arrays;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns Boot's {@code DataSourceBuilder} failing with "No supported DataSource type
 * found" into Boot's "APPLICATION FAILED TO START" report pointing to the
 * {@link PoolDataSourceFactory}. {@code DataSourceBuilder.create().build()} in a
 * {@code @Bean} bound with {@code @ConfigurationProperties}, as Boot's documentation
 * shows for several data sources, picks the first pool of a fixed list found on the class
 * path; Poolkit is not on that list, so after the switch from HikariCP there is none.
 */
class DataSourceBuilderFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

	// Boot's message and class; matched as text, spring-boot-jdbc being optional here.
	private static final String NO_TYPE = "No supported DataSource type found";

	private static final String DATA_SOURCE_BUILDER = "org.springframework.boot.jdbc.DataSourceBuilder";

	private final BeanFactory beanFactory;

	DataSourceBuilderFailureAnalyzer(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException first) {
		// Boot's is not always the outermost IllegalStateException of the chain.
		IllegalStateException cause = null;
		BeanCreationException creation = null;
		for (Throwable candidate = rootFailure; candidate != null
				&& candidate != candidate.getCause(); candidate = candidate.getCause()) {
			if (candidate instanceof IllegalStateException failure && isDataSourceBuilders(failure)) {
				cause = failure;
			}
			// The innermost is the bean whose method failed; the outer ones, beans that
			// depend on it (a JdbcTemplate taking the DataSource).
			if (candidate instanceof BeanCreationException bean && bean.getBeanName() != null) {
				creation = bean;
			}
		}
		if (cause == null) {
			return null;
		}
		String bean = (creation != null && creation.getBeanName() != null) ? creation.getBeanName() : null;
		String prefix = (bean != null) ? prefixOf(bean) : null;
		String description = "Boot's DataSourceBuilder found no connection pool it supports"
				+ ((bean != null) ? " for the bean '" + bean + "'" : "")
				+ ((creation != null && creation.getResourceDescription() != null)
						? " (defined in " + creation.getResourceDescription() + ")" : "")
				+ ": it builds only the pools of a fixed list, Poolkit not among them, and HikariCP left the class "
				+ "path with the switch to Poolkit.";
		String action = "Build the pool with the PoolDataSourceFactory the starter provides: inject it into the @Bean "
				+ "method, return pools.create(\"" + ((prefix != null) ? prefix : "<prefix>") + "\")"
				+ ((prefix != null) ? "" : " with the prefix of the method's @ConfigurationProperties")
				+ " instead of DataSourceBuilder.create().build(), and remove the @ConfigurationProperties: the "
				+ "factory binds the prefix itself, with Poolkit's setting names (max-size, not maximum-pool-size).";
		return new FailureAnalysis(description, action, cause);
	}

	private static boolean isDataSourceBuilders(IllegalStateException failure) {
		return NO_TYPE.equals(failure.getMessage()) && Arrays.stream(failure.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().startsWith(DATA_SOURCE_BUILDER));
	}

	private String prefixOf(String bean) {
		if (!(this.beanFactory instanceof ConfigurableListableBeanFactory factory)
				|| !factory.containsBeanDefinition(bean)) {
			return null;
		}
		ConfigurationProperties properties = factory.findAnnotationOnBean(bean, ConfigurationProperties.class, false);
		if (properties == null) {
			return null;
		}
		String prefix = properties.prefix().isEmpty() ? properties.value() : properties.prefix();
		return prefix.isEmpty() ? null : prefix;
	}

}
