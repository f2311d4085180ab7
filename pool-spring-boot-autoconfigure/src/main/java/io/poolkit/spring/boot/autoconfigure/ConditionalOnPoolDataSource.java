package io.poolkit.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.poolkit.PoolDataSource;

import org.springframework.context.annotation.Conditional;

/**
 * {@link Conditional @Conditional} that matches when the bean factory defines a
 * {@link PoolDataSource} bean so far, {@code @Bean(defaultCandidate = false)} ones
 * included, which Boot's {@code @ConditionalOnBean} leaves out: the starter's metrics,
 * health, endpoint and tracing then find every pool with {@link PoolDataSources}. As for
 * {@code @ConditionalOnBean}, a bean counts by the type its definition declares (the
 * {@code @Bean} method's return type), so use it on auto-configurations that run after
 * the one defining the application's pool.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnPoolDataSourceCondition.class)
public @interface ConditionalOnPoolDataSource {

}
