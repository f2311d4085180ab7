package io.poolkit.spring.boot.autoconfigure;

import io.poolkit.PoolDataSource;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnPoolDataSource}: bean definitions of type
 * {@link PoolDataSource}, by declared type, without creating any bean.
 */
class OnPoolDataSourceCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnPoolDataSource.class);
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		String[] names = (beanFactory != null) ? beanFactory.getBeanNamesForType(PoolDataSource.class, true, false)
				: new String[0];
		if (names.length == 0) {
			return ConditionOutcome.noMatch(message.didNotFind("PoolDataSource bean").atAll());
		}
		return ConditionOutcome.match(message.found("PoolDataSource bean", "PoolDataSource beans").items(names));
	}

}
